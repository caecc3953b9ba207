from .conftest import assert_accessible


def test_home_page_lists_roles_and_passes_axe(page, transactional_db):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Roles"
    assert_accessible(page)
