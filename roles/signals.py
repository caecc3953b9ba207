"""Bump the catalog version on any change, so every process rebuilds its snapshot."""

import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import models

CATALOG_MODELS = (
    models.Source,
    models.ExperienceKind,
    models.Licence,
    models.Program,
    models.Credential,
    models.RenewalPolicy,
    models.RuleSet,
    models.Role,
    models.Move,
    models.Route,
    models.RouteExperience,
)
_state = threading.local()


@contextmanager
def one_version_bump():
    """Group many writes (a dataset load) into a single version bump at the end."""
    _state.batching = True
    try:
        yield
    finally:
        _state.batching = False
    models.CatalogVersion.bump()


def catalog_changed(sender, **kwargs):
    if kwargs.get("raw") or getattr(_state, "batching", False):
        return
    if kwargs.get("action", "post_").startswith("post_"):
        models.CatalogVersion.bump()


for model in CATALOG_MODELS:
    post_save.connect(catalog_changed, sender=model, dispatch_uid=f"bump-{model.__name__}")
    post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"del-{model.__name__}")
for through in (
    models.Role.accrues.through,
    models.Credential.supersedes.through,
    models.Route.programs.through,
    models.Route.credentials.through,
    models.Route.licences.through,
):
    m2m_changed.connect(catalog_changed, sender=through, dispatch_uid=f"m2m-{through.__name__}")
