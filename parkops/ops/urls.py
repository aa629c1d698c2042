from django.urls import path

from parkops.ops import views

app_name = "ops"
urlpatterns = [path("audit/", views.audit_list, name="audit_list")]
