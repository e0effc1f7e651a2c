"""Employment aids as the paying bodies check them (issue 30, part 1): Maribel net creation
against the reference volume plus the FTE granted, APE judged on the calendar year,
absences the aids do not count as worked, detachments needing the body's agreement, and
parameters that may have changed."""

import json
from datetime import date
from decimal import Decimal

from tests.factories import make_allocation, make_person
from tracker.aids.checks import run_checks
from tracker.aids.counting import counted_fte
from tracker.aids.parameters import add_parameter
from tracker.cli import cli
from tracker.finance.charging import charged_costs
from tracker.finance.importer import import_costs
from tracker.partnerships.models import Partner
from tracker.periods import Period
from tracker.staffing.services import save_absence


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args))


def parameter(aid, code, value, valid_from, **extra):
    return add_parameter(aid=aid, code=code, value=Decimal(str(value)),
                         valid_from=valid_from, source="test", **extra)


def checks(at: date, rule: str):
    return [check for check in run_checks(at) if check.code == rule]


def team_of(total: str):
    """A Maribel post of 0,5 ETP and the rest of the team up to `total` FTE."""
    make_allocation(make_person("Julie Peeters"), "0.5", "MARIBEL", date(2024, 1, 1),
                    function_code="assistant_social")
    rest, number = Decimal(total) - Decimal("0.5"), 0
    while rest > 0:
        number += 1
        fte = min(rest, Decimal(1))
        make_allocation(make_person(f"Membre {number}"), str(fte), "COCOF", date(2024, 1, 1))
        rest -= fte
    parameter("MARIBEL", "fte_granted", "0.5", date(2026, 1, 1))
    parameter("MARIBEL", "volume_reference", 7, date(2026, 1, 1))


def test_maribel_net_creation_needs_the_reference_volume_plus_the_fte_granted(app, db):
    team_of("7.2")
    db.session.commit()
    result = run(app, "aids", "check", "--at", "2026-10-15", "--format", "json")
    [check] = [check for check in json.loads(result.output)["checks"]
               if check["rule"] == "maribel_net_creation"]
    assert check["state"] == "en_infraction"  # the 3rd quarter, complete, at 7,2 ETP
    assert "au 3e trimestre 2026, l'association a compté en moyenne 7,2 ETP, sous le volume " \
           "de référence (7 ETP) plus les ETP accordés par le fonds (0,5 ETP), soit 7,5 ETP" \
           in check["explanation"]
    assert "assistant social (0,5 ETP) de Julie Peeters" in check["explanation"]


def test_maribel_net_creation_holds_at_seven_and_a_half(app, db):
    team_of("7.5")
    db.session.commit()
    result = run(app, "aids", "check", "--at", "2026-10-15", "--format", "json")
    [check] = [check for check in json.loads(result.output)["checks"]
               if check["rule"] == "maribel_net_creation"]
    assert check["state"] == "ok"


def ape(db, *allocations):
    for name, fte, start, end in allocations:
        make_allocation(make_person(name), fte, "APE", start, end, function_code="secretaire")
    parameter("APE", "volume_perennise", 2, date(2022, 1, 1))


def test_an_ape_quarter_vacant_and_made_up_within_the_year_is_no_breach(db):
    # two posts of 1 ETP; one vacant from April to June, then a 1,5 ETP replacement from
    # July: (1 + 1 × 90/365 + 1,5 × 184/365) > 2 on average over 2025
    ape(db, ("Ana", 1, date(2022, 1, 1), None), ("Bert", 1, date(2022, 1, 1),
                                                 date(2025, 3, 31)),
        ("Chloé", "0.7", date(2025, 7, 1), None), ("Dirk", "0.8", date(2025, 7, 1), None))
    [check] = checks(date(2026, 2, 1), "ape_volume_perennise")
    assert check.state == "ok", check.explanation
    assert "En 2025, les postes APE comptent en moyenne 2,003 ETP pour un volume de l'emploi " \
           "pérennisé de 2 ETP" in check.explanation


def test_an_ape_year_ending_below_its_volume_is_a_breach_naming_average_and_volume(db):
    ape(db, ("Ana", 1, date(2022, 1, 1), None), ("Bert", 1, date(2022, 1, 1),
                                                 date(2025, 9, 30)),
        ("Chloé", 1, date(2025, 12, 1), None))  # the last quarter looks almost full
    [check] = checks(date(2026, 2, 1), "ape_volume_perennise")
    assert check.state == "en_infraction"
    assert "En 2025, les postes APE comptent en moyenne 1,833 ETP pour un volume de l'emploi " \
           "pérennisé de 2 ETP : l'année est sous le volume" in check.explanation


def test_a_sick_leave_beyond_its_guaranteed_month_lowers_the_fte_the_aids_count(db):
    person = make_person("Julie Peeters")
    make_allocation(person, 1, "APE", date(2024, 1, 1), function_code="secretaire")
    save_absence(None, person=person, kind="maladie", start_date=date(2026, 2, 1),
                 end_date=date(2026, 7, 31), fte=Decimal(1))
    quarter = Period(date(2026, 4, 1), date(2026, 6, 30))
    counted = counted_fte(quarter, "APE")
    assert counted.contract == 1 and counted.counted == 0  # the mutuelle pays: not worked
    first = counted_fte(Period(date(2026, 2, 1), date(2026, 2, 28)), "APE")
    assert first.counted == 1  # the guaranteed month: the employer pays, it counts
    # a maternity leave is assimilated: it counts as worked
    other = make_person("Nora Claes")
    make_allocation(other, 1, "APE", date(2024, 1, 1), function_code="secretaire")
    save_absence(None, person=other, kind="maternite", start_date=date(2026, 4, 1),
                 end_date=date(2026, 6, 30), fte=Decimal(1))
    assert counted_fte(quarter, "APE").counted == 1


def test_the_charged_cost_of_the_sick_months_is_what_the_cost_import_says_was_paid(db):
    person = make_person("Julie Peeters")
    make_allocation(person, 1, "AVIQ", date(2024, 1, 1), function_code="charge_de_projet")
    save_absence(None, person=person, kind="maladie", start_date=date(2026, 2, 1),
                 end_date=date(2026, 7, 31), fte=Decimal(1))
    # the social secretariat's file: the guaranteed month paid, then nothing
    import_costs(b"nom;mois;cout\nJulie Peeters;01/2026;4000,00\nJulie Peeters;02/2026;4000,00\n"
                 b"Julie Peeters;03/2026;0,00\nJulie Peeters;04/2026;0,00\n",
                 "couts.csv")
    costs = charged_costs(date(2026, 1, 1), date(2026, 4, 30))
    assert costs.by_funder["AVIQ"].personnel_cents == 800000
    assert charged_costs(date(2026, 3, 1), date(2026, 4, 30)).by_funder.get("AVIQ") is None \
        or charged_costs(date(2026, 3, 1), date(2026, 4, 30)).by_funder["AVIQ"] \
        .personnel_cents == 0


def test_a_detached_acs_post_needs_actiris_agreement(db):
    partner = Partner(name="Asbl Passerelle Nord")
    db.session.add(partner)
    db.session.flush()
    allocation = make_allocation(make_person("Yasmina El Amrani"), "0.5", "ACS",
                                 date(2024, 1, 1), function_code="psychologue")
    allocation.detached_to_id = partner.id
    db.session.flush()
    parameter("ACS", "refill_months", 6, date(2026, 1, 1))
    [check] = checks(date(2026, 3, 1), "detachment")
    assert check.state == "en_infraction"
    assert "est détaché chez Asbl Passerelle Nord depuis le 01/01/2024 sans accord " \
           "d'Actiris" in check.explanation
    allocation.detachment_agreed_on, allocation.detachment_reference = (date(2023, 12, 14),
                                                                        "ACS-DET/15")
    db.session.flush()
    [check] = checks(date(2026, 3, 1), "detachment")
    assert check.state == "ok" and "accord d'Actiris du 14/12/2023, réf. ACS-DET/15" in \
        check.explanation


def test_a_parameter_older_than_18_months_or_to_verify_warns(app, db):
    make_allocation(make_person("Yasmina El Amrani"), "0.5", "ACS", date(2024, 1, 1),
                    function_code="psychologue")
    parameter("ACS", "refill_months", 6, date(2024, 1, 1))
    [stale] = checks(date(2026, 3, 1), "parameter_stale")
    assert stale.state == "a_surveiller"
    assert "ACS : la valeur « Délai pour repourvoir un poste vacant » (6 mois depuis le " \
           "01/01/2024) est en vigueur depuis plus de 18 mois : vérifiez-la auprès " \
           "d'Actiris" in stale.explanation
    assert not checks(date(2025, 6, 1), "parameter_stale")  # 17 months: still fresh
    db.session.commit()
    result = run(app, "aids", "set", "ACS", "refill_months", "6", "--from", "01/01/2026",
                 "--source", "Actiris, courrier du 12/01/2026", "--to-verify")
    assert result.exit_code == 0, result.output
    assert "ACS : Délai pour repourvoir un poste vacant = 6 mois à partir du 01/01/2026." \
        in result.output
    [marked] = checks(date(2026, 3, 1), "parameter_stale")
    assert "est marquée « à vérifier »" in marked.explanation
    printed = run(app, "aids", "check", "--at", "2026-03-01")
    assert "marquée « à vérifier »" in printed.output
    refused = run(app, "aids", "set", "ACS", "delai", "6", "--from", "01/01/2026")
    assert refused.exit_code == 1 and "paramètre « delai » inconnu" in refused.output
    refused = run(app, "aids", "set", "ACS", "refill_months", "six", "--from", "01/01/2026")
    assert refused.exit_code == 1 and "valeur « six » illisible" in refused.output


def test_an_ape_post_works_in_wallonia_and_an_acs_post_in_brussels(db):
    from tracker.association.services import add_site

    seat = add_site(name="Siège de Molenbeek", region="bruxelles", is_seat=True)
    branch = add_site(name="Antenne de Namur", region="wallonie")
    ape = make_allocation(make_person("Thibaut Lerouge"), 1, "APE", date(2024, 1, 1),
                          function_code="secretaire")  # no site: the seat, in Brussels
    make_allocation(make_person("Yasmina El Amrani"), "0.5", "ACS", date(2024, 1, 1),
                    function_code="psychologue", site_id=branch.id)
    found = {check.aid: check for check in checks(date(2026, 3, 1), "site")}
    assert found["APE"].state == "en_infraction"
    assert "secrétaire (1 ETP) de Thibaut Lerouge travaille à « Siège de Molenbeek » " \
           "(Région de Bruxelles-Capitale) : un poste APE s'exerce en Région wallonne" \
           in found["APE"].explanation
    assert found["ACS"].state == "en_infraction"
    ape.site_id = branch.id
    db.session.flush()
    db.session.expire_all()
    found = {check.aid: check for check in checks(date(2026, 3, 1), "site")}
    assert found["APE"].state == "ok"
    assert seat.is_seat


def test_the_maribel_ceiling_of_another_fund_warns(db):
    from tracker.association.services import get_association, save_association

    save_association(name="Horizon", maribel_fund="330.01", maribel_joint_committee="330")
    make_allocation(make_person("Julie Peeters"), "0.5", "MARIBEL", date(2024, 1, 1),
                    function_code="assistant_social")
    # the migration ships fund 329.02's 2022 ceiling
    [check] = checks(date(2026, 3, 1), "maribel_fund")
    assert check.state == "a_surveiller"
    assert "est celui du fonds 329.02 ; l'association relève du fonds 330.01" in \
        check.explanation
    assert parameter("MARIBEL", "ceiling_per_fte", 46250, date(2026, 1, 1)).fund == "330.01"
    assert not checks(date(2026, 3, 1), "maribel_fund")
    get_association().maribel_fund = ""
    db.session.flush()
    [missing] = checks(date(2026, 3, 1), "maribel_fund")
    assert "le fonds de l'association n'est pas renseigné" in missing.explanation


def test_a_staff_list_filtered_by_site(db):
    import textwrap

    from tracker.association.services import add_site
    from tracker.questionnaires.definition import parse_definition
    from tracker.questionnaires.report import build_report

    add_site(name="Siège de Molenbeek", region="bruxelles", is_seat=True)
    branch = add_site(name="Antenne de Namur", region="wallonie")
    make_allocation(make_person("Thibaut Lerouge"), 1, "COCOF", date(2024, 1, 1))
    make_allocation(make_person("Léa Verhaegen"), 1, "PCS", date(2024, 1, 1),
                    site_id=branch.id)
    definition = parse_definition(textwrap.dedent("""\
        id: test-sites
        funder: COCOF
        title: Test
        sections:
          - title: Équipe
            items:
              - {id: namur, label: Namur, table: staff, site: Antenne de Namur}
              - {id: siege, label: Siège, table: staff, site: Siège de Molenbeek}
        """), "sites.yaml")
    report = build_report(definition, 2025)
    namur, seat = (item.list.rows for item in report.sections[0].items)
    assert [row[0] for row in namur] == ["Léa Verhaegen"]
    assert [row[0] for row in seat] == ["Thibaut Lerouge"]
    unknown = parse_definition(definition.text.replace("site: Antenne de Namur",
                                                       "site: Antenne de Liège"), "x.yaml")
    try:
        build_report(unknown, 2025)
    except Exception as error:  # noqa: BLE001 - the French refusal is what is checked
        assert "site « Antenne de Liège » inconnu" in str(error)
    else:
        raise AssertionError("an unknown site was accepted")


def test_the_demo_costs_its_sick_leave_and_its_leaver_as_a_social_secretariat_would(
        demo_app, demo_db):
    from sqlalchemy import select

    from tracker.finance.models import PersonnelCost
    from tracker.staffing.models import Person

    def costs(name: str) -> dict:
        person = demo_db.session.scalar(select(Person).where(Person.full_name == name))
        found: dict = {}
        for cost in demo_db.session.scalars(select(PersonnelCost).where(
                PersonnelCost.person_id == person.id, PersonnelCost.month >= date(2026, 1, 1),
                PersonnelCost.month <= date(2026, 7, 1))):
            found.setdefault(cost.month.month, {})[cost.kind] = cost.amount_cents
        return found

    sick = costs("Julie Peeters")  # sick from 01/02 to 31/07: the guaranteed month, then nothing
    assert sick[1]["salaire"] == sick[2]["salaire"]
    assert 0 < sick[3]["salaire"] < sick[2]["salaire"] / 10  # 2 days of March
    assert not {4, 5, 6, 7} & set(sick)
    leaver = costs("Maxime Delcourt")  # left on 15/03
    # 15 days of 31 (each person's distinctive cents are not prorated)
    assert abs(leaver[3]["salaire"] - leaver[2]["salaire"] * 15 / 31) < 1000
    assert leaver[3]["pecule_vacances"] > 0 and 4 not in leaver


def test_the_team_import_places_each_allocation_at_its_site(app, db, tmp_path):
    from sqlalchemy import select

    from tracker.association.services import add_site
    from tracker.staffing.models import Allocation

    add_site(name="Antenne de Namur", region="wallonie")
    db.session.commit()
    team = tmp_path / "equipe.csv"
    header = "nom;fonction;formation;etp;financement;debut;fin;motif_fin;site\n"
    team.write_text(header + "Thibaut Lerouge;secretaire;;1;APE;01/01/2024;;;antenne de namur\n"
                    "Omar Dubois;psychologue;;1;COCOF;01/01/2024;;;\n", encoding="utf-8")
    result = run(app, "import", "staff", str(team))
    assert result.exit_code == 0, result.output
    sites = {allocation.person.full_name: allocation.site.name if allocation.site else None
             for allocation in db.session.scalars(select(Allocation))}
    assert sites == {"Thibaut Lerouge": "Antenne de Namur", "Omar Dubois": None}
    team.write_text(header + "Lina Haddad;psychologue;;1;COCOF;01/01/2024;;;Liège\n",
                    encoding="utf-8")
    refused = run(app, "import", "staff", str(team))
    assert refused.exit_code == 1
    assert "Site « Liège » inconnu (Association › sites : Antenne de Namur)" in refused.output
