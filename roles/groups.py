"""The "Catalog editor" group: edits the whole catalog in the admin, and nothing else."""

from django.contrib.auth.models import Group, Permission

CATALOG_EDITOR = "Catalog editor"


def ensure_catalog_editor_group(using: str = "default") -> Group:
    """Create the group, or bring its permissions up to date: every catalog permission
    (add, change, delete, view on each model of the roles app, histories included) and
    none on users or groups. Safe to run again; runs after every migrate."""
    group, _ = Group.objects.using(using).get_or_create(name=CATALOG_EDITOR)
    group.permissions.set(Permission.objects.using(using).filter(content_type__app_label="roles"))
    return group


def create_catalog_editor_group(app_config, using="default", **kwargs) -> None:
    """post_migrate handler (connected in RolesConfig.ready)."""
    ensure_catalog_editor_group(using)
