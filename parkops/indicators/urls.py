from django.urls import path

from parkops.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/export.xlsx", views.indicator_export, name="indicator_export"),
    path("indicators/<int:number>/<int:year>/", views.cell_detail, name="cell_detail"),
]
