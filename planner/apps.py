from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "planner"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the sign-up receiver)
