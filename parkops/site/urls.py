from django.urls import path

from parkops.site import gap_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("data-gaps/", gap_views.data_gaps_page, name="data_gaps"),
    path("data-gaps/export.xlsx", gap_views.data_gaps_export, name="data_gaps_export"),
]
