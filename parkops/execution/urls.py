from django.urls import path

from parkops.execution import views

app_name = "execution"
urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/export.xlsx", views.project_export, name="project_export"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/milestone/", views.milestone_edit, name="milestone_edit"),
    path("cultivation/", views.cultivation_list, name="cultivation_list"),
    path("cultivation/new/", views.cultivation_new, name="cultivation_new"),
    path("cultivation/export.xlsx", views.cultivation_export, name="cultivation_export"),
    path("cultivation/<int:pk>/", views.cultivation_detail, name="cultivation_detail"),
    path("cultivation/<int:pk>/edit/", views.cultivation_edit, name="cultivation_edit"),
    path("infrastructure/", views.infra_list, name="infra_list"),
    path("infrastructure/export.xlsx", views.infra_export, name="infra_export"),
    path("infrastructure/<int:pk>/", views.infra_detail, name="infra_detail"),
    path("infrastructure/<int:pk>/edit/", views.infra_edit, name="infra_edit"),
]
