from django.urls import path

from parkops.land import views

app_name = "land"
urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("export/<str:kind>.xlsx", views.action_export, name="action_export"),
    path("flags/", views.flags, name="flags"),
    path("controls/", views.control_list, name="control_list"),
    path("controls/new/", views.control_new, name="control_new"),
    path("controls/<int:pk>/edit/", views.control_edit, name="control_edit"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_new, name="batch_new"),
    path("batches/<int:pk>/resettlement/", views.resettlement, name="resettlement"),
    path("conflicts/", views.conflicts, name="conflicts"),
]
