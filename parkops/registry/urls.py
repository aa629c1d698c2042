from django.urls import path

from parkops.registry import views

app_name = "registry"
urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_new, name="enterprise_new"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("enterprises/<int:pk>/years/new/", views.enterprise_year_new, name="year_new"),
    path(
        "enterprises/<int:pk>/years/<int:year>/edit/",
        views.enterprise_year_edit,
        name="year_edit",
    ),
    path(
        "enterprises/<int:pk>/designations/new/",
        views.designation_new,
        name="designation_new",
    ),
    path(
        "enterprises/<int:pk>/designations/<int:item>/edit/",
        views.designation_edit,
        name="designation_edit",
    ),
    path(
        "enterprises/<int:pk>/designations/<int:item>/end/",
        views.designation_end_view,
        name="designation_end",
    ),
    path("small-parks/", views.smallpark_list, name="smallpark_list"),
    path("small-parks/<int:pk>/", views.smallpark_detail, name="smallpark_detail"),
    path("small-parks/<int:pk>/edit/", views.smallpark_edit, name="smallpark_edit"),
    path("plots/", views.plot_list, name="plot_list"),
    path("plots/<int:pk>/", views.plot_detail, name="plot_detail"),
]
