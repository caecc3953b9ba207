"""The site's URLs and the bench's ceiling."""

from django.urls import include, path

from .server import ceiling

urlpatterns = [
    path("bench/ceiling", ceiling),
    path("", include("careerplanner.urls")),
]

handler500 = "careerplanner.errors.server_error"
