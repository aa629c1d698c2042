from django.urls import path

from parkops.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("new/", views.session_new, name="session_new"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/propose/", views.session_propose, name="session_propose"),
    path("pairs/<int:pk>/", views.pair_edit, name="pair_edit"),
    path("profiles/", views.profile_list, name="profile_list"),
    path("profiles/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
]
