"""Every page fits a phone: nothing makes the page scroll sideways at 390 px, and a
table's caption keeps its table's width (a stacked table once squeezed it to a word a line).

The pages come from the register in tests/pages.py, as for the CSP walk. A wide table may
scroll inside its own box; the page itself may not.
"""

import pytest

from tests.pages import PUBLIC_PAGES, SIGNED_IN_PAGES, resolve

from .test_csp import person, signed_in_page  # noqa: F401  (fixtures)

PHONE = {"width": 390, "height": 844}


def sideways_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def squeezed_captions(page) -> list[str]:
    return page.evaluate(
        """[...document.querySelectorAll("table > caption")]
            .filter(c => c.getBoundingClientRect().width
                         < 0.9 * c.parentElement.getBoundingClientRect().width)
            .map(c => c.textContent.trim())"""
    )


@pytest.mark.parametrize("name", [name for name in PUBLIC_PAGES if "API" not in name])
def test_a_public_page_fits_a_phone(page, shipped_catalog, name):
    page.set_viewport_size(PHONE)
    page.goto(resolve(PUBLIC_PAGES[name]))
    assert sideways_overflow(page) <= 0
    assert squeezed_captions(page) == []


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_a_signed_in_page_fits_a_phone(signed_in_page, person, shipped_catalog, name):  # noqa: F811
    signed_in_page.set_viewport_size(PHONE)
    signed_in_page.goto(resolve(SIGNED_IN_PAGES[name], person))
    assert sideways_overflow(signed_in_page) <= 0
    assert squeezed_captions(signed_in_page) == []
