from django.contrib import admin
from django.urls import include, path

from careerplanner.health import healthz
from planner.api import api

admin.site.site_header = "Career Planner catalog"
admin.site.site_title = "Career Planner admin"
admin.site.index_title = "Edit the career catalog"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("planner.urls")),
    path("", include("planner.urls_public")),
    path("", include("roles.urls")),
]

handler500 = "careerplanner.errors.server_error"
