"""Built-in lists apply every filter they are given, or the definition is refused: meetings by
partner with their dates and purposes, given and received trainings kept apart, end reasons."""

from datetime import date

import pytest

from tests.factories import make_allocation, make_person
from tracker.activities.importer import import_activities
from tracker.activities.vocabulary import Vocabulary
from tracker.partnerships.services import save_convention
from tracker.questionnaires.checks import check_codes
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.report import build_report
from tracker.questionnaires.schema import BUILT_IN_LISTS

MEETINGS = """date;type;type_reunion;partenaire;objet;endroit;sens;service
17/01/2024;reunion;reseau;Fedito;CA et AG;Bruxelles;;reseau
31/01/2024;reunion;reseau;Fedito;CA et AG;Bruxelles;;reseau
20/02/2024;reunion;reseau;Rasanam;Groupe de travail mineurs;Namur;;reseau
05/03/2024;reunion;clinique;;;;;equipe
12/03/2024;reunion;equipe;;;;;equipe
14/03/2024;supervision;;;Supervision de stagiaires;;donnée;equipe
21/03/2024;supervision;;;Supervision institutionnelle;;reçue;equipe
04/04/2024;formation;;;Formation EMDR;Liège;reçue;equipe
"""


def definition(*items: str, source: str = "essai.yaml"):
    lines = "\n".join(f"      - {item}" for item in items)
    return parse_definition(f"id: essai\nfunder: SPW\ntitle: Essai\nsections:\n"
                            f"  - title: Listes\n    items:\n{lines}\n", source)


def rows_of(*items: str, year: int = 2024) -> dict[str, list[list]]:
    report = build_report(definition(*items), year)
    return {result.id: [[str(cell) for cell in row] for row in result.list.rows]
            for result in report.sections[0].items}


@pytest.fixture
def meetings(db):
    import_activities(MEETINGS.encode(), "reunions.csv", create_partners=True)


def test_network_meetings_grouped_by_partner_with_their_count_and_dates(meetings):
    rows = rows_of(
        "{id: reseau, label: Réseau, table: meetings, where: {type_reunion: reseau}, "
        "by: partenaire}",
        "{id: detail, label: Réseau, table: meetings, where: {type_reunion: reseau}, "
        "by: partenaire, details: true}")
    assert rows["reseau"] == [["Fedito", "2", "17/01, 31/01"], ["Rasanam", "1", "20/02"]]
    assert rows["detail"] == [
        ["Fedito", "2", "17/01 : CA et AG, Bruxelles ; 31/01 : CA et AG, Bruxelles"],
        ["Rasanam", "1", "20/02 : Groupe de travail mineurs, Namur"]]


def test_given_and_received_supervisions_are_listed_apart(meetings):
    rows = rows_of(
        "{id: donnees, label: Données, table: meetings, where: {type: supervision, sens: donne},"
        " details: true}",
        "{id: recues, label: Reçues, table: meetings, where: {type: supervision, sens: recu}, "
        "details: true}",
        "{id: formations, label: Suivies, table: meetings, where: {type: formation, sens: recu},"
        " details: true}")
    assert rows["donnees"] == [["Supervision", "1", "14/03 : Supervision de stagiaires"]]
    assert rows["recues"] == [["Supervision", "1", "21/03 : Supervision institutionnelle"]]
    assert rows["formations"] == [["Formation", "1", "04/04 : Formation EMDR, Liège"]]


def test_a_list_filter_on_an_unknown_key_refuses_the_definition(meetings):
    unknown = definition("{id: reseau, label: Réseau, table: meetings, where: {humeur: bonne}}")
    with pytest.raises(DefinitionError, match="essai.yaml, élément « reseau ».*« humeur »"):
        check_codes(unknown, Vocabulary.load())
    with pytest.raises(DefinitionError, match="« staff » ne se filtre pas par « type »|"
                                              "« staff » n'applique pas la clé « where »"):
        definition("{id: equipe, label: Équipe, table: staff, where: {type: reunion}}")
    with pytest.raises(DefinitionError, match="partenaire « Inconnu » inconnu"):
        check_codes(definition("{id: r, label: R, table: meetings, "
                               "where: {partenaire: Inconnu}}"), Vocabulary.load())


# Every `where` key a figure accepts, with a value that leaves something out of the data below.
FILTERS = {"type": "supervision", "service": "reseau", "partenaire": "Fedito", "sens": "recu",
           "type_reunion": "reseau"}


@pytest.mark.parametrize("table", BUILT_IN_LISTS)
@pytest.mark.parametrize("key", FILTERS)
def test_every_list_applies_every_filter_or_refuses_it(meetings, table, key):
    person = make_person("Anne Filtre")
    make_allocation(person, 1, "SPW", date(2020, 1, 1))
    for partner in ("Fedito", "Rasanam"):
        save_convention(None, partner_id=None, new_partner=partner, object=f"Accord {partner}",
                        start_date=date(2024, 1, 1), end_date=None, renewal="aucune",
                        notice_months=None, free_of_charge=True, yearly_amount=None,
                        detached_days_per_week=None, status="active")
    plain = f"{{id: liste, label: Liste, table: {table}}}"
    filtered = f"{{id: liste, label: Liste, table: {table}, where: {{{key}: {FILTERS[key]}}}}}"
    try:
        filtered_definition = definition(filtered)
        check_codes(filtered_definition, Vocabulary.load())
    except DefinitionError as refusal:
        assert "essai.yaml, élément « liste »" in refusal.message and key in refusal.message \
            or "« where »" in refusal.message
        return
    everything = rows_of(plain)["liste"]
    only = rows_of(filtered)["liste"]
    assert only != everything, f"{table} ignored where: {key}"
    assert only, f"{table} filtered on {key} shows nothing"


def test_the_staff_list_says_why_someone_left(db):
    person = make_person("Bruno Départ")
    make_allocation(person, 0.5, "SPW", date(2010, 1, 1), date(2024, 8, 28),
                    end_reason="pension")
    rows = rows_of("{id: equipe, label: Équipe, table: staff}")
    assert rows["equipe"][0][-1] == "jusqu'au 28/08/2024 (pension)"


def demo_lists(definition_id: str, year: int = 2025) -> dict:
    from tracker.questionnaires.registry import get_definition

    report = build_report(get_definition(definition_id), year)
    return {result.id: result for section in report.sections for result in section.items}


def test_the_shipped_spw_form_shows_each_section_its_own_meetings(demo_app, demo_db):
    from tracker.demo.activities import NETWORK

    spw = demo_lists("spw-assuetudes")

    def rows(item_id):
        return [[str(cell) for cell in row] for row in spw[item_id].list.rows]

    concertation, network = rows("concertation"), rows("reseau")
    # §7: team and clinical meetings only; §11: the network, by partner, with purposes
    assert {row[0] for row in concertation} == {"Réunion clinique", "Réunion d'équipe"}
    assert {row[0] for row in network} == {name for name, _purpose, _place in NETWORK}
    assert sum(int(row[1]) for row in network) == 10
    fedito = next(row for row in network if row[0] == NETWORK[0][0])
    assert f"{NETWORK[0][1]}, {NETWORK[0][2]}" in fedito[2]
    assert concertation != network
    # §9 a/b: supervisions given (to interns) and received, apart
    given, received = rows("supervisions_donnees"), rows("supervisions_recues")
    assert given == [["Supervision", "5", given[0][2]]]
    assert "Supervision de stagiaires" in given[0][2]
    assert received[0][:2] == ["Supervision", "8"] and "stagiaires" not in received[0][2]
    # §13 b: the trainings the team followed, never those it gave
    followed = rows("formations_suivies")
    assert spw["formations"].value == 6 and followed[0][:2] == ["Formation", "6"]
    assert "Colloque" in followed[0][2]


def test_aviq_table_12_counts_only_the_actions_given(demo_app, demo_db):
    from sqlalchemy import func

    from tracker.activities.models import Activity, ActivityValue, DimensionValue

    received_in_wallonia = demo_db.session.scalar(
        demo_db.select(func.count()).select_from(Activity)
        .join(ActivityValue, ActivityValue.activity_id == Activity.id)
        .join(DimensionValue, DimensionValue.id == ActivityValue.value_id)
        .where(Activity.received, DimensionValue.code == "wallonie",
               Activity.date.between(date(2025, 1, 1), date(2025, 12, 31))))
    assert received_in_wallonia > 0  # trainings followed in Wallonia are in the log…
    table = demo_lists("aviq-promotion-sante")["tableau_actions"].table
    rows = {row.label: row.value for row in table.rows}
    # …and table 12 still shows the seed's actions given: 1 training in RW, 1 in BXL
    assert rows["Sensibilisation – Wallonie"] == 57
    assert rows["Autres (expertises, formations, ateliers) – Wallonie"] == 2 + 1 + 1
    assert rows["Autres (expertises, formations, ateliers) – Bruxelles-Capitale"] == 1 + 1 + 0


@pytest.mark.parametrize("item, problem", [
    ("{id: x, label: X, input: text}", "« input » vaut number"),
    ("{id: x, label: X, input: number, where: {type: appel}}", "clé inconnue « where »"),
    ("{id: x, label: X, metric: 'sum:valorisation', of: interns}",
     "avec « of: interns », la mesure est count, sum:heures"),
    ("{id: x, label: X, metric: count, of: benevoles}", "« of » vaut interns ou volunteers"),
    ("{id: x, label: X, table: interns, funder: SPW}", "la liste « interns » n'applique pas"),
    ("{id: x, label: X, table: meetings, by: month}", "« by » regroupe les réunions"),
])
def test_typed_figures_and_people_figures_are_checked_on_reading(item, problem):
    with pytest.raises(DefinitionError, match=problem):
        definition(item)
