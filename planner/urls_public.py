"""Pages for people without an account (planner/views_public.py)."""

from django.urls import path

from . import views_public as views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    # Planning without an account
    path("plan/", views.plan, name="plan"),
    path("compare/", views.compare_paths, name="compare"),
    # The career map
    path("map/", views.career_map, name="career-map"),
]
