from django.urls import path

from parkops.visits import views, views_lists

app_name = "visits"
urlpatterns = [
    path("", views.visit_list, name="visit_list"),
    path("new/", views.visit_new, name="visit_new"),
    path("export.xlsx", views.visit_export, name="visit_export"),
    path("<int:pk>/", views.visit_detail, name="visit_detail"),
    path("<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("due/", views_lists.due_list, name="due_list"),
    path("coverage/", views_lists.coverage_page, name="coverage"),
    path("cycles/", views_lists.cycle_list, name="cycles"),
    path("questions/", views_lists.question_list, name="question_list"),
    path("questions/new/", views_lists.question_new, name="question_new"),
    path("policies/", views_lists.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views_lists.policy_detail, name="policy_detail"),
]
