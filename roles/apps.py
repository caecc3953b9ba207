from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Career catalog"

    def ready(self):
        from . import checks, signals  # noqa: F401 - registers the handlers and checks
        from .groups import create_catalog_editor_group

        post_migrate.connect(create_catalog_editor_group, sender=self)
