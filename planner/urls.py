from django.urls import path

from .views import account, plans, renewals, sharing, situation

app_name = "planner"

urlpatterns = [
    # My situation
    path("situation/", situation.situation, name="situation"),
    # Plans (every URL with an id looks the plan up among the signed-in person's own)
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/preview/", plans.plan_preview, name="plan-preview"),
    path("plans/<int:pk>/save/", plans.plan_save, name="plan-save"),
    path("plans/<int:pk>/accept/", plans.plan_accept, name="plan-accept"),
    path("plans/<int:pk>/delete/", plans.plan_delete, name="plan-delete"),
    path("plans/<int:pk>/steps/<str:key>/", plans.step_mark, name="step-mark"),
    # Renewals and CEUs (every URL with an id looks the entry up among the person's own)
    path("renewals/", renewals.renewals, name="renewals"),
    path("renewals/ceus/", renewals.ceu_create, name="ceu-create"),
    path("renewals/ceus/<int:pk>/", renewals.ceu_edit, name="ceu-edit"),
    path("renewals/ceus/<int:pk>/delete/", renewals.ceu_delete, name="ceu-delete"),
    path("renewals/aapc-due/", renewals.aapc_due, name="aapc-due"),
    # A plan taken out of the site: its calendar, and addresses opened by a token
    path("plans/<int:pk>/calendar.ics", sharing.plan_calendar, name="plan-calendar"),
    path("plans/<int:pk>/links/<slug:kind>/", sharing.link_renew, name="plan-link-renew"),
    path("plans/<int:pk>/links/<slug:kind>/revoke/", sharing.link_revoke, name="plan-link-revoke"),
    path("calendar/<slug:token>.ics", sharing.calendar_feed, name="calendar-feed"),
    path("shared/<slug:token>/", sharing.shared_plan, name="shared-plan"),
    # My account
    path("account/", account.account, name="account"),
    path("account/data.json", account.download_data, name="account-data"),
    path("account/delete/", account.delete_account, name="account-delete"),
    path("account/reminders/", account.account_reminders, name="account-reminders"),
    # The one-click link in reminder emails (no sign-in: the token is signed)
    path("reminders/off/<str:token>/", account.reminders_off, name="reminders-off"),
]
