from django.urls import path

from parkops.attraction import views, views_commitments, views_incentives, views_vetoes

app_name = "attraction"
urlpatterns = [
    path("", views.board, name="board"),
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/export.xlsx", views.lead_export, name="lead_export"),
    path("leads/new/", views.lead_new, name="lead_new"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/edit/", views.lead_edit, name="lead_edit"),
    path("leads/<int:pk>/act/", views.lead_act, name="lead_act"),
    path("screenings/<int:pk>/memo.docx", views.screening_memo, name="screening_memo"),
    path("rules/", views.rule_set_detail, name="rule_set"),
    path("rules/vetoes/", views_vetoes.veto_upload, name="veto_upload"),
    path("commitments/", views_commitments.commitment_list, name="commitment_list"),
    path("commitments/export.xlsx", views_commitments.commitment_export, name="commitment_export"),
    path("leads/<int:pk>/commitment/", views_commitments.commitment_edit, name="commitment_edit"),
    path("incentives/", views_incentives.incentive_ledger, name="incentive_ledger"),
    path("incentives/export.xlsx", views_incentives.incentive_export, name="incentive_export"),
    path(
        "incentives/totals.xlsx",
        views_incentives.incentive_totals_export,
        name="incentive_totals_export",
    ),
    path("incentives/compute/", views_incentives.incentive_compute, name="incentive_compute"),
]
