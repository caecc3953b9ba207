from pathlib import Path

from django.core.management.base import BaseCommand

from roles.catalog_file import dump_document
from roles.catalog_io import export_document


class Command(BaseCommand):
    help = "Write the catalog in the database as a catalog file (to stdout, or to PATH)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path)

    def handle(self, path: Path | None, **options):
        text = dump_document(export_document())
        if path is None:
            self.stdout.write(text, ending="")
        else:
            path.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {path}.")
