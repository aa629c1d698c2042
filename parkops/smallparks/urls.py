from django.urls import path

from parkops.smallparks import views

app_name = "smallparks"
urlpatterns = [
    path("ratings/", views.rating_list, name="rating_list"),
    path("ratings/run/", views.rating_run, name="rating_run"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.estate, name="estate"),
    path("<int:pk>/add/<str:what>/", views.estate_add, name="estate_add"),
    path("<int:pk>/tenancies/<int:item>/end/", views.tenancy_end, name="tenancy_end"),
    path("<int:pk>/vacancies/<int:item>/let/", views.vacancy_let, name="vacancy_let"),
]
