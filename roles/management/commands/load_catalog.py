from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.catalog_file import CatalogFileError, load_document, validate
from roles.catalog_io import catalog_is_empty
from roles.catalog_io import load_document as load_into_database

SHIPPED = Path(settings.BASE_DIR) / "roles" / "data" / "catalog.json"


class Command(BaseCommand):
    help = (
        "Load a catalog file (default: the shipped dataset) into the database. The whole "
        "file is validated first; on any error nothing changes. Loading is idempotent: the "
        "database ends up saying exactly what the file says."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SHIPPED), type=Path)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the catalog is empty (keeps an admin's edits).",
        )

    def handle(self, path: Path, if_empty: bool, verbosity: int, **options):
        if if_empty and not catalog_is_empty():
            self.stdout.write("The catalog already has data; left as it is.")
            return
        try:
            doc = load_document(path)
            validate(doc, path=str(path))
        except CatalogFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        report = load_into_database(doc)
        if verbosity > 1:
            for line in report.changed:
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Loaded {path.name}: {report}."))
