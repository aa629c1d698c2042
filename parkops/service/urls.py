from django.urls import path

from parkops.service import views_calendar

app_name = "service"
urlpatterns = [
    path("calendar/", views_calendar.calendar_years, name="calendar_years"),
]
