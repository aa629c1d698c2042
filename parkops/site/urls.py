from django.urls import path

from parkops.site import views

urlpatterns = [path("", views.home, name="home")]
