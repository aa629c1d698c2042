from django.urls import path

from parkops.service import views, views_calendar, views_reports

app_name = "service"
urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/export.xlsx", views.request_export, name="request_export"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("requests/<int:pk>/<slug:action>/", views.request_act, name="request_act"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("inbox/", views_reports.inbox, name="inbox"),
    path("escalated/", views_reports.escalated, name="escalated"),
    path("monthly/", views_reports.monthly, name="monthly"),
    path("calendar/", views_calendar.calendar_years, name="calendar_years"),
]
