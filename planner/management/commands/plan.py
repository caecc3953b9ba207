"""`manage.py plan`: a roadmap and eligibility report from the command line."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planner.engine import Catalog, InputError
from planner.requests import roadmap_document
from roles.catalog_file import CatalogFileError, load_document, validate

# Request field -> the option that sets it, so an error names what the user typed.
OPTION_OF = {
    "education": "--education",
    "completed": "--completed",
    "credentials": "--credential",
    "licences": "--licence",
    "experience": "--experience",
    "role": "--role",
    "positions": "--position",
    "start": "--start",
    "readiness": "--readiness",
    "study_while_working": "--study-while-working",
    "avoid": "--avoid",
    "via": "--via",
    "target": "--target",
    "target_credential": "--target-credential",
    "check": "--check",
}


def parse_position(text: str) -> dict:
    """ROLE:START[:END][:part] -> a position mapping."""
    parts = text.split(":")
    if len(parts) < 2:
        raise InputError("positions", f"{text!r} is not ROLE:START[:END][:part]")
    position = {"role": parts[0], "start": parts[1], "end": None, "full_time": True}
    for extra in parts[2:]:
        if extra == "part":
            position["full_time"] = False
        elif extra:
            position["end"] = extra
    return position


class Command(BaseCommand):
    help = "Plan the earliest roadmap to a role or credential, and report eligibility."

    def add_arguments(self, parser):
        person = parser.add_argument_group("the person")
        person.add_argument("--education", default="none", metavar="LEVEL")
        person.add_argument("--completed", action="append", default=[], metavar="PROGRAM")
        person.add_argument(
            "--credential", action="append", default=[], metavar="SLUG[@YYYY-MM-DD]"
        )
        person.add_argument("--licence", action="append", default=[], metavar="SLUG")
        person.add_argument("--experience", action="append", default=[], metavar="KIND=MONTHS")
        person.add_argument("--role", metavar="SLUG", help="the role held now")
        person.add_argument(
            "--position",
            action="append",
            default=[],
            metavar="ROLE:START[:END][:part]",
            help="a dated job (repeatable)",
        )
        plan = parser.add_argument_group("the plan")
        plan.add_argument("--start", metavar="YYYY-MM-DD", help="default: today")
        plan.add_argument("--readiness", default="recommended", metavar="required|recommended")
        plan.add_argument("--study-while-working", action="store_true")
        plan.add_argument("--avoid", action="append", default=[], metavar="PROGRAM")
        plan.add_argument("--via", action="append", default=[], metavar="WAYPOINT")
        goal = plan.add_mutually_exclusive_group(required=True)
        goal.add_argument("--target", metavar="ROLE_SLUG")
        goal.add_argument("--target-credential", metavar="SLUG")
        plan.add_argument("--check", action="append", default=[], metavar="CREDENTIAL")
        parser.add_argument(
            "--catalog", type=Path, metavar="FILE", help="plan against a catalog file, not the DB"
        )
        parser.add_argument("--json", action="store_true", help="print the roadmap document")
        parser.add_argument(
            "--no-effort-limit",
            action="store_true",
            help="search as long as it takes instead of answering 'too complex to plan'",
        )

    def handle(self, **options):
        try:
            catalog = self.catalog(options["catalog"])
            data = {
                "education": options["education"],
                "completed": options["completed"],
                "credentials": options["credential"],
                "licences": options["licence"],
                "experience": options["experience"],
                "role": options["role"],
                "positions": [parse_position(text) for text in options["position"]],
                "start": options["start"],
                "readiness": options["readiness"],
                "study_while_working": options["study_while_working"],
                "avoid": options["avoid"],
                "via": options["via"],
                "target": options["target"],
                "target_credential": options["target_credential"],
                "check": options["check"],
            }
            bounded = not options["no_effort_limit"]
            document = roadmap_document(catalog, data, today=date.today(), bounded=bounded)
        except InputError as error:
            option = OPTION_OF.get(error.field, error.field)
            raise CommandError(f"{option}: {error.message}", returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(document, indent=2))
        else:
            self.stdout.write(render_text(document))

    def catalog(self, path: Path | None) -> Catalog:
        if path is None:
            from planner.snapshot import current_catalog

            return current_catalog()
        try:
            doc = load_document(path)
            validate(doc, path=str(path))
        except CatalogFileError as error:
            raise CommandError(f"--catalog: {error}", returncode=2) from None
        except OSError as error:  # missing, a directory, unreadable
            reason = error.strerror or type(error).__name__
            raise CommandError(f"--catalog: cannot read {path}: {reason}", returncode=2) from None
        return Catalog.from_document(doc)


def render_text(document: dict) -> str:
    """The roadmap as a support person would read it aloud."""
    target = document["target"]
    lines = [f"Roadmap to {target['title']}, starting {document['start']}"]
    if document.get("too_complex"):
        lines.append(f"Not planned: {document['reason']} (or use --no-effort-limit)")
    elif not document["reachable"]:
        lines.append(f"Not reachable: {document['reason']}")
    else:
        lines.append(f"Finish {document['finish']} ({document['months']} months)")
        lines.append("")
        for number, step in enumerate(document["steps"], 1):
            span = (
                step["start"]
                if step["start"] == step["end"]
                else f"{step['start']} → {step['end']}"
            )
            cost = f", ${step['cost']:,}" if step.get("cost") else ""
            lines.append(f"{number:>2}. {span}  {step['title']}{cost}")
            lines.append(f"    because: {step['because']}")
    if document["eligibility"]:
        lines.append("")
        lines.append("Eligibility")
        for report in document["eligibility"]:
            lines.append(
                f"  {report['credential'].upper()} (rules from {report['rule_effective']})"
            )
            for strength in ("required", "recommended"):
                check = report[strength]
                if check is None:
                    continue
                lines.append(f"    {strength}: {describe_check(check, strength)}")
    return "\n".join(lines) + "\n"


def describe_check(check: dict, strength: str) -> str:
    status = check["status"]
    if status == "met" and check.get("route") in (None, "no requirement"):
        return "nothing required" if strength == "required" else "no readiness advice set"
    if status == "met":
        return f"met now ({check['route']})" if check.get("route") else "met now"
    if status == "later":
        return f"met on {check['date']} by {check['route']}"
    return "blocked: missing " + "; ".join(check.get("missing") or ["a route"])
