"""The engine's view of the catalog: built once per catalog version, shared per process.

Every catalog change bumps `CatalogVersion` in the database (roles/signals.py), so each
process sees an edit on its next request, whichever process made it. Reading the version
is one query; the snapshot itself is rebuilt only when the number moves.
"""

import threading

from roles.catalog_io import export_document
from roles.models import CatalogVersion

from .engine import Catalog
from .renewals import RenewalRules

_lock = threading.Lock()
_snapshot: tuple[int, Catalog] | None = None


def current_catalog() -> Catalog:
    global _snapshot
    version = CatalogVersion.current()
    snapshot = _snapshot
    if snapshot is not None and snapshot[0] == version:
        return snapshot[1]
    with _lock:
        if _snapshot is None or _snapshot[0] != version:
            _snapshot = (version, Catalog.from_document(export_document()))
        return _snapshot[1]


_renewal_rules: tuple[int, RenewalRules] | None = None


def current_renewal_rules() -> RenewalRules:
    """The renewal rules (planner.renewals), rebuilt like the engine's snapshot: only when
    the catalog version moves."""
    global _renewal_rules
    version = CatalogVersion.current()
    rules = _renewal_rules
    if rules is not None and rules[0] == version:
        return rules[1]
    with _lock:
        if _renewal_rules is None or _renewal_rules[0] != version:
            _renewal_rules = (version, RenewalRules.from_document(export_document()))
        return _renewal_rules[1]
