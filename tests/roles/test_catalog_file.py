import copy
import json

import pytest

from roles.catalog_file import (
    EDUCATION_LEVELS,
    CatalogFileError,
    dump_document,
    load_document,
    normalise,
    validate,
)


def route(**keys):
    """A route with every key written, as export writes it."""
    return {
        "credentials": [],
        "current_role_accrues": None,
        "education": None,
        "experience": [],
        "licences": [],
        "note": "",
        "programs": [],
    } | keys


def valid_document():
    """A small, complete, valid catalog: two roles, two credentials, one program."""
    return {
        "format": 1,
        "sources": {
            "ahima-ccs": {
                "url": "https://www.ahima.org/certification-careers/certifications-overview/ccs/",
                "title": "AHIMA: CCS",
                "as_of": "2026-11-01",
                "verified": True,
                "note": "",
            },
        },
        "experience_kinds": {"coding": {"name": "Medical coding", "description": ""}},
        "licences": {"rn": {"name": "Registered Nurse"}},
        "programs": {
            "coding-certificate": {
                "name": "Coding certificate",
                "kind": "certificate",
                "description": "",
                "months_min": 6,
                "months_max": 12,
                "months_typical": 9,
                "duration_source": "ahima-ccs",
                "cost_min": None,
                "cost_max": None,
                "cost_source": None,
                "grants_level": None,
                "work_while_studying": True,
                "admission": [route(education="high-school")],
            },
        },
        "credentials": {
            "cca": {
                "acronym": "CCA",
                "name": "Certified Coding Associate",
                "issuer": "ahima",
                "description": "",
                "scope": "",
                "earned_by": "exam",
                "supersedes": [],
                "exam": None,
                "renewal": None,
                "apprentice": None,
                "rule_sets": [
                    {
                        "effective": "2021-01-01",
                        "effective_published": False,
                        "source": "ahima-ccs",
                        "note": "",
                        "required": [route(education="high-school")],
                        "recommended": [],
                    },
                ],
            },
            "ccs": {
                "acronym": "CCS",
                "name": "Certified Coding Specialist",
                "issuer": "ahima",
                "description": "",
                "scope": "",
                "earned_by": "exam",
                "supersedes": [],
                "exam": {
                    "minutes": 240,
                    "items": 107,
                    "fee_usd": None,
                    "fee_note": "",
                    "source": "ahima-ccs",
                },
                "renewal": {
                    "cycle_months": 24,
                    "ceus": 20,
                    "note": "",
                    "source": "ahima-ccs",
                    "subject_ceus": None,
                    "subject": "",
                },
                "apprentice": None,
                "rule_sets": [
                    {
                        "effective": "2016-01-01",
                        "effective_published": False,
                        "source": "ahima-ccs",
                        "note": "",
                        "required": [route(credentials=["cca"])],
                        "recommended": [],
                    },
                    {
                        "effective": "2021-01-01",
                        "effective_published": False,
                        "source": "ahima-ccs",
                        "note": "",
                        "required": [
                            route(experience=[{"kind": "coding", "months": 24}]),
                        ],
                        "recommended": [route(programs=["coding-certificate"])],
                    },
                ],
            },
        },
        "roles": {
            "inpatient-coder": role(
                hire=[route(education="high-school", programs=["coding-certificate"])],
                hire_source="ahima-ccs",
                moves={
                    "senior-inpatient-coder": {
                        "kind": "promotion",
                        "typical_months": 60,
                        "requires": [route(experience=[{"kind": "coding", "months": 60}])],
                        "source": "ahima-ccs",
                        "note": "",
                    },
                },
            ),
            "senior-inpatient-coder": role(title="Senior Inpatient Coder", level="senior"),
        },
        "renewal_policies": {
            "ahima": {
                "cycle_months": 24,
                "anchor": "pass-date",
                "shared": True,
                "extra_ceus": 10,
                "max_ceus": 50,
                "prorate_first_period": False,
                "issuer_share_percent": 40,
                "issuer_share_from": "2025-01-01",
                "grace_days": None,
                "source": "ahima-ccs",
                "note": "",
            }
        },
    }


def role(**keys):
    return {
        "title": "Inpatient Coder",
        "summary": "Codes hospital inpatient stays in ICD-10-CM and ICD-10-PCS.",
        "responsibilities": [],
        "track": "ladder",
        "level": "entry",
        "setting": "inpatient",
        "code_sets": ["ICD-10-CM", "ICD-10-PCS", "MS-DRG"],
        "salary_min": 42000,
        "salary_max": 52000,
        "salary_source": "ahima-ccs",
        "median_pay": None,
        "median_pay_year": None,
        "median_pay_source": None,
        "remote": "onsite",
        "outlook": "",
        "outlook_source": None,
        "environment": "",
        "schedule": "",
        "productivity": "",
        "accuracy": "",
        "accrues": ["coding"],
        "hire": [],
        "hire_source": None,
        "moves": {},
    } | keys


def problems_in(doc, path="catalog.json"):
    try:
        validate(doc, path=path)
    except CatalogFileError as error:
        return error.problems
    return []


def corrupted(change):
    doc = copy.deepcopy(valid_document())
    change(doc)
    return doc


def test_a_complete_document_is_valid():
    assert problems_in(valid_document()) == []


def test_an_unknown_experience_kind_is_named_by_file_entry_and_field():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][1]["required"][0]["experience"][0]["kind"] = "codng"

    assert problems_in(corrupted(change)) == [
        "catalog.json: credentials.ccs.rule_sets[1].required[0].experience[0].kind: "
        "unknown experience kind 'codng'"
    ]


def test_problems_name_the_path_the_caller_gives():
    doc = corrupted(lambda doc: doc["roles"]["inpatient-coder"].update(level="junior"))

    [problem] = problems_in(doc, path="roles/data/catalog.json")

    assert problem.startswith("roles/data/catalog.json: roles.inpatient-coder.level: ")


def test_a_misspelt_key_is_reported_as_unknown():
    def change(doc):
        doc["roles"]["inpatient-coder"]["salary_mni"] = 1

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.salary_mni: unknown key 'salary_mni'"
    ]


def test_a_missing_required_key_is_reported():
    doc = corrupted(lambda doc: doc["credentials"]["cca"].pop("issuer"))

    assert problems_in(doc) == ["catalog.json: credentials.cca.issuer: missing required key"]


def test_null_in_a_required_key_is_reported():
    doc = corrupted(lambda doc: doc["roles"]["inpatient-coder"].update(title=None))

    assert problems_in(doc) == ["catalog.json: roles.inpatient-coder.title: must not be null"]


def test_optional_keys_may_be_left_out():
    def change(doc):
        for key in ("responsibilities", "outlook", "salary_source", "accrues", "moves"):
            del doc["roles"]["senior-inpatient-coder"][key]
        doc["credentials"]["cca"]["rule_sets"][0]["required"] = [{"education": "high-school"}]

    assert problems_in(corrupted(change)) == []


def test_a_slug_with_capitals_or_spaces_is_rejected():
    def change(doc):
        doc["licences"]["Registered Nurse"] = doc["licences"].pop("rn")

    assert problems_in(corrupted(change)) == [
        "catalog.json: licences.Registered Nurse: invalid slug 'Registered Nurse' "
        "(use lower-case letters, digits and hyphens)"
    ]


@pytest.mark.parametrize(
    ("where", "change"),
    [
        (
            "roles.inpatient-coder.level",
            lambda d: d["roles"]["inpatient-coder"].update(level="junior"),
        ),
        (
            "roles.inpatient-coder.track",
            lambda d: d["roles"]["inpatient-coder"].update(track="side"),
        ),
        (
            "roles.inpatient-coder.setting",
            lambda d: d["roles"]["inpatient-coder"].update(setting="er"),
        ),
        (
            "roles.inpatient-coder.remote",
            lambda d: d["roles"]["inpatient-coder"].update(remote="wfh"),
        ),
        (
            "roles.inpatient-coder.moves.senior-inpatient-coder.kind",
            lambda d: d["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"].update(
                kind="jump"
            ),
        ),
        ("credentials.cca.issuer", lambda d: d["credentials"]["cca"].update(issuer="ama")),
        ("credentials.cca.earned_by", lambda d: d["credentials"]["cca"].update(earned_by="gift")),
        (
            "programs.coding-certificate.kind",
            lambda d: d["programs"]["coding-certificate"].update(kind="diploma"),
        ),
        (
            "programs.coding-certificate.grants_level",
            lambda d: d["programs"]["coding-certificate"].update(grants_level="phd"),
        ),
        (
            "credentials.cca.rule_sets[0].required[0].education",
            lambda d: d["credentials"]["cca"]["rule_sets"][0]["required"][0].update(
                education="ged"
            ),
        ),
    ],
)
def test_a_value_outside_its_list_of_choices_is_rejected(where, change):
    [problem] = problems_in(corrupted(change))

    assert problem.startswith(f"catalog.json: {where}: unknown ")
    assert "expected one of:" in problem


@pytest.mark.parametrize("bad", ["2021-02-30", "01/02/2021", "2021-1-1", 20210101])
def test_an_effective_date_that_is_not_a_real_iso_date_is_rejected(bad):
    doc = corrupted(lambda doc: doc["credentials"]["cca"]["rule_sets"][0].update(effective=bad))

    [problem] = problems_in(doc)

    assert problem.startswith(
        "catalog.json: credentials.cca.rule_sets[0].effective: expected a date as YYYY-MM-DD"
    )


def test_a_source_date_is_checked_too():
    doc = corrupted(lambda doc: doc["sources"]["ahima-ccs"].update(as_of="November 2026"))

    [problem] = problems_in(doc)

    assert problem.startswith("catalog.json: sources.ahima-ccs.as_of: expected a date")


def test_negative_months_and_money_are_rejected():
    def change(doc):
        doc["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"]["typical_months"] = -1
        doc["roles"]["senior-inpatient-coder"]["salary_min"] = -5

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.moves.senior-inpatient-coder.typical_months: "
        "must not be negative, got -1",
        "catalog.json: roles.senior-inpatient-coder.salary_min: must not be negative, got -5",
    ]


@pytest.mark.parametrize("bad", [True, 9.5, "9"])
def test_months_must_be_whole_numbers(bad):
    doc = corrupted(lambda doc: doc["programs"]["coding-certificate"].update(months_typical=bad))

    [problem] = problems_in(doc)

    assert problem.startswith(
        "catalog.json: programs.coding-certificate.months_typical: expected a whole number"
    )


def test_wrong_types_are_named():
    def change(doc):
        doc["sources"]["ahima-ccs"]["verified"] = "yes"
        doc["roles"]["inpatient-coder"]["accrues"] = "coding"
        doc["roles"]["inpatient-coder"]["summary"] = 3

    assert problems_in(corrupted(change)) == [
        "catalog.json: sources.ahima-ccs.verified: expected true or false, got the text 'yes'",
        "catalog.json: roles.inpatient-coder.summary: expected text, got the number 3",
        "catalog.json: roles.inpatient-coder.accrues: expected a list, got the text 'coding'",
    ]


def test_a_salary_minimum_above_the_maximum_is_rejected():
    doc = corrupted(lambda doc: doc["roles"]["inpatient-coder"].update(salary_min=60000))

    assert problems_in(doc) == [
        "catalog.json: roles.inpatient-coder.salary_min: salary_min 60000 is more than "
        "salary_max 52000"
    ]


def test_program_months_and_costs_must_run_from_minimum_to_maximum():
    def change(doc):
        doc["programs"]["coding-certificate"].update(
            months_min=12, months_max=6, months_typical=9, cost_min=5000, cost_max=1000
        )

    assert problems_in(corrupted(change)) == [
        "catalog.json: programs.coding-certificate.months_min: months_min 12 is more than "
        "months_max 6",
        "catalog.json: programs.coding-certificate.cost_min: cost_min 5000 is more than "
        "cost_max 1000",
    ]


def test_typical_months_outside_the_range_are_rejected():
    doc = corrupted(lambda doc: doc["programs"]["coding-certificate"].update(months_typical=18))

    assert problems_in(doc) == [
        "catalog.json: programs.coding-certificate.months_typical: months_typical 18 is outside "
        "months_min..months_max (6..12)"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["credentials"]["cca"]["rule_sets"][0].update(source="ahima-cca"),
            "credentials.cca.rule_sets[0].source: unknown source 'ahima-cca'",
        ),
        (
            lambda d: d["roles"]["inpatient-coder"]["hire"][0].update(programs=["bootcamp"]),
            "roles.inpatient-coder.hire[0].programs[0]: unknown program 'bootcamp'",
        ),
        (
            lambda d: d["credentials"]["ccs"]["rule_sets"][0]["required"][0].update(
                credentials=["cca", "cpc"]
            ),
            "credentials.ccs.rule_sets[0].required[0].credentials[1]: unknown credential 'cpc'",
        ),
        (
            lambda d: d["credentials"]["ccs"]["rule_sets"][0]["required"][0].update(
                licences=["lpn"]
            ),
            "credentials.ccs.rule_sets[0].required[0].licences[0]: unknown licence 'lpn'",
        ),
        (
            lambda d: d["credentials"]["ccs"]["rule_sets"][0]["required"][0].update(
                current_role_accrues="cdi"
            ),
            "credentials.ccs.rule_sets[0].required[0].current_role_accrues: "
            "unknown experience kind 'cdi'",
        ),
        (
            lambda d: d["roles"]["inpatient-coder"].update(accrues=["coding", "cdi"]),
            "roles.inpatient-coder.accrues[1]: unknown experience kind 'cdi'",
        ),
        (
            lambda d: d["credentials"]["ccs"].update(supersedes=["rhit"]),
            "credentials.ccs.supersedes[0]: unknown credential 'rhit'",
        ),
        (
            lambda d: d["roles"]["inpatient-coder"]["moves"].update(
                {"him-director": d["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"]}
            ),
            "roles.inpatient-coder.moves.him-director: unknown role 'him-director'",
        ),
    ],
)
def test_a_reference_to_a_missing_entry_is_rejected(change, expected):
    assert problems_in(corrupted(change)) == [f"catalog.json: {expected}"]


def test_a_role_cannot_move_to_itself():
    def change(doc):
        moves = doc["roles"]["inpatient-coder"]["moves"]
        moves["inpatient-coder"] = copy.deepcopy(moves["senior-inpatient-coder"])

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.moves.inpatient-coder: a role cannot move to itself"
    ]


def test_a_credential_cannot_supersede_itself():
    doc = corrupted(lambda doc: doc["credentials"]["cca"].update(supersedes=["cca"]))

    assert problems_in(doc) == [
        "catalog.json: credentials.cca.supersedes[0]: a credential cannot supersede itself"
    ]


def test_a_credential_needs_at_least_one_rule_set():
    doc = corrupted(lambda doc: doc["credentials"]["cca"].update(rule_sets=[]))

    assert problems_in(doc) == [
        "catalog.json: credentials.cca.rule_sets: needs at least one rule set"
    ]


def test_two_rule_sets_cannot_take_effect_on_the_same_date():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][0]["effective"] = "2021-01-01"

    assert problems_in(corrupted(change)) == [
        "catalog.json: credentials.ccs.rule_sets[1].effective: rule_sets[0] already takes effect "
        "on 2021-01-01"
    ]


def test_a_source_needs_a_web_address_or_urn():
    doc = corrupted(lambda doc: doc["sources"]["ahima-ccs"].update(url="ahima.org/ccs"))

    assert problems_in(doc) == [
        "catalog.json: sources.ahima-ccs.url: expected a web address or urn:, got 'ahima.org/ccs'"
    ]


def test_an_unsupported_format_version_is_rejected():
    doc = corrupted(lambda doc: doc.update(format=2))

    assert problems_in(doc) == ["catalog.json: format: unsupported format 2 (expected 1)"]


def test_a_document_that_is_not_an_object_is_rejected():
    assert problems_in([]) == ["catalog.json: expected an object, got a list"]


def test_a_section_that_is_not_an_object_is_rejected():
    doc = corrupted(lambda doc: doc.update(licences=["rn"]))

    assert problems_in(doc) == [
        "catalog.json: licences: expected an object keyed by slug, got a list"
    ]


def test_a_rule_set_move_or_program_without_its_source_is_rejected():
    def change(doc):
        doc["credentials"]["cca"]["rule_sets"][0]["source"] = None
        del doc["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"]["source"]
        doc["programs"]["coding-certificate"]["duration_source"] = None

    assert problems_in(corrupted(change)) == [
        "catalog.json: programs.coding-certificate.duration_source: must not be null",
        "catalog.json: credentials.cca.rule_sets[0].source: must not be null",
        "catalog.json: roles.inpatient-coder.moves.senior-inpatient-coder.source: "
        "missing required key",
    ]


def test_text_longer_than_the_database_holds_is_rejected():
    def change(doc):
        doc["roles"]["inpatient-coder"]["hire"][0]["note"] = "x" * 301

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.hire[0].note: is 301 characters long; the most "
        "allowed is 300"
    ]


def test_list_items_must_not_contain_the_separator_they_are_stored_with():
    def change(doc):
        doc["roles"]["inpatient-coder"]["code_sets"] = ["ICD-10-CM, ICD-10-PCS"]
        doc["roles"]["inpatient-coder"]["responsibilities"] = ["Review records\nand code them"]

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.responsibilities[0]: must not contain '\\n'",
        "catalog.json: roles.inpatient-coder.code_sets[0]: must not contain ','",
    ]


def test_every_problem_is_reported_at_once():
    def change(doc):
        doc["roles"]["inpatient-coder"]["level"] = "junior"
        doc["credentials"]["cca"]["rule_sets"][0]["source"] = "nowhere"
        doc["programs"]["coding-certificate"]["months_min"] = -1
        del doc["sources"]["ahima-ccs"]["title"]

    with pytest.raises(CatalogFileError) as raised:
        validate(corrupted(change))

    where = [problem.split(": ")[1] for problem in raised.value.problems]
    assert where == [
        "sources.ahima-ccs.title",
        "programs.coding-certificate.months_min",
        "credentials.cca.rule_sets[0].source",
        "roles.inpatient-coder.level",
    ]
    assert str(raised.value) == "\n".join(raised.value.problems)


def test_load_document_names_the_file_and_line_of_a_json_syntax_error(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text('{\n  "format": 1,\n  "sources": {,\n}\n', encoding="utf-8")

    with pytest.raises(CatalogFileError) as raised:
        load_document(path)

    [problem] = raised.value.problems
    assert problem.startswith(f"{path}: line 3, column 15: invalid JSON: ")


def test_load_document_returns_the_parsed_json(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(dump_document(valid_document()), encoding="utf-8")

    assert load_document(path) == valid_document()


def test_dump_document_sorts_keys_indents_two_spaces_and_ends_with_a_newline():
    text = dump_document({"b": [1], "a": {"é": None}})

    assert text == '{\n  "a": {\n    "é": null\n  },\n  "b": [\n    1\n  ]\n}\n'


def test_normalise_writes_every_optional_key_with_its_empty_value():
    doc = valid_document()
    sparse = copy.deepcopy(doc)
    del sparse["roles"]["senior-inpatient-coder"]["outlook"]
    sparse["roles"]["senior-inpatient-coder"]["moves"] = None
    sparse["credentials"]["cca"]["rule_sets"][0]["required"] = [{"education": "high-school"}]
    del sparse["programs"]["coding-certificate"]["cost_source"]

    assert normalise(sparse) == doc
    assert json.dumps(normalise(doc), sort_keys=True) == json.dumps(doc, sort_keys=True)


def test_normalise_sorts_the_lists_export_writes_in_order():
    doc = valid_document()
    shuffled = copy.deepcopy(doc)
    shuffled["roles"]["inpatient-coder"]["hire"][0]["programs"] = ["b-program", "a-program"]
    shuffled["credentials"]["ccs"]["rule_sets"].reverse()

    result = normalise(shuffled)

    assert result["roles"]["inpatient-coder"]["hire"][0]["programs"] == ["a-program", "b-program"]
    assert result["credentials"]["ccs"]["rule_sets"] == doc["credentials"]["ccs"]["rule_sets"]


def test_education_levels_run_from_lowest_to_highest():
    assert EDUCATION_LEVELS == (
        "none",
        "high-school",
        "associate",
        "bachelor",
        "master",
        "doctorate",
    )


def test_a_route_that_names_no_condition_is_rejected():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][1]["required"].append({"note": "anyone"})

    [problem] = problems_in(corrupted(change))

    assert problem.startswith("catalog.json: credentials.ccs.rule_sets[1].required[")
    assert "the route names no condition, so it would let anyone through" in problem


def test_a_move_with_no_time_in_the_first_role_is_rejected():
    def change(doc):
        [target] = doc["roles"]["inpatient-coder"]["moves"]
        doc["roles"]["inpatient-coder"]["moves"][target]["typical_months"] = 0

    [problem] = problems_in(corrupted(change))

    assert ".typical_months: must be at least 1: a move takes some time" in problem


def test_a_median_pay_needs_its_year():
    def change(doc):
        doc["roles"]["inpatient-coder"]["median_pay"] = 50250

    assert problems_in(corrupted(change)) == [
        "catalog.json: roles.inpatient-coder.median_pay_year: a median pay needs the year it is for"
    ]


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            lambda d: d["renewal_policies"]["ahima"].update(anchor="exam-day"),
            "renewal_policies.ahima.anchor",
            "unknown anchor 'exam-day'",
        ),
        (
            lambda d: d["renewal_policies"]["ahima"].update(issuer_share_percent=140),
            "renewal_policies.ahima.issuer_share_percent",
            "a share is at most 100",
        ),
        (
            lambda d: d["renewal_policies"]["ahima"].update(issuer_share_from=None),
            "renewal_policies.ahima.issuer_share_from",
            "together",
        ),
        (
            lambda d: d["renewal_policies"]["ahima"].update(cycle_months=0),
            "renewal_policies.ahima.cycle_months",
            "at least 1",
        ),
        (
            lambda d: d["renewal_policies"].update(nbcot=d["renewal_policies"]["ahima"]),
            "renewal_policies.nbcot",
            "unknown issuer 'nbcot'",
        ),
        (
            lambda d: d["renewal_policies"]["ahima"].update(source="nowhere"),
            "renewal_policies.ahima.source",
            "unknown source 'nowhere'",
        ),
        (
            lambda d: d["credentials"]["ccs"]["renewal"].update(subject_ceus=16),
            "credentials.ccs.renewal.subject",
            "name the subject",
        ),
        (
            lambda d: d["credentials"]["cca"].update(apprentice={"deadline_months": -3}),
            "credentials.cca.apprentice.source",
            "missing required key",
        ),
    ],
)
def test_a_bad_renewal_rule_is_named_by_file_entry_and_field(change, where, message):
    doc = valid_document()
    change(doc)

    assert any(
        problem.startswith(f"catalog.json: {where}:") and message in problem
        for problem in problems_in(doc)
    ), problems_in(doc)


def test_a_document_without_renewal_policies_is_valid_and_exports_an_empty_map():
    doc = valid_document()
    del doc["renewal_policies"]

    assert problems_in(doc) == []
    assert normalise(doc)["renewal_policies"] == {}
