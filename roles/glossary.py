"""The glossary: the field's terms in plain words, for the glossary page and the links to it.

Each term is linked where it first appears on a catalog page (`{% linked text %}` in
roles/templatetags/catalog.py); `matches` are the spellings found in the catalog's text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    meaning: str
    matches: tuple[str, ...] = ()


TERMS = (
    Term(
        "him",
        "HIM (health information management)",
        "The hospital department and the profession that keep patient records complete, "
        "coded, private and available. Coders, auditors, CDI specialists and HIM managers "
        "all work in it.",
        ("HIM",),
    ),
    Term(
        "icd-10-cm",
        "ICD-10-CM",
        "The US code set for diagnoses: every condition a patient is treated for. Used in "
        "every setting, inpatient, outpatient and physician practice.",
        ("ICD-10-CM",),
    ),
    Term(
        "icd-10-pcs",
        "ICD-10-PCS",
        "The US code set for procedures done to hospital inpatients. Outpatient and "
        "physician services use CPT instead.",
        ("ICD-10-PCS",),
    ),
    Term(
        "cpt",
        "CPT and HCPCS Level II",
        "The code sets for procedures and services in outpatient care and physician "
        "practices (CPT), and for supplies, drugs and some services (HCPCS Level II).",
        ("CPT", "HCPCS"),
    ),
    Term(
        "ms-drg",
        "MS-DRG",
        "Medicare Severity Diagnosis Related Group: the group a hospital inpatient stay "
        "falls into, worked out from its ICD-10 codes. It decides what Medicare pays the "
        "hospital for the stay, which is why inpatient coding accuracy matters so much.",
        ("MS-DRG",),
    ),
    Term(
        "cdi",
        "CDI (clinical documentation integrity)",
        "Reviewing patient records while care happens and asking doctors to clarify them, "
        "so that the record, and the codes taken from it, say what was really wrong with "
        "the patient and what was done.",
        ("CDI",),
    ),
    Term(
        "cahiim",
        "CAHIIM",
        "The Commission on Accreditation for Health Informatics and Information "
        "Management Education. It accredits associate, bachelor's and master's HIM "
        "programs; the RHIT and RHIA exams need a degree from one of them.",
        ("CAHIIM",),
    ),
    Term(
        "pcap",
        "PCAP",
        "AHIMA's Professional Certificate Approval Program: AHIMA's approval of "
        "non-degree coding certificate programs. Finishing one is a recommended way to "
        "get ready for the CCA and CCS exams.",
        ("PCAP",),
    ),
    Term(
        "ceu",
        "CEU (continuing education unit)",
        "A unit of approved study after certification. Each credential needs a number of "
        "CEUs in every renewal cycle, usually 2 years, to stay current.",
        ("CEUs", "CEU"),
    ),
    Term(
        "apprentice",
        "Apprentice (-A)",
        "AAPC's mark for someone who passed the exam but has not yet shown the work "
        "experience: a CPC-A or COC-A. The -A comes off when AAPC accepts proof of the "
        "experience; the exam is not taken again.",
        ("apprentice",),
    ),
    Term(
        "experience",
        "Years of experience",
        "A year of experience means a year of paid full-time work of that kind (ACDIS also "
        "counts a year with over 2,000 hours). Part-time work counts in proportion. Kinds "
        "count separately: coding years do not count as CDI years.",
    ),
    Term(
        "lateral-move",
        "Lateral move",
        "A move to a different kind of work at about the same level, such as from coding "
        "to documentation integrity, rather than a step up the same ladder.",
        ("Lateral move", "lateral move"),
    ),
    Term(
        "specialization",
        "Specialization",
        "A move within coding to one kind of case or service, such as cardiac or "
        "oncology coding, usually after some years of general coding.",
        ("Specialization", "specialization"),
    ),
    Term(
        "estimate",
        "Estimate",
        "A figure the catalog's editors worked out where no source gives one, such as how "
        "long people typically stay in a role before a move. Pages mark these as estimates.",
    ),
)

BY_SLUG = {term.slug: term for term in TERMS}
