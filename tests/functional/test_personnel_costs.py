"""Personnel costs: the social secretariat's monthly file imported whole or refused whole, each
person-month charged to the allocations of that month by FTE × days, to the cent."""

import calendar
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.factories import make_allocation, make_person
from tracker.cli import cli
from tracker.finance.charging import shares
from tracker.finance.importer import import_costs
from tracker.finance.models import PersonnelCost
from tracker.staffing.models import Allocation, Person
from tracker.tabular import TableRefused

DATA = Path(__file__).resolve().parent.parent / "data"

# (name, euros per month, months): every month each person has an allocation in 2014
MONTHLY = {"Aubry Nadine": 2810.45, "Bastin Coralie": 2433.10, "Collard Yasmine": 1610.00,
           "Deprez Hugo": 1120.30, "Evrard Lise": 1120.30, "Fontaine Maud": 1098.75,
           "Gilson Paula": 1875.00, "Hardy Irène": 1902.44, "Istace Margot": 3010.00,
           "Jadot Bruno": 3888.88, "Kinet Laure": 1950.00, "Lambert Jonas": 1700.00,
           "Mathy Salma": 2400.00, "Noël Sophie": 3120.00, "Orban Isabelle": 2999.99,
           "Piette Ingrid": 2500.00}


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def months_with_allocation(db, name: str) -> list[int]:
    spans = db.session.execute(select(Allocation.start_date, Allocation.end_date)
                               .join(Allocation.person).where(Person.full_name == name))
    months = set()
    for start, end in spans:
        for month in range(1, 13):
            first, last = date(2014, month, 1), date(2014, month,
                                                     calendar.monthrange(2014, month)[1])
            if start <= last and (end is None or end >= first):
                months.add(month)
    return sorted(months)


def test_a_2014_team_and_its_monthly_costs_give_each_funder_its_cost_to_the_cent(
        app, db, tmp_path):
    result = run(app, "import", "staff", str(DATA / "equipe_2014.csv"))
    assert result.exit_code == 0, result.output
    lines = ["nom;mois;cout;type"]
    for name, euros in MONTHLY.items():
        for month in months_with_allocation(db, name):
            lines.append(f"{name};{month:02d}/2014;{euros:.2f}".replace(".", ",") + ";salaire")
    lines.append("Orban Isabelle;2014-12;\"1 499,99 €\";prime_fin_annee")
    lines.append("AUBRY nadine;09/2014;1000,00;")  # after her pension: « non ventilé »
    costs = tmp_path / "couts-2014.csv"
    costs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(app, "import", "costs", str(costs))
    assert result.exit_code == 0, result.output

    # by hand: each cost split by FTE × days of its month over the allocations of that month
    expected: dict[str, Fraction] = {}
    unallocated = Fraction(0)
    for cost in db.session.scalars(select(PersonnelCost)):
        spans = [(allocation.funder.code, Fraction(str(allocation.fte)) * (
            (min(allocation.end_date or cost.month_end, cost.month_end)
             - max(allocation.start_date, cost.month)).days + 1))
            for allocation in db.session.scalars(select(Allocation).where(
                Allocation.person_id == cost.person_id))
            if allocation.start_date <= cost.month_end
            and (allocation.end_date is None or allocation.end_date >= cost.month)]
        if not spans:
            unallocated += Fraction(cost.amount_cents, 100)
            continue
        total = sum(weight for _code, weight in spans)
        for code, weight in spans:
            expected[code] = expected.get(code, 0) + Fraction(cost.amount_cents, 100) \
                * weight / total
    # Mathy Salma's November: SPW 0,5 ETP × 10 days, then PSSP 1 ETP × 19 days
    assert Fraction(240000, 100) * 5 / 24 == 500

    printed = json.loads(run(app, "costs", "--from", "2014-01-01", "--to", "2014-12-31",
                             "--format", "json").output)
    assert printed["from"] == "2014-01-01" and printed["to"] == "2014-12-31"
    got = {code: data["personnel"] for code, data in printed["by_funder"].items()}
    assert got == {code: float(round(value, 2)) for code, value in expected.items()}
    assert printed["unallocated"] == 1000.00 == float(unallocated)
    every_cost = db.session.scalar(select(func.sum(PersonnelCost.amount_cents)))
    assert round(printed["total"] * 100) == every_cost  # nothing lost, nothing counted twice


def test_a_cost_file_naming_an_unknown_person_is_refused_whole(app, db, tmp_path):
    make_person("Dupont Anne")
    db.session.commit()
    costs = tmp_path / "couts.csv"
    costs.write_text("nom;mois;cout\nDupont Anne;01/2014;2000,00\n"
                     "Personne Inconnue;01/2014;1500,00\nDupont Anne;13/2014;10\n"
                     "Dupont Anne;02/2014;-5\n", encoding="utf-8")
    result = run(app, "import", "costs", str(costs))
    assert result.exit_code == 1
    assert "Ligne 3, colonne « nom » : « Personne Inconnue » ne figure pas dans le personnel" \
        in result.output
    assert "Ligne 4, colonne « mois »" in result.output
    assert "Ligne 5, colonne « cout » : « -5 » : un coût ne peut être négatif" in result.output
    assert db.session.scalar(select(func.count()).select_from(PersonnelCost)) == 0


def test_the_same_cost_file_twice_adds_nothing(db):
    make_person("Dupont Anne")
    content = b"nom;mois;cout\nDupont Anne;01/2014;2000,00\n"
    import_costs(content, "a.csv")
    with pytest.raises(Exception, match="déjà été importé"):
        import_costs(content, "a.csv")
    with pytest.raises(TableRefused):  # the same person-month from another file
        import_costs(content + b"Dupont Anne;02/2014;2000,00\n", "b.csv")
    assert db.session.scalar(select(func.count()).select_from(PersonnelCost)) == 1


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cost=st.integers(min_value=0, max_value=2_000_000),
       segments=st.lists(st.tuples(st.integers(min_value=1, max_value=1000),
                                   st.integers(min_value=1, max_value=7)),
                         min_size=1, max_size=4))
def test_the_shares_of_a_person_month_always_add_up_to_its_cost(db, cost, segments):
    """Allocations one after the other in a month (FTE in thousandths, 1 to 7 days each):
    whatever the weights, the cents charged add up to the cost, none negative."""
    nested = db.session.begin_nested()
    try:
        person, day = make_person("Propriété Testée"), 1
        for fte, days in segments:
            make_allocation(person, float(Fraction(fte, 1000)), "COCOF", date(2031, 4, day),
                            date(2031, 4, day + days - 1))
            day += days
        db.session.add(PersonnelCost(person_id=person.id, month=date(2031, 4, 1),
                                     month_end=date(2031, 4, 30), kind="salaire",
                                     amount_cents=cost))
        db.session.flush()
        charged = shares(date(2031, 4, 1), date(2031, 4, 30))
        parts = list(db.session.scalars(select(charged.c.cents)))
    finally:
        nested.rollback()
    assert sum(parts) == cost and all(part >= 0 for part in parts)
    assert len(parts) == len(segments)


def test_the_board_sees_totals_and_never_what_one_person_costs(demo_app, demo_db):
    """Every page the board can reach, and every file it can download from them: funder,
    instrument and function totals, never a person's cost (monthly or yearly)."""
    import io
    import re
    from urllib.parse import urljoin

    from openpyxl import load_workbook

    from tests.factories import PASSWORD, make_user
    from tests.functional.test_french_voice import EXPORT, crawl, export_text
    from tests.helpers import post_form
    from tracker.auth.roles import Role
    from tracker.finance.charging import charged_by, charged_costs
    from tracker.finance.justification import justification_of
    from tracker.formatting import format_money, format_number
    from tracker.funders.models import Instrument

    personal = {cents for (cents,) in demo_db.session.execute(
        select(PersonnelCost.amount_cents).where(PersonnelCost.month >= date(2025, 1, 1),
                                                 PersonnelCost.month <= date(2025, 12, 1)))}
    year = (date(2025, 1, 1), date(2025, 12, 31))
    personal |= {cents for _name, cents in charged_by(*year, "person")}
    # a funder paying one person only shows that person's total as its own: a total the
    # board is meant to see
    totals = charged_costs(*year)
    personal -= {cents for _name, cents in charged_by(*year, "function")}
    personal -= {cents for funder in totals.by_funder.values()
                 for cents in (funder.personnel_cents, *funder.by_instrument.values())}
    # and the board's Justification page: what each instrument pays per function
    for instrument in demo_db.session.scalars(select(Instrument)):
        report = justification_of(instrument, 2025)
        personal -= {report.personnel_cents, *report.personnel_by_function.values()}
    def plain(text: str) -> str:
        return text.replace("\u202f", " ").replace("\u00a0", " ")

    shown = {plain(text) for cents in personal for text in (
        format_money(cents / 100), format_number(cents / 100), f"{cents / 100:.2f}")}
    assert len(shown) > 100

    board, client = make_user(Role.BOARD), demo_app.test_client()
    post_form(client, "/login", {"email": board.email, "password": PASSWORD})
    page = client.get("/finances/?annee=2025").get_data(as_text=True)
    assert "par financeur et instrument" in page and "Par fonction" in page
    assert "Par personne" not in page
    pages = crawl(client)
    texts = {url: parsed.text for url, parsed in pages.items()}
    for url in sorted({urljoin(url, link) for url, parsed in pages.items()
                       for link in parsed.links if EXPORT.search(link)}):
        response = client.get(url)
        text = export_text(response)
        if response.data[:2] == b"PK" and "spreadsheet" in response.mimetype:
            workbook = load_workbook(io.BytesIO(response.data), read_only=True)
            text += " ".join(f"{value:.2f}" for sheet in workbook.worksheets
                             for row in sheet.iter_rows(values_only=True) for value in row
                             if isinstance(value, float))
        texts[url] = text
    assert "/finances/" in " ".join(texts)
    leaks = [f"{url}: {amount}" for url, text in texts.items()
             for amount in shown
             if re.search(rf"(?<![\d,.]){re.escape(amount)}(?![\d])", plain(text))]
    assert not leaks, leaks[:10]


def test_the_office_sees_what_each_person_costs(demo_app, demo_db):
    from tests.factories import PASSWORD, make_user
    from tests.helpers import post_form
    from tracker.auth.roles import Role

    secretary, client = make_user(Role.SECRETARY), demo_app.test_client()
    post_form(client, "/login", {"email": secretary.email, "password": PASSWORD})
    page = client.get("/finances/?annee=2025").get_data(as_text=True)
    assert "Par personne" in page and "Samir Benhaddou" in page


def test_the_board_sees_each_instrument_granted_against_charged(demo_app, demo_db):
    from tests.factories import PASSWORD, make_user
    from tests.helpers import post_form
    from tracker.auth.roles import Role
    from tracker.finance.coverage import coverage_of_year
    from tracker.formatting import format_money

    rows = {row.instrument: row for row in coverage_of_year(2025)}
    pssp = rows["Convention PSSP Ville 2024-2027"]
    charged = charged_costs_of_instrument(demo_db, "Convention PSSP Ville 2024-2027", 2025)
    assert pssp.personnel_cents == charged and str(pssp.granted) == "88000.00"
    assert pssp.balance < 0 and rows["Agrément promotion de la santé 2023-2028"].balance > 0
    board, client = make_user(Role.BOARD), demo_app.test_client()
    post_form(client, "/login", {"email": board.email, "password": PASSWORD})
    page = client.get("/finances/?annee=2025").get_data(as_text=True)
    assert "Accordé et imputé, par instrument" in page
    assert f"déficit {format_money(-pssp.balance)}" in page
    # operating expenses count too, and the chart draws granted against charged
    assert pssp.operating_cents > 0
    assert pssp.balance * 100 == pssp.granted * 100 - pssp.personnel_cents - pssp.operating_cents
    assert "Montant accordé et coûts imputés par instrument, 2025" in page
    assert "PSSP Convention PSS… imputé" in page and "PSSP Convention PSS… accordé" in page


def charged_costs_of_instrument(db, title: str, year: int) -> int:
    """The same figure through the per-funder breakdown `tracker costs` prints."""
    from tracker.finance.charging import charged_costs

    costs = charged_costs(date(year, 1, 1), date(year, 12, 31))
    return sum(funder.by_instrument.get(title, 0) for funder in costs.by_funder.values())


def test_a_tranche_awaited_30_days_shows_on_the_dashboard_and_in_the_digest(app, client, db,
                                                                             login_as):
    from datetime import timedelta

    from tests.helpers import post_form
    from tracker.auth.roles import Role
    from tracker.deadlines.reminders import digest_text
    from tracker.finance.models import Tranche
    from tracker.finance.tranches import late_tranches
    from tracker.formatting import format_money
    from tracker.funders.models import Instrument

    instrument = db.session.scalar(select(Instrument).limit(1))
    if instrument is None:
        from tests.factories import funder
        from tracker.funders.services import save_instrument

        instrument = save_instrument(None, funder_id=funder("SPW").id, kind="agrement",
                                     title="Agrément SPW", start_date=date(2020, 1, 1),
                                     end_date=None, status="accorde")
        db.session.commit()
    today = date.today()
    login_as(Role.SECRETARY)
    response = post_form(client, "/finances/tranches", {
        "instrument_id": str(instrument.id), "year": str(today.year), "label": "Avance",
        "expected_on": (today - timedelta(days=45)).strftime("%d/%m/%Y"),
        "expected_amount": "12.000,00"})
    assert response.status_code == 302, response.get_data(as_text=True)
    tranche = db.session.scalar(select(Tranche))
    assert tranche.expected_cents == 1_200_000  # « 12.000,00 » read as a Belgian writes it
    assert late_tranches(today) == [tranche]
    home = client.get("/").get_data(as_text=True)
    assert "Tranches de subsides en attente" in home and "Avance" in home
    assert f"Avance {today.year}, {format_money(12000)} attendus le" in digest_text(
        [], today, [tranche])

    post_form(client, f"/finances/tranches/{tranche.id}/recue",
              {"received_on": today.strftime("%d/%m/%Y"), "received_amount": ""})
    db.session.expire_all()
    assert tranche.received_cents == 1_200_000 and late_tranches(today) == []
    assert "Tranches de subsides en attente" not in client.get("/").get_data(as_text=True)
