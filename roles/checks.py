"""The catalog's integrity as a Django system check.

Like Django's own database checks it runs only when asked for a database:
`manage.py check --database default` (and `migrate`).
"""

from datetime import date

from django.core.checks import Warning, register
from django.db import DatabaseError


@register("catalog")
def catalog_integrity(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from .catalog_io import export_document
    from .integrity import problems

    try:
        doc = export_document()
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    return [
        Warning(problem, hint="Fix it in the admin or the dataset file.", id="roles.W001")
        for problem in problems(doc, today=date.today())
    ]
