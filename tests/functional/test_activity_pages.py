"""The activity list pages by the row before them (keyset): following « Suivant » then
« Précédent » shows every activity once, in order, with the filters kept."""

import re
from datetime import date, timedelta
from html import unescape

from tracker.activities.models import Activity
from tracker.activities.services import ActivityInput, save_activity
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role


def link(page: str, label: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)">[^<]*{label}', page)
    return unescape(found.group(1)) if found else None


def shown_ids(page: str) -> list[int]:
    return [int(number) for number in re.findall(r'/activites/(\d+)/modifier', page)]


def test_next_and_previous_walk_every_activity_once_in_order(client, db, login_as):
    login_as(Role.DIRECTOR)
    vocabulary = Vocabulary.load()
    wallonia, cannabis = (vocabulary.find("region", "wallonie").id,
                          vocabulary.find("produits", "cannabis").id)
    for number in range(130):  # ties on the date: three activities a day
        save_activity(None, ActivityInput(
            date=date(2024, 1, 1) + timedelta(days=number // 3), type_code="appel",
            duree_min=5, values={"region": ["wallonie"], "produits": ["cannabis", "alcool"]}))
    save_activity(None, ActivityInput(date=date(2024, 6, 1), type_code="appel", duree_min=5,
                                values={"region": ["bruxelles"], "produits": ["cannabis"]}))
    db.session.commit()
    expected = [activity.id for activity in db.session.scalars(
        db.select(Activity).join(Activity.values).where(Activity.values.any(value_id=wallonia))
        .order_by(Activity.date.desc(), Activity.id.desc()).distinct())]
    assert len(expected) == 130

    address = f"/activites/?valeur={wallonia}&valeur={cannabis}"
    pages, seen = [], []
    while address:
        page = client.get(address).get_data(as_text=True)
        pages.append(shown_ids(page))
        seen += pages[-1]
        assert f"Page {len(pages)}" in page
        address = link(page, "Suivant")
        if address:  # both filters kept, the position of the last row shown
            assert f"valeur={wallonia}" in address and f"valeur={cannabis}" in address
            assert "apres=" in address and "offset" not in address
    assert seen == expected and [len(ids) for ids in pages] == [50, 50, 30]

    back = link(page, "Précédent")
    page = client.get(back).get_data(as_text=True)
    assert shown_ids(page) == pages[1] and "Page 2" in page
    page = client.get(link(page, "Précédent")).get_data(as_text=True)
    assert shown_ids(page) == pages[0] and "Page 1" in page and not link(page, "Précédent")


def test_an_unreadable_position_shows_the_first_page_and_says_so(client, db, login_as):
    login_as(Role.SECRETARY)
    save_activity(None, ActivityInput(date=date(2024, 1, 1), type_code="appel", duree_min=5))
    db.session.commit()
    page = client.get("/activites/?apres=hier.12&page=4").get_data(as_text=True)
    assert "Position dans la liste illisible. Retour à la première page." in page
    assert "Page 1" in page and len(shown_ids(page)) == 1


def test_a_position_whose_rows_are_gone_starts_again(client, db, login_as):
    login_as(Role.SECRETARY)
    save_activity(None, ActivityInput(date=date(2024, 1, 1), type_code="appel", duree_min=5))
    db.session.commit()
    page = client.get("/activites/?avant=2030-01-01.5&page=3").get_data(as_text=True)
    assert "Page 1" in page and len(shown_ids(page)) == 1
