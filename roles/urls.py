from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    # Roles (the home page "/" is planner.urls_public's)
    path("roles/", views.role_list, name="role-list"),
    path("roles/<slug:slug>/", views.role_detail, name="role-detail"),
    # Credentials
    path("credentials/", views.credential_list, name="credential-list"),
    path("credentials/<slug:slug>/", views.credential_detail, name="credential-detail"),
    # Programs and words
    path("programs/", views.program_list, name="program-list"),
    path("glossary/", views.glossary, name="glossary"),
]
