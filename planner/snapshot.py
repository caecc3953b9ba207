"""The engine's view of the catalog: built once per catalog version, shared per process.

Every catalog change bumps `CatalogVersion` in the database (roles/signals.py), so each
process sees an edit on its next request, whichever process made it. Reading the version
is one query; the snapshot itself is rebuilt only when the number moves.

Each snapshot also carries a digest of the document it was built from: the shared cache
(planner/page_cache.py) keys answers by it, so an answer is reused exactly while the
catalog says the same thing, whichever process or version number worked it out.
"""

import hashlib
import json
import threading
from typing import NamedTuple

from roles.catalog_io import export_document
from roles.models import CatalogVersion

from .engine import Catalog
from .renewals import RenewalRules


class Snapshot(NamedTuple):
    version: int
    catalog: Catalog
    digest: str


_lock = threading.Lock()
_snapshot: Snapshot | None = None


def current_catalog() -> Catalog:
    global _snapshot
    version = CatalogVersion.current()
    snapshot = _snapshot
    if snapshot is not None and snapshot.version == version:
        return snapshot.catalog
    with _lock:
        if _snapshot is None or _snapshot.version != version:
            doc = export_document()
            digest = hashlib.sha256(
                json.dumps(doc, sort_keys=True, default=str).encode()
            ).hexdigest()
            _snapshot = Snapshot(version, Catalog.from_document(doc), digest)
        return _snapshot.catalog


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


def digest_of(catalog: Catalog) -> str | None:
    """The digest of the document `catalog` was built from, if it is the current snapshot
    (a catalog built some other way, or replaced meanwhile, has none)."""
    snapshot = _snapshot
    return snapshot.digest if snapshot is not None and snapshot.catalog is catalog else None


def version_of(catalog: Catalog) -> int | None:
    """The CatalogVersion number `catalog` was built for, if it is the current snapshot."""
    snapshot = _snapshot
    return snapshot.version if snapshot is not None and snapshot.catalog is catalog else None
