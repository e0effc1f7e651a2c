"""Employment aids as rules: an ACS post to fill again within six months (a deadline that
follows the allocation's end and closes itself when the post is filled), the APE job volumes
averaged per quarter and its quarterly advances, the Maribel post, reference volume and
intervention; each rule holding and breaking, and parameters valid from a date."""

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.factories import funder, make_allocation, make_person
from tests.functional.test_justification import signed_in
from tests.helpers import post_form
from tracker.aids.checks import run_checks
from tracker.aids.parameters import add_parameter
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.deadlines.models import Deadline, DeadlineRule
from tracker.deadlines.services import generate_deadlines
from tracker.finance.importer import import_costs
from tracker.finance.models import Tranche
from tracker.funders.services import save_instrument

HEADER = "nom;fonction;formation;etp;financement;debut;fin;motif_fin\n"


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def checks(at: date, aid: str, rule: str):
    return [check for check in run_checks(at) if check.aid == aid and check.code == rule]


def parameter(aid, code, value, valid_from):
    return add_parameter(aid=aid, code=code, value=Decimal(str(value)),
                         valid_from=valid_from, source="test")


def test_an_acs_post_ended_without_replacement_gets_a_deadline_that_its_refilling_closes(
        app, db, tmp_path):
    team = tmp_path / "equipe.csv"
    team.write_text(HEADER + "Nina Lefèvre;Assistante sociale;;0,5;ACS;01/01/2024;31/03/2026;"
                    "démission\nOmar Dubois;Psychologue;;1;COCOF;01/01/2024;;\n",
                    encoding="utf-8")
    assert run(app, "import", "staff", str(team)).exit_code == 0
    listed = json.loads(run(app, "deadlines", "--today", "2026-01-15", "--within", "365",
                            "--format", "json").output)
    refill = [item for item in listed if "ACS" in item["title"]]
    assert len(refill) == 1 and refill[0]["due"] == "2026-09-30"
    assert "assistant social (0,5 ETP) de Nina Lefèvre" in refill[0]["title"]
    assert refill[0]["status"] == "a_faire" and refill[0]["funder"] == "ACS"

    replacement = tmp_path / "remplacement.csv"
    replacement.write_text(HEADER + "Lina Haddad;Assistante sociale;;0,5;ACS;01/07/2026;;\n",
                           encoding="utf-8")
    assert run(app, "import", "staff", str(replacement)).exit_code == 0
    db.session.expire_all()
    deadline = db.session.scalar(select(Deadline).where(Deadline.title.like("ACS%")))
    assert deadline.status == "sans_objet" and deadline.closed_by_allocation_id is not None
    closing = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_type == "Échéance", AuditEntry.action == "update")).all()
    assert any((entry.after or {}).get("closed_by_allocation_id")
               == deadline.closed_by_allocation_id for entry in closing)
    listed = json.loads(run(app, "deadlines", "--today", "2026-01-15", "--within", "365",
                            "--format", "json").output)
    assert [item for item in listed if "ACS" in item["title"]] == []  # closed: not open
    listed = json.loads(run(app, "deadlines", "--today", "2026-01-15", "--within", "365",
                            "--format", "json", "--all").output)
    assert [item["status"] for item in listed if "ACS" in item["title"]] == ["sans_objet"]


def test_an_acs_end_recorded_months_ahead_shows_at_once_and_follows_its_changes(db):
    nina = make_person("Nina Lefèvre")
    allocation = make_allocation(nina, 0.5, "ACS", date(2024, 1, 1), date(2027, 3, 31),
                                 function_code="assistant_social")
    db.session.commit()  # the listener: the deadline exists as soon as the end is recorded
    deadline = db.session.scalar(select(Deadline).where(Deadline.allocation_id
                                                        == allocation.id))
    assert deadline is not None and deadline.due_date == date(2027, 9, 30)
    allocation.end_date = date(2027, 5, 31)
    db.session.commit()
    assert deadline.due_date == date(2027, 11, 30)
    allocation.end_date = None  # the contract goes on: nothing to refill
    db.session.commit()
    assert db.session.scalar(select(Deadline).where(Deadline.allocation_id
                                                    == allocation.id)) is None


@pytest.mark.parametrize("replaced, at, state", [
    (True, date(2026, 10, 15), "ok"),
    (False, date(2026, 10, 15), "en_infraction"),
    (False, date(2026, 5, 1), "a_surveiller"),
])
def test_the_acs_refill_rule_holds_and_breaks(db, replaced, at, state):
    make_allocation(make_person("Nina Lefèvre"), 0.5, "ACS", date(2024, 1, 1),
                    date(2026, 3, 31), function_code="assistant_social")
    if replaced:
        make_allocation(make_person("Lina Haddad"), 0.5, "ACS", date(2026, 9, 1),
                        function_code="assistant_social")
    [check] = checks(at, "ACS", "acs_refill")
    assert check.state == state
    if state == "a_surveiller":
        assert check.explanation == (
            "ACS : le poste d'assistant social (0,5 ETP) de Nina Lefèvre est vacant depuis le "
            "31/03/2026 ; il doit être repourvu avant le 30/09/2026, sinon la prime est perdue.")
    assert check.used == {"Délai pour repourvoir un poste vacant": "6 mois depuis le 01/01/2000"}


def test_a_smaller_post_does_not_fill_a_vacancy(db):
    make_allocation(make_person("Nina Lefèvre"), 1, "ACS", date(2024, 1, 1), date(2026, 3, 31))
    make_allocation(make_person("Lina Haddad"), 0.5, "ACS", date(2026, 5, 1))
    assert [check.state for check in checks(date(2026, 10, 15), "ACS", "acs_refill")] == [
        "en_infraction"]


def test_a_new_delay_from_a_date_changes_only_the_vacancies_after_it(db):
    parameter("ACS", "refill_months", 3, date(2026, 6, 1))
    make_allocation(make_person("Avant"), 0.5, "ACS", date(2024, 1, 1), date(2026, 3, 31))
    make_allocation(make_person("Après"), 0.5, "ACS", date(2024, 1, 1), date(2026, 7, 31))
    explanations = [check.explanation for check in checks(date(2026, 8, 15), "ACS",
                                                          "acs_refill")]
    assert any("Avant est vacant depuis le 31/03/2026 ; il doit être repourvu avant le "
               "30/09/2026" in text for text in explanations)
    assert any("Après est vacant depuis le 31/07/2026 ; il doit être repourvu avant le "
               "31/10/2026" in text for text in explanations)


def ape_team(db, end=None):
    make_allocation(make_person("Thibaut Lerouge"), 1, "APE", date(2022, 1, 1), end,
                    function_code="secretaire")
    make_allocation(make_person("Samir Benhaddou"), 1, "COCOF", date(2022, 1, 1))
    parameter("APE", "volume_perennise", 1, date(2022, 1, 1))
    parameter("APE", "volume_reference", 2, date(2022, 1, 1))


def test_the_ape_volumes_hold_when_the_posts_are_kept(db):
    ape_team(db)
    assert checks(date(2026, 5, 10), "APE", "ape_volume_perennise")[0].state == "ok"
    assert checks(date(2026, 5, 10), "APE", "ape_volume_reference")[0].state == "ok"


def test_an_ape_year_short_of_its_volume_is_foreseen_then_broken(app, db):
    ape_team(db, end=date(2026, 2, 14))  # the APE post ends in February
    [foreseen] = checks(date(2026, 4, 20), "APE", "ape_volume_perennise")
    assert foreseen.state == "a_surveiller"
    assert foreseen.explanation == (
        "APE : En 2025, les postes APE comptent en moyenne 1 ETP pour un volume de l'emploi "
        "pérennisé de 1 ETP ; en 2026, d'après les affectations et absences enregistrées, "
        "0,123 ETP en moyenne sur l'année pour 1 ETP : l'année finirait sous le volume.")
    assert foreseen.used == {"Volume de l'emploi pérennisé": "1 ETP depuis le 01/01/2022"}
    [broken] = checks(date(2027, 1, 20), "APE", "ape_volume_perennise")
    assert broken.state == "en_infraction" and broken.on == date(2026, 12, 31)
    assert "En 2026, les postes APE comptent en moyenne 0,123 ETP pour un volume de " \
           "l'emploi pérennisé de 1 ETP : l'année est sous le volume" in broken.explanation
    [total] = checks(date(2027, 1, 20), "APE", "ape_volume_reference")
    assert total.state == "en_infraction"
    assert "l'association compte en moyenne 1,123 ETP pour un volume global" in \
        total.explanation
    db.session.commit()
    page = signed_in(app, Role.DIRECTOR).get("/").get_data(as_text=True)
    assert "Aides à l'emploi à surveiller" in page  # today, the APE post is long gone
    printed = run(app, "aids", "check", "--at", "2027-01-20")
    assert "[en infraction] APE : En 2026, les postes APE comptent en moyenne 0,123 ETP" \
        in printed.output
    assert "Volume de l'emploi pérennisé : 1 ETP depuis le 01/01/2022" in printed.output
    as_json = json.loads(run(app, "aids", "check", "--at", "2027-01-20", "--format",
                             "json").output)
    assert {"aid": "APE", "rule": "ape_volume_perennise", "state": "en_infraction"}.items() \
        <= as_json["checks"][0].items()


def test_a_volume_changed_from_a_date_counts_for_the_days_after_it_only(db):
    ape_team(db)
    parameter("APE", "volume_perennise", 1.5, date(2026, 7, 1))
    [check] = checks(date(2026, 5, 10), "APE", "ape_volume_perennise")
    assert check.state == "a_surveiller"
    # 2025 as it was; 2026 weighs 1 ETP for 181 days and 1,5 ETP for 184
    assert "En 2025, les postes APE comptent en moyenne 1 ETP pour un volume de l'emploi " \
           "pérennisé de 1 ETP ;" in check.explanation
    assert "1 ETP en moyenne sur l'année pour 1,252 ETP" in check.explanation


def test_the_ape_advances_are_expected_each_quarter(db):
    ape_team(db)
    ape = save_instrument(None, funder_id=funder("APE").id, kind="aide_emploi",
                          title="Subvention APE", start_date=date(2022, 1, 1), end_date=None,
                          status="en_cours")
    db.session.add(Tranche(instrument_id=ape.id, year=2026, label="Avance T1",
                           expected_on=date(2026, 3, 31), expected_cents=780000))
    db.session.flush()
    [check] = checks(date(2026, 5, 10), "APE", "ape_advances")
    assert check.state == "a_surveiller" and "2e trimestre 2026" in check.explanation
    db.session.add(Tranche(instrument_id=ape.id, year=2026, label="Avance T2",
                           expected_on=date(2026, 6, 30), expected_cents=780000))
    db.session.flush()
    assert checks(date(2026, 5, 10), "APE", "ape_advances")[0].state == "ok"


def maribel_team(db, maribel_fte=0.5):
    make_allocation(make_person("Julie Peeters"), maribel_fte, "MARIBEL", date(2024, 1, 1),
                    function_code="assistant_social")
    make_allocation(make_person("Samir Benhaddou"), 1, "COCOF", date(2024, 1, 1))
    parameter("MARIBEL", "fte_granted", 0.5, date(2018, 1, 1))


def test_the_maribel_post_and_net_creation_hold(db):
    maribel_team(db)  # 1,5 ETP in all, 0,5 of them granted by the fund
    parameter("MARIBEL", "volume_reference", 1, date(2018, 1, 1))
    assert checks(date(2026, 5, 10), "MARIBEL", "maribel_fte")[0].state == "ok"
    assert checks(date(2026, 5, 10), "MARIBEL", "maribel_net_creation")[0].state == "ok"


def test_a_total_below_the_maribel_reference_volume_warns_on_the_dashboard(app, db):
    maribel_team(db, maribel_fte=0.3)
    parameter("MARIBEL", "volume_reference", 2, date(2018, 1, 1))
    today = date.today()
    [volume] = checks(today, "MARIBEL", "maribel_net_creation")
    assert volume.state in ("a_surveiller", "en_infraction")
    assert "sous le volume de référence (2 ETP) plus les ETP accordés par le fonds (0,5 ETP), " \
           "soit 2,5 ETP" in volume.explanation
    [post] = checks(today, "MARIBEL", "maribel_fte")
    assert post.state == "a_surveiller" and "0,3 ETP occupés sur 0,5 ETP" in post.explanation
    db.session.commit()
    page = signed_in(app, Role.DIRECTOR).get("/").get_data(as_text=True)
    assert "Aides à l'emploi à surveiller" in page
    assert "sous le volume de référence (2 ETP) plus les ETP accordés" in page
    printed = run(app, "aids", "check")
    assert "sous le volume de référence (2 ETP) plus les ETP accordés" in printed.output


def test_the_maribel_intervention_beyond_the_real_cost_is_flagged(db):
    maribel_team(db)
    import_costs(b"nom;mois;cout\n" + "\n".join(
        f"Julie Peeters;{month:02d}/2025;1500,00" for month in range(1, 13)).encode(),
        "2025.csv")
    # 42.978 € × 0,5 ETP = 21.489 € against 18.000 € of real cost
    [check] = checks(date(2026, 3, 1), "MARIBEL", "maribel_cost")
    assert check.state == "a_surveiller"
    assert "l'intervention (21\u202f489,00\u00a0€) dépasse le coût réel des postes " \
           "(18\u202f000,00\u00a0€)" in check.explanation
    parameter("MARIBEL", "ceiling_per_fte", 30000, date(2025, 1, 1))
    assert checks(date(2026, 3, 1), "MARIBEL", "maribel_cost")[0].state == "ok"


@pytest.mark.parametrize("code, function, expected", [
    ("MARIBEL", "assistant_social", {"Maribel social : rapport annuel au fonds": [
        date(2026, 7, 15)]}),
    ("APE", "secretaire", {"APE : rapport d'exécution annuel": [date(2026, 3, 31),
                                                                date(2027, 3, 31)],
                           "APE : vérifier le volume de l'emploi du trimestre": [
                               date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30),
                               date(2026, 12, 31), date(2027, 3, 31), date(2027, 6, 30)]}),
])
def test_the_shipped_yearly_rules_run_only_while_their_aid_pays_a_post(db, code, function,
                                                                        expected):
    generate_deadlines(date(2026, 1, 10))
    assert not [deadline for deadline in db.session.scalars(select(Deadline))
                if deadline.title in expected]
    make_allocation(make_person("Julie Peeters"), 0.5, code, date(2024, 1, 1),
                    function_code=function)
    for rule in db.session.scalars(select(DeadlineRule)):
        rule.generated_until = None  # as if the rules had never run
    generate_deadlines(date(2026, 1, 10))  # 18 months ahead: up to 10/07/2027
    generated: dict[str, list[date]] = {}
    for deadline in db.session.scalars(select(Deadline).order_by(Deadline.due_date)):
        if deadline.title in expected:
            generated.setdefault(deadline.title, []).append(deadline.due_date)
    assert generated == expected


def test_the_aids_page_shows_each_check_and_only_the_director_changes_a_parameter(app, db):
    ape_team(db, end=date(2026, 2, 14))
    db.session.commit()
    board = signed_in(app, Role.BOARD)
    page = board.get("/aides-emploi/?date=20/01/2027").get_data(as_text=True)
    assert "en infraction" in page and "APE : En 2026, les postes APE comptent" in page
    assert "Volume de l&#39;emploi pérennisé : 1 ETP depuis le 01/01/2022" in page
    assert post_form(board, "/aides-emploi/parametres", {
        "key": "APE:volume_perennise", "value": "0,5", "valid_from": "01/01/2026"}
    ).status_code == 403
    director = signed_in(app, Role.DIRECTOR)
    response = post_form(director, "/aides-emploi/parametres", {
        "key": "APE:volume_perennise", "value": "0,1", "valid_from": "01/01/2026",
        "source": "Décision du Forem"})
    assert response.status_code == 302
    db.session.expire_all()
    [check] = checks(date(2027, 1, 20), "APE", "ape_volume_perennise")
    # 2026 now meets the new volume (0,1); 2027, with no APE post, will not
    assert check.state == "a_surveiller" and "l'année finirait sous le volume" in \
        check.explanation


def test_the_director_writes_a_staffing_rule_on_the_rule_form(app, db):
    director = signed_in(app, Role.DIRECTOR)
    assert "6 mois 0 jours après la fin de chaque poste payé par ce financeur" in \
        director.get("/echeances/regles").get_data(as_text=True)
    response = post_form(director, "/echeances/regles/nouvelle", {
        "title": "Maribel : prévenir le fonds", "kind": "autre", "rule_type": "staffing",
        "funder_id": funder("MARIBEL").id, "anchor": "end", "offset_months": "-1",
        "offset_days": "0", "reminders": "30,7", "period": "", "owner_role": "",
        "instrument_id": "", "convention_id": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    make_allocation(make_person("Julie Peeters"), 0.5, "MARIBEL", date(2024, 1, 1),
                    date(2027, 6, 30))
    db.session.commit()
    assert db.session.scalar(select(Deadline).where(
        Deadline.title.like("Maribel : prévenir le fonds%"))).due_date == date(2027, 5, 30)


def test_a_volume_first_set_this_year_checks_from_its_date_on(db):
    make_allocation(make_person("Thibaut Lerouge"), 1, "APE", date(2022, 1, 1),
                    function_code="secretaire")
    parameter("APE", "volume_perennise", 1, date(2026, 4, 1))
    [check] = checks(date(2026, 5, 10), "APE", "ape_volume_perennise")
    assert check.state == "ok" and "En 2025" not in check.explanation
    assert "En 2026, d'après les affectations et absences enregistrées, 1 ETP en moyenne " \
           "sur l'année pour 1 ETP." in check.explanation
    [missing] = checks(date(2026, 5, 10), "APE", "ape_volume_reference")
    assert missing.state == "a_surveiller" and "n'est pas renseigné" in missing.explanation
