from django.urls import path

from parkops.imports import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.import_home, name="home"),
    path("imports/upload/", views.import_upload_view, name="upload"),
    path("imports/<int:pk>/", views.import_preview, name="preview"),
    path("imports/<int:pk>/confirm/", views.import_confirm_view, name="confirm"),
    path("imports/<int:pk>/undo/", views.import_undo_view, name="undo"),
    path("imports/templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("enterprises/export.xlsx", views.export_enterprises, name="export_enterprises"),
    path("small-parks/export.xlsx", views.export_small_parks, name="export_small_parks"),
    path("plots/export.xlsx", views.export_plots, name="export_plots"),
    path("imports/export/figures.xlsx", views.export_figures, name="export_figures"),
]
