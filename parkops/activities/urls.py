from django.urls import path

from parkops.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_new, name="activity_new"),
    path("export.xlsx", views.activity_export, name="activity_export"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/requests/", views.requests_new, name="requests_new"),
]
