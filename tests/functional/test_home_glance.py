"""Home pages at a glance: the office's key figures and six months of deadlines, the board's
FTE per funder as stacked bars, its cadre gaps and conventions to renegotiate."""

from datetime import date, timedelta
from decimal import Decimal

from tests.factories import funder, make_allocation, make_person
from tracker.activities.services import ActivityInput, save_activity
from tracker.auth.roles import Role
from tracker.deadlines.dashboard import build_dashboard
from tracker.deadlines.models import Deadline
from tracker.funders.services import add_cadre_post, save_instrument
from tracker.home.glance import board_glance, office_glance
from tracker.partnerships.models import Convention, Partner


def deadline(db, title, days, status="a_faire"):
    db.session.add(Deadline(title=title, kind="rapport_activite", status=status,
                            due_date=date.today() + timedelta(days=days)))


def test_the_office_sees_its_figures_and_six_months_of_deadlines(client, db, login_as):
    deadline(db, "En retard", -3)
    deadline(db, "Bientôt", 10)
    deadline(db, "Déjà soumis", 12, status="soumis")
    deadline(db, "Dans cinq mois", 150)
    save_activity(None, ActivityInput(date=date.today(), type_code="appel", duree_min=5))
    db.session.commit()
    glance = office_glance(build_dashboard(date.today()))
    assert (glance.overdue, glance.due_30) == (1, 1)
    assert len(glance.months) == 6
    assert sum(month.open for month in glance.months) == 3  # the overdue one included
    assert sum(month.done for month in glance.months) == 1
    assert glance.drafts >= 6  # the shipped questionnaires of last year, none finalised
    assert glance.without_performer == 1

    login_as(Role.SECRETARY)
    html = client.get("/").get_data(as_text=True)
    assert '<strong>1</strong><span>échéance(s) en retard</span>' in html
    assert "Échéances des six prochains mois" in html and "<svg" in html
    assert " style=" not in html.split("<svg", 1)[1]  # the CSP forbids inline styles


def test_the_board_sees_fte_per_funder_gaps_and_conventions(client, db, login_as):
    agreement = save_instrument(
        None, funder_id=funder("COCOF").id, kind="agrement", title="Agrément ambulatoire",
        start_date=date(2020, 1, 1), end_date=None, status="en_cours")
    add_cadre_post(agreement, function_code="psychologue", fte=Decimal("2"),
                   valid_from=date(2020, 1, 1))
    make_allocation(make_person("Anna Écoute"), 1, "COCOF", date(2020, 1, 1),
                    instrument_id=agreement.id)
    make_allocation(make_person("Bert Relais"), 0.5, "FONDS_PROPRES", date(2020, 1, 1),
                    function_code="assistant_social")
    partner = Partner(name="Maison Voisine")
    db.session.add(Convention(partner=partner, object="Permanence", status="a_renegocier",
                              start_date=date(2024, 1, 1)))
    db.session.commit()
    glance = board_glance(date.today())
    assert [bar.label for bar in glance.fte.bars] == ["COCOF", "Fonds propres"]
    assert glance.fte.bars[0].segments[0].label == "Psychologue"
    assert [comparison.instrument.title for comparison in glance.gaps] == [
        "Agrément ambulatoire"]

    login_as(Role.BOARD)
    html = client.get("/").get_data(as_text=True)
    assert "ETP par financeur aujourd'hui" in html
    assert ">1,5</strong><span>ETP financés aujourd'hui" in html
    assert ">1 ETP</text>" in html and ">0,5 ETP</text>" in html  # values written on bars
    assert "1 ETP Psychologue manquant(s)" in html
    assert "Maison Voisine – Permanence" in html
