"""Small groups stay in the office (habit 18): the board reads totals per funder and
instrument, and amounts per function only for groups of at least three persons; it never
reads an absence's reason. A crawl of every page and file the board reaches on the demo."""

import io
import re
from collections import defaultdict
from datetime import date
from urllib.parse import urljoin

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.factories import PASSWORD, make_user
from tests.functional.test_french_voice import EXPORT, crawl, export_text
from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.finance.charging import charged_by, charged_costs, charged_lines
from tracker.finance.justification import justification_of
from tracker.finance.models import PersonnelCost
from tracker.finance.scenario import monthly_costs
from tracker.formatting import format_money
from tracker.funders.models import Funder, Instrument
from tracker.privacy import Group, groups_for_the_board
from tracker.staffing.board import funding_loss
from tracker.staffing.vocabulary import ABSENCE_KINDS


def test_small_groups_merge_until_no_amount_covers_fewer_than_three_persons():
    groups = [Group("Psychologue", frozenset("abcd"), 400), Group("Médecin", frozenset("e"), 90),
              Group("Secrétaire", frozenset("f"), 50), Group("Éducateur", frozenset("ghi"), 300)]
    assert groups_for_the_board(groups) == [
        groups[0], Group("Autres fonctions", frozenset("efghi"), 440)]  # educators join in
    assert groups_for_the_board(groups[:1]) == groups[:1]
    assert groups_for_the_board([groups[1], groups[2]]) == []  # two persons in all: total only


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def small_amounts(year: int) -> set[int]:
    """Cents that are the pay of one or two persons: each person's year (and per
    instrument), each function held by one or two (in all, per instrument)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    lines = charged_lines(start, end)
    amounts = {cents for _name, cents in charged_by(start, end, "person", lines)}
    by_function, by_instrument = defaultdict(lambda: [set(), 0]), defaultdict(lambda: [set(), 0])
    per_person_instrument = defaultdict(int)
    for line in lines:
        for key, table in (((line.function_code,), by_function),
                           ((line.instrument_id, line.function_code), by_instrument)):
            table[key][0].add(line.person_id)
            table[key][1] += line.cents
        per_person_instrument[(line.person_id, line.instrument_id)] += line.cents
    amounts |= set(per_person_instrument.values())
    amounts |= {cents for table in (by_function, by_instrument)
                for persons, cents in table.values() if len(persons) < 3}
    return amounts


def board_totals(year: int) -> set[int]:
    """What the board is meant to read: funder and instrument totals (the board approves
    them, even when a funder pays one person)."""
    costs = charged_costs(date(year, 1, 1), date(year, 12, 31))
    return {cents for funder in costs.by_funder.values()
            for cents in (funder.personnel_cents, *funder.by_instrument.values())}


@pytest.mark.engine_independent  # the pages' and files' words
def test_the_board_never_reads_an_amount_of_fewer_than_three_persons(demo_app, demo_db):
    years = sorted({month.year for month in demo_db.session.scalars(
        select(PersonnelCost.month).distinct())})
    sensitive = set()
    for year in years:
        sensitive |= small_amounts(year) - board_totals(year)
        for instrument in demo_db.session.scalars(select(Instrument)):
            sensitive.discard(justification_of(instrument, year).personnel_cents)
    # the « si un financement s'arrête » scenario: a month of a function's posts
    today, funders = date.today(), list(demo_db.session.scalars(select(Funder)))
    scenario_pages = [f"/personnel/scenario?financeur={funder.code}" for funder in funders]
    for funder in funders:
        loss = funding_loss(today, funder.code)
        costs = monthly_costs([post.allocation_id for post in loss.posts], today)
        by_function = defaultdict(lambda: [set(), 0])
        for post in loss.posts:
            if not post.starts_later and costs.get(post.allocation_id):
                by_function[post.function_code][0].add(post.person)
                by_function[post.function_code][1] += costs[post.allocation_id]
                sensitive.add(costs[post.allocation_id])
        sensitive |= {cents for persons, cents in by_function.values() if len(persons) < 3}
        sensitive.discard(sum(costs.get(post.allocation_id, 0) for post in loss.posts
                              if not post.starts_later))  # the funder's monthly total
    shown = {plain(text) for cents in sensitive if cents
             for text in (format_money(cents / 100), f"{cents / 100:.2f}")}
    assert len(shown) > 100

    board, client = make_user(Role.BOARD), demo_app.test_client()
    post_form(client, "/login", {"email": board.email, "password": PASSWORD})
    pages = crawl(client)
    for path in scenario_pages:
        pages.update(crawl(client, start=path, limit=1))
    texts = {url: parsed.text for url, parsed in pages.items()}
    files = {urljoin(url, link) for url, parsed in pages.items() for link in parsed.links
             if EXPORT.search(link) or "/dossier-ca" in link}
    for url in sorted(files):
        response = client.get(url)
        assert response.status_code == 200, url
        text = export_text(response)
        if "spreadsheet" in response.mimetype:
            workbook = load_workbook(io.BytesIO(response.data), read_only=True)
            text += " ".join(f"{value:.2f}" for sheet in workbook.worksheets
                             for row in sheet.iter_rows(values_only=True) for value in row
                             if isinstance(value, float))
        texts[url] = text
    assert any("/scenario" in url for url in texts) and any("/dossier-ca" in url for url in texts)
    leaks = [f"{url}: {amount}" for url, text in texts.items() for amount in shown
             if re.search(rf"(?<![\d,.]){re.escape(amount)}(?![\d])", plain(text))]
    assert not leaks, leaks[:10]
    reasons = [label for code, label in ABSENCE_KINDS.items() if code != "autre"]
    told = [f"{url}: {reason}" for url, text in texts.items() for reason in reasons
            if reason in text]
    assert not told, told[:10]


def test_the_board_reads_funders_by_their_names_not_their_codes(client, db, login_as):
    login_as(Role.BOARD)
    page = client.get("/financeurs/").get_data(as_text=True)
    assert "<th scope=\"col\">Nom</th>" in page and "<th scope=\"col\">Code</th>" not in page
    assert '<td class="code">' not in page
