from django.urls import path

from parkops.briefings import views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="briefing_list"),
    path("review/", views.review_page, name="review"),
    path("<int:pk>/download.docx", views.briefing_download, name="briefing_download"),
]
