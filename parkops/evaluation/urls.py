from django.urls import path

from parkops.evaluation import views, views_scheme

app_name = "evaluation"
urlpatterns = [
    path("evaluation/", views.run_list, name="run_list"),
    path("evaluation/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("evaluation/runs/<int:pk>/publish/", views.run_publish, name="run_publish"),
    path("evaluation/runs/<int:pk>/delete/", views.run_delete, name="run_delete"),
    path("evaluation/runs/<int:pk>/results/", views.run_results, name="run_results"),
    path("evaluation/runs/<int:pk>/bottom/", views.run_bottom, name="run_bottom"),
    path("evaluation/runs/<int:pk>/notice.docx", views.run_notice, name="run_notice"),
    path("evaluation/runs/<int:pk>/handbook/", views.run_handbook, name="run_handbook"),
    path(
        "evaluation/runs/<int:pk>/what-if/<int:enterprise_pk>/",
        views.what_if,
        name="what_if",
    ),
    path("evaluation/schemes/", views.scheme_list, name="scheme_list"),
    path("evaluation/schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("evaluation/schemes/<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("evaluation/schemes/<int:pk>/copy/", views.scheme_copy, name="scheme_copy"),
    path(
        "evaluation/schemes/<int:pk>/form/", views_scheme.scheme_form_edit, name="scheme_form_edit"
    ),
    path("evaluation/schemes/<int:pk>/export/", views_scheme.scheme_export, name="scheme_export"),
    path("evaluation/schemes/import/", views_scheme.scheme_import, name="scheme_import"),
    path("evaluation/veto-events/", views.veto_list, name="veto_list"),
    path("evaluation/veto-events/<int:pk>/", views.veto_detail, name="veto_detail"),
]
