"""The catalog admin, made for an HIM educator who edits the data, not the code.

Every page keeps its history (django-simple-history); the main tables import and export
as CSV or JSON (django-import-export). A requirement's routes are edited inline on the
page of what they belong to, with their experience typed as text ("24 months coding"),
so no route needs a page of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.forms import CheckboxSelectMultiple, Textarea
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON
from simple_history.admin import SimpleHistoryAdmin

from .catalog_file import dump_document
from .catalog_io import export_document
from .catalog_io import load_document as load_into_database
from .forms import CatalogFileForm, InlineConstraintsForm, RouteForm, RuleSetRouteForm, TextField
from .models import (
    CatalogVersion,
    Credential,
    ExperienceKind,
    Licence,
    Move,
    Program,
    RenewalPolicy,
    Role,
    Route,
    RouteExperience,
    RuleSet,
    Source,
    one_line_ending,
)

MAIN_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 4, "cols": 80}), "form_class": TextField}
}
SHORT_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 30}), "form_class": TextField}
}


def routes_in_words(routes: Iterable[Route], lead: str = "One of") -> str:
    """ "One of: (1) bachelor's degree + 12 months of coding; (2) …", or "No conditions"."""
    described = [f"({n}) {route.describe()}" for n, route in enumerate(routes, start=1)]
    return f"{lead}: {'; '.join(described)}" if described else "No conditions"


def money(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "—"
    return f"${low or 0:,}–${high or 0:,}"


# Import and export ------------------------------------------------------------------------


class SlugWidget(widgets.ForeignKeyWidget):
    """A related row named by its slug; an unknown slug is an error that names it."""

    def __init__(self, model: type[models.Model]) -> None:
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"no {name} has the slug “{value}”") from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Related rows named by their slugs, comma-separated; unknown slugs are an error."""

    def __init__(self, model: type[models.Model]) -> None:
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        named = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        unknown = sorted(named - set(found.values_list("slug", flat=True)))
        if unknown:
            name = self.model._meta.verbose_name_plural
            listed = ", ".join(f"“{slug}”" for slug in unknown)
            raise ValueError(f"no {name} have the slugs {listed}")
        return found


class WholeNumberWidget(widgets.IntegerWidget):
    """Months, minutes, dollars: a whole number, or an error that names what was there."""

    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row, **kwargs)
        except ArithmeticError:  # decimal's error for text that is not a number
            raise ValueError(f"“{value}” is not a whole number") from None
        if number is not None and number < 0:
            raise ValueError(f"“{value}” is negative: give a whole number of 0 or more")
        return number


def by_slug(name: str, model: type[models.Model], many: bool = False) -> fields.Field:
    """A column naming related rows by slug, so a spreadsheet needs no database ids."""
    widget = SlugListWidget(model) if many else SlugWidget(model)
    return fields.Field(attribute=name, column_name=name, widget=widget)


class CatalogResource(resources.ModelResource):
    """Rows are matched by slug; each imported row is validated like an admin form.

    Every bad row is reported, each problem naming its column and the value found, and
    nothing is saved until every row is good. Line endings are made "\\n" as the admin
    stores them, so re-importing an exported file reports its rows as unchanged.
    """

    class Meta:
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField):
            return WholeNumberWidget
        return super().widget_from_django_field(f, default)

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = one_line_ending(value)

    def import_instance(self, instance, row, **kwargs):
        """Also check the many-to-many columns (saved later), so their errors are listed."""
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = dict(error.error_dict)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)


class SourceResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Source
        fields = ("slug", "title", "url", "as_of", "verified", "note")


class ExperienceKindResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = ExperienceKind
        fields = ("slug", "name", "description")


class LicenceResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Licence
        fields = ("slug", "name")


class ProgramResource(CatalogResource):
    duration_source = by_slug("duration_source", Source)
    cost_source = by_slug("cost_source", Source)

    class Meta(CatalogResource.Meta):
        model = Program
        fields = (
            "slug",
            "name",
            "kind",
            "description",
            "months_min",
            "months_max",
            "months_typical",
            "duration_source",
            "cost_min",
            "cost_max",
            "cost_source",
            "grants_level",
            "work_while_studying",
        )


class CredentialResource(CatalogResource):
    supersedes = by_slug("supersedes", Credential, many=True)
    exam_source = by_slug("exam_source", Source)
    renewal_source = by_slug("renewal_source", Source)
    apprentice_source = by_slug("apprentice_source", Source)

    class Meta(CatalogResource.Meta):
        model = Credential
        fields = (
            "slug",
            "acronym",
            "name",
            "issuer",
            "description",
            "scope",
            "earned_by",
            "supersedes",
            "exam_minutes",
            "exam_items",
            "exam_fee_usd",
            "exam_fee_note",
            "exam_source",
            "renewal_cycle_months",
            "renewal_ceus",
            "renewal_note",
            "renewal_source",
            "renewal_subject_ceus",
            "renewal_subject",
            "apprentice_deadline_months",
            "apprentice_note",
            "apprentice_source",
        )


class RoleResource(CatalogResource):
    salary_source = by_slug("salary_source", Source)
    median_pay_source = by_slug("median_pay_source", Source)
    outlook_source = by_slug("outlook_source", Source)
    hire_source = by_slug("hire_source", Source)
    accrues = by_slug("accrues", ExperienceKind, many=True)

    class Meta(CatalogResource.Meta):
        model = Role
        fields = (
            "slug",
            "title",
            "summary",
            "responsibilities",
            "track",
            "level",
            "setting",
            "code_sets",
            "salary_min",
            "salary_max",
            "salary_source",
            "median_pay",
            "median_pay_year",
            "median_pay_source",
            "remote",
            "outlook",
            "outlook_source",
            "environment",
            "schedule",
            "productivity",
            "accuracy",
            "accrues",
            "hire_source",
        )


CATALOG_FILE_MODELS = (
    Source,
    ExperienceKind,
    Licence,
    Program,
    Credential,
    RuleSet,
    Role,
    Move,
    Route,
    RouteExperience,
)


class CatalogAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Import and export (CSV or JSON) and a change history, with plain-words help texts."""

    change_list_template = "admin/roles/change_list_catalog.html"
    formats = [CSV, JSON]
    help_texts: dict[str, str] = {}
    formfield_overrides = MAIN_TEXT

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, help_texts=self.help_texts, **kwargs)


# Routes, inline on the page of what they belong to ----------------------------------------


class RouteChangesInHistory:
    """Route edits show in the history of what the routes belong to.

    Routes are inline rows with no page of their own, so saving them used to leave the
    owner a history entry in which nothing had changed. Now that entry's change reason
    says which routes were added and removed, and an entry with no change is dropped.
    """

    route_owner: str  # the Route field naming the owner: "move", "rule_set", ...

    def routes_in_words(self, obj) -> list[str]:
        routes = Route.objects.for_display().filter(**{self.route_owner: obj}).required_first()
        return [
            f"{route.strength} route: {route.describe()}" if route.strength else route.describe()
            for route in routes
        ]

    def save_related(self, request, form, formsets, change):
        before = self.routes_in_words(form.instance) if change else []
        super().save_related(request, form, formsets, change)
        after = self.routes_in_words(form.instance)
        entries = list(form.instance.history.all()[:2])
        if not entries:
            return  # history is switched off
        latest = entries[0]
        removed = [route for route in before if route not in after]
        added = [route for route in after if route not in before]
        if removed or added:
            words = [f"removed “{route}”" for route in removed]
            words += [f"added “{route}”" for route in added]
            latest.history_change_reason = "Routes: " + "; ".join(words) + "."
            latest.save(update_fields=["history_change_reason"])
        elif change and len(entries) == 2 and not latest.diff_against(entries[1]).changes:
            latest.delete()  # saved with nothing changed: no entry to read


ROUTE_FIELDS = (
    ("education", "current_role_accrues"),
    ("programs", "credentials", "licences"),
    ("experience", "position"),
    "note",
)


class RouteInline(admin.StackedInline):
    """Routes of one requirement: any one route is enough; within a route, all must hold.

    Each route's heading is the route in plain words, as the public site shows it.
    """

    model = Route
    form = RouteForm
    fields = ROUTE_FIELDS
    autocomplete_fields = ("programs", "credentials", "licences")
    extra = 1
    view_on_site = False
    verbose_name = "route"

    def get_queryset(self, request):
        return super().get_queryset(request).for_display()


class HireRouteInline(RouteInline):
    fk_name = "hire_role"
    verbose_name_plural = "Direct-hire routes: a person can be hired straight in by any one"


class MoveRouteInline(RouteInline):
    fk_name = "move"
    verbose_name_plural = "Requirement routes: the move needs any one (none = no requirement)"


class AdmissionRouteInline(RouteInline):
    fk_name = "admission_program"
    verbose_name_plural = "Admission routes: enrollment needs any one (none = open to anyone)"


class RuleSetRouteInline(RouteInline):
    fk_name = "rule_set"
    form = RuleSetRouteForm
    fields = ("strength", *ROUTE_FIELDS)
    verbose_name_plural = (
        "Routes: REQUIRED routes are a hard gate (a person must meet one); RECOMMENDED routes "
        "are advice (one is advised)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).required_first()


# Sources and small lists --------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(CatalogAdmin):
    resource_classes = [SourceResource]
    list_display = ("title", "as_of", "verified", "url")
    list_filter = ("verified",)
    search_fields = ("title", "slug", "url", "note")
    date_hierarchy = "as_of"
    fields = ("title", "slug", "url", "as_of", "verified", "note")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = {**MAIN_TEXT, models.URLField: {"assume_scheme": "https"}}
    help_texts = {
        "slug": "A short name the dataset file uses for this source, e.g. ahima-ccs.",
        "verified": "Untick when the issuing body has not confirmed the fact: the site then "
        "marks everything from this source as unverified.",
    }


@admin.register(ExperienceKind)
class ExperienceKindAdmin(ImportExportModelAdmin):
    change_list_template = "admin/roles/change_list_catalog.html"
    formfield_overrides = MAIN_TEXT
    resource_classes = [ExperienceKindResource]
    formats = [CSV, JSON]
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Licence)
class LicenceAdmin(ImportExportModelAdmin):
    change_list_template = "admin/roles/change_list_catalog.html"
    resource_classes = [LicenceResource]
    formats = [CSV, JSON]
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


# Programs ----------------------------------------------------------------------------------


@admin.register(Program)
class ProgramAdmin(RouteChangesInHistory, CatalogAdmin):
    route_owner = "admission_program"
    resource_classes = [ProgramResource]
    list_display = ("name", "kind", "months", "cost", "grants_level", "work_while_studying")
    list_filter = ("kind", "grants_level", "work_while_studying")
    search_fields = ("name", "slug", "description")
    autocomplete_fields = ("duration_source", "cost_source")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "description", "grants_level")}),
        (
            "How long it takes",
            {
                "description": "In months, for a typical student; the typical length must lie "
                "between the shortest and the longest.",
                "fields": (
                    ("months_min", "months_typical", "months_max"),
                    "duration_source",
                    "work_while_studying",
                ),
            },
        ),
        (
            "What it costs",
            {
                "description": "Leave both blank unless a source gives the figures.",
                "fields": (("cost_min", "cost_max"), "cost_source"),
            },
        ),
    )
    inlines = (AdmissionRouteInline,)

    @admin.display(description="months")
    def months(self, program: Program) -> str:
        return f"{program.months_min}–{program.months_max} (typically {program.months_typical})"

    @admin.display(description="cost")
    def cost(self, program: Program) -> str:
        return money(program.cost_min, program.cost_max)


# Credentials and their rules --------------------------------------------------------------


class RuleSetInline(admin.TabularInline):
    model = RuleSet
    fields = ("effective", "effective_published", "source", "note", "routes_summary")
    readonly_fields = ("routes_summary",)
    autocomplete_fields = ("source",)
    formfield_overrides = SHORT_TEXT
    show_change_link = True
    view_on_site = False
    extra = 0
    verbose_name_plural = "Rule sets, newest first (open one to edit its routes)"

    def get_queryset(self, request):
        routes = Prefetch("routes", queryset=Route.objects.for_display())
        return super().get_queryset(request).select_related("source").prefetch_related(routes)

    @admin.display(description="routes")
    def routes_summary(self, rule_set: RuleSet) -> str:
        if not rule_set.pk:
            return "Save first, then open the rule set to add its routes."
        return format_html(
            '{}<br>{}<br><a href="{}">Edit the routes</a>',
            routes_in_words(rule_set.routes_of(Route.Strength.REQUIRED), "Must hold one of"),
            routes_in_words(rule_set.routes_of(Route.Strength.RECOMMENDED), "Advised: one of"),
            reverse("admin:roles_ruleset_change", args=[rule_set.pk]),
        )


@admin.register(Credential)
class CredentialAdmin(CatalogAdmin):
    resource_classes = [CredentialResource]
    list_display = ("acronym", "name", "issuer", "earned_by")
    list_filter = ("issuer", "earned_by")
    search_fields = ("acronym", "name", "slug", "scope")
    autocomplete_fields = ("exam_source", "renewal_source", "apprentice_source", "supersedes")
    prepopulated_fields = {"slug": ("acronym",)}
    fieldsets = (
        (
            None,
            {"fields": ("acronym", "slug", "name", "issuer", "earned_by", "scope", "description")},
        ),
        ("Replaces", {"fields": ("supersedes",)}),
        (
            "The exam",
            {
                "description": "Leave blank for a credential that is granted without an exam. "
                "Figures need a source.",
                "fields": (
                    ("exam_minutes", "exam_items"),
                    ("exam_fee_usd", "exam_fee_note"),
                    "exam_source",
                ),
            },
        ),
        (
            "Keeping it",
            {
                "fields": (
                    ("renewal_cycle_months", "renewal_ceus"),
                    ("renewal_subject_ceus", "renewal_subject"),
                    "renewal_note",
                    "renewal_source",
                ),
                "description": "This credential's own figures. How several of one body's "
                "credentials combine (one shared total, the cap, the cycle's due date) is on "
                "the body's renewal policy.",
            },
        ),
        (
            "Apprentice designation",
            {
                "description": "Only for an apprentice designation (CPC-A, COC-A): the "
                "credential that removes it lists it under “Replaces”.",
                "fields": ("apprentice_deadline_months", "apprentice_note", "apprentice_source"),
            },
        ),
    )
    help_texts = {
        "scope": "What the credential covers, in a line: e.g. inpatient facility coding: "
        "ICD-10-CM, ICD-10-PCS, MS-DRG.",
        "exam_minutes": "How long the exam lasts, in minutes.",
        "exam_items": "How many questions the exam has.",
        "renewal_cycle_months": "How often it must be renewed, in months (24 = every 2 years).",
        "renewal_ceus": "Continuing education units needed in each cycle.",
    }
    inlines = (RuleSetInline,)


@admin.register(RenewalPolicy)
class RenewalPolicyAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "cycle_months", "anchor", "shared", "max_ceus", "source")
    list_select_related = ("source",)
    autocomplete_fields = ("source",)
    formfield_overrides = MAIN_TEXT
    fieldsets = (
        (None, {"fields": ("issuer", ("cycle_months", "anchor"), "grace_days")}),
        (
            "The CEU total",
            {
                "description": "Each credential's own figure is on the credential. With one "
                "shared cycle, the total starts from the highest figure among the body's "
                "credentials a person holds, adds the CEUs per extra credential, and stops "
                "at the cap.",
                "fields": (
                    "shared",
                    ("extra_ceus", "max_ceus"),
                    "prorate_first_period",
                    ("issuer_share_percent", "issuer_share_from"),
                ),
            },
        ),
        (None, {"fields": ("source", "note")}),
    )


@admin.register(RuleSet)
class RuleSetAdmin(RouteChangesInHistory, SimpleHistoryAdmin):
    route_owner = "rule_set"
    formfield_overrides = MAIN_TEXT
    list_display = ("__str__", "credential", "effective", "source")
    list_filter = ("credential__issuer", ("credential", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("credential", "source")
    search_fields = ("credential__acronym", "credential__name", "note")
    autocomplete_fields = ("credential", "source")
    fields = ("credential", "effective", "effective_published", "source", "note", "in_plain_words")
    readonly_fields = ("in_plain_words",)
    date_hierarchy = "effective"
    inlines = (RuleSetRouteInline,)

    @admin.display(description="in plain words")
    def in_plain_words(self, rule_set: RuleSet) -> str:
        if not rule_set.pk:
            return "Shown here once saved."
        return format_html(
            "<strong>Required</strong> — {}<br><strong>Recommended</strong> — {}",
            routes_in_words(rule_set.routes_of(Route.Strength.REQUIRED), "must hold one of"),
            routes_in_words(rule_set.routes_of(Route.Strength.RECOMMENDED), "advised: one of"),
        )


# Roles and the moves between them ---------------------------------------------------------


class MoveOutInline(admin.TabularInline):
    model = Move
    fk_name = "from_role"
    form = InlineConstraintsForm
    fields = ("to_role", "kind", "typical_months", "source", "note", "requirement")
    readonly_fields = ("requirement",)
    autocomplete_fields = ("to_role", "source")
    formfield_overrides = SHORT_TEXT
    show_change_link = True
    view_on_site = False
    extra = 0
    verbose_name = "move to another role"
    verbose_name_plural = "Where this role leads (open a move to edit what it requires)"

    def get_queryset(self, request):
        routes = Prefetch("routes", queryset=Route.objects.for_display())
        return (
            super()
            .get_queryset(request)
            .select_related("from_role", "to_role", "source")
            .prefetch_related(routes)
        )

    @admin.display(description="requires")
    def requirement(self, move: Move) -> str:
        return routes_in_words(move.routes.all()) if move.pk else "—"


@admin.register(Role)
class RoleAdmin(RouteChangesInHistory, CatalogAdmin):
    route_owner = "hire_role"
    resource_classes = [RoleResource]
    list_display = ("title", "level", "track", "setting", "salary_band", "remote")
    list_filter = ("level", "track", "setting", "remote")
    search_fields = ("title", "slug", "summary")
    autocomplete_fields = ("salary_source", "median_pay_source", "outlook_source", "hire_source")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = {
        **MAIN_TEXT,
        models.ManyToManyField: {"widget": CheckboxSelectMultiple},
    }
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", ("level", "track", "setting"))}),
        (
            "Pay and prospects",
            {
                "description": "A salary band is yearly pay in US dollars: give both ends, or "
                "neither, and the page the figures come from.",
                "fields": (
                    ("salary_min", "salary_max"),
                    "salary_source",
                    ("median_pay", "median_pay_year"),
                    "median_pay_source",
                    "outlook",
                    "outlook_source",
                    "remote",
                ),
            },
        ),
        (
            "The job",
            {
                "fields": (
                    "responsibilities",
                    "code_sets",
                    "environment",
                    "schedule",
                    "productivity",
                    "accuracy",
                )
            },
        ),
        ("Experience and hiring", {"fields": ("accrues", "hire_source")}),
    )
    help_texts = {
        "slug": "The last part of the page address, as in /roles/inpatient-coder/: lower-case "
        "words joined by hyphens. Changing it breaks links people have saved.",
        "summary": "Two or three sentences on what the job is; shown at the top of its page.",
        "track": "Where the role sits: the inpatient coding ladder, a specialisation of it, a "
        "lateral move, or a related career.",
        "environment": "Where and how the work is done.",
        "schedule": "Hours, shifts, deadlines.",
        "productivity": "The output expected, e.g. charts a day.",
        "accuracy": "The accuracy expected, e.g. 95% on audits.",
        "hire_source": "Where the direct-hire routes below come from.",
    }
    inlines = (HireRouteInline, MoveOutInline)

    @admin.display(description="salary (USD a year)")
    def salary_band(self, role: Role) -> str:
        return money(role.salary_min, role.salary_max)


@admin.register(Move)
class MoveAdmin(RouteChangesInHistory, SimpleHistoryAdmin):
    route_owner = "move"
    formfield_overrides = MAIN_TEXT
    list_display = ("__str__", "kind", "typical_months", "source")
    list_filter = ("kind", "from_role__track", "to_role__level")
    list_select_related = ("from_role", "to_role", "source")
    search_fields = ("from_role__title", "to_role__title", "note")
    autocomplete_fields = ("from_role", "to_role", "source")
    fields = ("from_role", "to_role", "kind", "typical_months", "source", "note")
    inlines = (MoveRouteInline,)


# Every route in one list, for finding one by what it names -------------------------------


@admin.register(Route)
class RouteAdmin(SimpleHistoryAdmin):
    form = RouteForm
    list_display = ("__str__", "owner", "strength", "note")
    list_filter = ("strength",)
    search_fields = (
        "note",
        "rule_set__credential__acronym",
        "move__from_role__title",
        "move__to_role__title",
        "hire_role__title",
        "admission_program__name",
    )
    autocomplete_fields = (
        "rule_set",
        "move",
        "hire_role",
        "admission_program",
        "programs",
        "credentials",
        "licences",
    )
    fieldsets = (
        (
            "Belongs to",
            {
                "description": "Exactly one: a credential's rule set (then say whether the "
                "route is required or recommended), a move, a role's direct hire, or a "
                "program's admission. It is usually easier to edit routes on that page.",
                "fields": ("rule_set", "strength", "move", "hire_role", "admission_program"),
            },
        ),
        ("Conditions, all of which must hold", {"fields": ROUTE_FIELDS}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_display()
            .select_related(
                "rule_set__credential",
                "move__from_role",
                "move__to_role",
                "hire_role",
                "admission_program",
            )
        )

    @admin.display(description="belongs to")
    def owner(self, route: Route) -> str:
        if route.rule_set_id:
            return str(route.rule_set)
        if route.move_id:
            return f"Move {route.move}"
        if route.hire_role_id:
            return f"Direct hire into {route.hire_role}"
        return f"Admission to {route.admission_program}"


@admin.register(RouteExperience)
class RouteExperienceAdmin(SimpleHistoryAdmin):
    """Reachable, but not listed on the index: experience is edited on its route's form."""

    list_display = ("kind", "months", "route")
    list_filter = ("kind",)
    autocomplete_fields = ("route",)

    def get_queryset(self, request):
        routes = Prefetch("route", queryset=Route.objects.for_display())
        return super().get_queryset(request).select_related("kind").prefetch_related(routes)

    def get_model_perms(self, request):
        return {}


@admin.register(CatalogVersion)
class CatalogVersionAdmin(admin.ModelAdmin):
    """Read-only: the counter every edit bumps, with the time of the last change.

    It also serves the whole catalog file (admin/roles/catalogversion/file/): download
    the document, or upload one, checked as `load_catalog` checks it.
    """

    list_display = ("number", "changed_at")
    readonly_fields = ("number", "changed_at")
    change_list_template = "admin/roles/change_list_catalog.html"

    def get_urls(self):
        return [
            path(
                "file/",
                self.admin_site.admin_view(self.catalog_file),
                name="roles_catalog_file",
            ),
            path(
                "file/catalog.json",
                self.admin_site.admin_view(self.catalog_file_download),
                name="roles_catalog_file_download",
            ),
            *super().get_urls(),
        ]

    def catalog_file(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_replace = request.user.has_perms(
            f"roles.{action}_{model._meta.model_name}"
            for model in CATALOG_FILE_MODELS
            for action in ("add", "change", "delete")
        )
        form, problems = CatalogFileForm(), []
        if request.method == "POST":
            if not can_replace:
                raise PermissionDenied
            form = CatalogFileForm(request.POST, request.FILES)
            if form.is_valid():
                problems = form.problems()
                if not problems:
                    report = load_into_database(form.document)
                    messages.success(request, f"Loaded {form.file_name}: {report}.")
                    return redirect("admin:roles_catalog_file")
        context = {
            **self.admin_site.each_context(request),
            "title": "The whole catalog as one file",
            "form": form,
            "problems": problems,
            "can_replace": can_replace,
        }
        return TemplateResponse(request, "admin/roles/catalog_file.html", context)

    def catalog_file_download(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            dump_document(export_document()), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="catalog.json"'
        return response

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
