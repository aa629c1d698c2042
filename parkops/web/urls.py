from django.urls import path

from parkops.web import views

urlpatterns = [path("", views.home, name="home")]
