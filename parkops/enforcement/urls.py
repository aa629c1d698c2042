from django.urls import path

from parkops.enforcement import views, views_plans, views_supervision

app_name = "enforcement"
urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/export.xlsx", views.inspection_export, name="inspection_export"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("rectifications/", views.rectification_list, name="rectification_list"),
    path("rectifications/export.xlsx", views.rectification_export, name="rectification_export"),
    path("penalties/", views.penalty_list, name="penalty_list"),
    path("penalties/new/", views.penalty_new, name="penalty_new"),
    path("accidents/", views_supervision.accident_list, name="accident_list"),
    path("accidents/new/", views_supervision.accident_new, name="accident_new"),
    path("accidents/<int:pk>/", views_supervision.accident_detail, name="accident_detail"),
    path("control-events/", views_supervision.control_event_list, name="control_event_list"),
    path("control-events/new/", views_supervision.control_event_new, name="control_event_new"),
    path(
        "control-events/import/",
        views_supervision.control_event_import,
        name="control_event_import",
    ),
    path(
        "control-events/export.xlsx",
        views_supervision.control_event_export,
        name="control_event_export",
    ),
    path("plans/", views_plans.plan_list, name="plan_list"),
    path("plans/new/", views_plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/targets/", views_plans.plan_target_add, name="plan_target_add"),
    path(
        "plans/<int:pk>/targets/<int:target>/remove/",
        views_plans.plan_target_remove,
        name="plan_target_remove",
    ),
    path("proposals/", views_supervision.proposal_list, name="proposal_list"),
]
