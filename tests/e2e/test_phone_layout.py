"""On a 390 px phone, no page of any role is wider than the screen (every kind of page each
role's links lead to, from its home page)."""

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.test_sign_in import credentials
from tests.helpers import NOT_PAGES

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def page_kind(url: str) -> str:
    """One page per route: /echeances/12 and /echeances/13 are the same layout (each
    activity type's entry form is its own)."""
    parts = urlsplit(url)
    query = "?" + parts.query if parts.query.startswith("type=") else ""
    return re.sub(r"\d+", "N", parts.path) + query


@pytest.mark.engine_independent  # the style sheet's work
@pytest.mark.parametrize("role", ["director", "secretary", "board", "staff"])
def test_no_page_is_wider_than_a_phone(live_server, browser, role):
    context = browser.new_context(viewport=PHONE, locale="fr-BE")
    page = context.new_page()
    email, password = credentials(role)
    page.goto(f"{live_server}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.press("#password", "Enter")
    page.wait_for_url(lambda url: "/login" not in url)  # staff land on the entry form

    seen, queue, too_wide = set(), ["/"], []
    while queue:
        url = queue.pop(0)
        if page_kind(url) in seen or NOT_PAGES.search(url):
            continue
        seen.add(page_kind(url))
        page.goto(live_server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((url, width))
        links = page.eval_on_selector_all("a[href]",
                                          "links => links.map(a => a.getAttribute('href'))")
        queue += [link.split("#")[0] for link in links
                  if link.startswith("/") and not link.startswith("//")]
    context.close()
    assert len(seen) >= (10 if role == "staff" else 20), sorted(seen)
    assert not too_wide, too_wide


def test_the_period_matrix_shows_every_column_on_a_laptop(live_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-BE")
    page = context.new_page()
    email, password = credentials("board")
    page.goto(f"{live_server}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.press("#password", "Enter")
    page.wait_for_url(lambda url: "/login" not in url)  # staff land on the entry form
    page.goto(f"{live_server}/personnel/effectifs?du=01/01/2025&au=31/12/2025")
    wrap = page.locator(".table-wrap").first
    assert "Absent" in wrap.inner_text() and "Détaché" in wrap.inner_text()
    overflow = wrap.evaluate("element => element.scrollWidth - element.clientWidth")
    context.close()
    assert overflow <= 0, f"the matrix hides {overflow} px of its Total and Absent columns"
