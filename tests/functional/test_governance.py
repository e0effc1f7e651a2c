"""The association's own obligations (issue 28): a mandate imported makes its UBO deadline,
a closed financial year its AG approval, the AG held with « comptes approuvés » closes it and
opens the filing at the place the thresholds decide; the board reads the register and the
meetings, never a member's identity."""

import io
import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tests.factories import make_allocation, make_person
from tests.helpers import csrf_token, post_form
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.deadlines.models import Deadline
from tracker.formatting import format_fte, format_money
from tracker.governance.models import LegalFiling, Mandate, Meeting
from tracker.governance.parameters import add_legal_parameter
from tracker.governance.services import save_mandate
from tracker.governance.size import association_size, save_accounts_year

HEADER = "nom;qualite;debut;fin\n"


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def deadline(db, key: str) -> Deadline | None:
    return db.session.scalar(select(Deadline).where(Deadline.obligation_key == key))


def test_an_imported_mandate_makes_its_ubo_deadline_naming_the_person(app, db, tmp_path):
    register = tmp_path / "mandats.csv"
    register.write_text(HEADER + "Odile Verhaegen;administrateur;15/03/2026;\n"
                                 "Jules Ramaekers;Trésorier;10/06/2020;20/02/2026\n"
                                 "Mia Claes;membre_ag;01/02/2026;\n", encoding="utf-8")
    dry = run(app, "import", "mandates", str(register), "--dry-run")
    assert "3 mandat(s) seraient créé(s)" in dry.output
    assert db.session.scalar(select(Mandate.id)) is None  # a dry run writes nothing

    result = run(app, "import", "mandates", str(register))
    assert result.exit_code == 0, result.output
    assert "3 mandat(s) créé(s)" in result.output
    started = deadline(db, f"ubo:start:{_mandate(db, 'Odile Verhaegen').id}")
    assert started.due_date == date(2026, 4, 15)
    assert "Odile Verhaegen" in started.title and started.kind == "obligation_legale"
    assert started.owner_role == "director"
    ended = deadline(db, f"ubo:end:{_mandate(db, 'Jules Ramaekers').id}")
    assert ended.due_date == date(2026, 3, 20) and "Jules Ramaekers" in ended.title
    published = deadline(db, f"publication:start:{_mandate(db, 'Odile Verhaegen').id}")
    assert published.due_date == date(2026, 4, 14)
    members = deadline(db, f"members_register:start:{_mandate(db, 'Mia Claes').id}")
    assert members.due_date == date(2026, 2, 9)

    listed = json.loads(run(app, "deadlines", "--today", "2026-03-01", "--within", "365",
                            "--format", "json").output)
    approval = [item for item in listed if item["title"] ==
                "Approbation des comptes 2025 par l'assemblée générale"]
    assert [(item["due"], item["kind"]) for item in approval] == [
        ("2026-06-30", "obligation_legale")]
    assert run(app, "import", "mandates", str(register)).output.count("déjà présent") == 1
    assert len(db.session.scalars(select(Mandate)).all()) == 3  # imported again: nothing added


def _mandate(db, name: str) -> Mandate:
    return next(mandate for mandate in db.session.scalars(select(Mandate))
                if mandate.member.full_name == name)


def test_a_refused_mandate_file_writes_nothing_and_says_why_in_french(app, db, tmp_path):
    register = tmp_path / "mandats.csv"
    register.write_text(HEADER + "Odile Verhaegen;administrateur;15/03/2026;\n"
                                 "Jules Ramaekers;vice-roi;10/06/2020;01/01/2019\n",
                        encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["import", "mandates", str(register)])
    assert result.exit_code == 1
    assert "Qualité « vice-roi » inconnue" in result.output
    assert "La date de fin précède la date de début" in result.output
    assert db.session.scalar(select(Mandate.id)) is None


def test_the_ag_approving_the_accounts_closes_its_deadline_and_opens_the_filing(
        app, db, client, login_as):
    save_mandate(None, member_name="Odile Verhaegen", quality="membre_ag",
                 start_date=date(2019, 6, 1))
    db.session.commit()
    run(app, "deadlines", "--today", "2026-03-01")
    approval = deadline(db, "ag_accounts:2025")
    assert (approval.due_date, approval.status) == (date(2026, 6, 30), "a_faire")
    login_as(Role.DIRECTOR)
    response = post_form(client, "/gouvernance/reunions/nouvelle", {
        "body": "ag", "kind": "ordinaire", "held_on": "12/06/2026", "quorum_reached": "y",
        "agenda": "Comptes 2025", "accounts_approved": "y", "accounts_year": "2025"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    approval = deadline(db, "ag_accounts:2025")
    assert approval.status == "soumis" and approval.submitted_on == date(2026, 6, 12)
    assert "AG ordinaire du 12/06/2026" in approval.proof_reference
    filing = deadline(db, "filing:2025")
    assert filing.due_date == date(2026, 7, 12) and filing.status == "a_faire"
    assert filing.title.endswith("destination à déterminer")  # 2025's figures not typed
    response = post_form(client, "/gouvernance/exercices", {
        "year": "2025", "income": "120.000,00", "assets": "90.000,00", "debts": "10.000,00"})
    assert response.status_code == 302
    db.session.expire_all()
    assert deadline(db, "filing:2025").title.endswith("Greffe du tribunal de l'entreprise")

    check = json.loads(run(app, "governance", "check", "--at", "2026-07-20", "--format",
                           "json").output)
    states = {item["key"]: item for item in check["obligations"]}
    assert states["ag_accounts:2025"]["state"] == "ok"
    assert states["filing:2025"]["state"] == "en_retard"
    assert {parameter["code"] for parameter in states["filing:2025"]["parameters"]} == {
        "filing_days", "large_fte", "large_income", "large_assets"}

    # the director records the filing with its proof: the deadline closes by itself
    response = post_form(client, "/gouvernance/obligations/faite", {
        "key": "filing:2025", "done_on": "02/07/2026", "reference": "Dépôt 2026-118",
        "file": (io.BytesIO(b"%PDF-1.7 accuse"), "accuse.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    assert deadline(db, "filing:2025").status == "soumis"
    filing = db.session.scalar(select(LegalFiling))
    assert filing.documents[0].filename == "accuse.pdf"

    # the meeting deleted: the approval's deadline opens again
    meeting = db.session.scalar(select(Meeting))
    client.post(f"/gouvernance/reunions/{meeting.id}/supprimer",
                data={"csrf_token": csrf_token(client)})
    db.session.expire_all()
    assert deadline(db, "ag_accounts:2025").status == "a_faire"


def test_the_filing_place_follows_the_thresholds_in_force(app, db):
    person = make_person("Équipe entière")
    for index in range(6):
        make_allocation(make_person(f"Travailleur {index}"), "1", "COCOF",
                        date(2024, 1, 1))
    make_allocation(person, "0.5", "COCOF", date(2024, 1, 1))
    save_accounts_year(2025, Decimal("200000"), Decimal("300000"), Decimal("50000"))
    size = association_size(2025)  # 6,5 FTE exceeds one threshold only
    assert size.place == "greffe" and f"{format_fte(6.5)}" in size.explanation
    save_accounts_year(2025, Decimal("400000"), Decimal("300000"), Decimal("50000"))
    assert association_size(2025).place == "bnb"  # FTE and income
    add_legal_parameter(code="large_income", value=Decimal("450000"),
                        valid_from=date(2025, 1, 1), source="seuil relevé")
    assert association_size(2025).place == "greffe"  # the newer threshold in force
    assert association_size(2024).place is None  # 2024's figures were never typed


def test_the_demo_files_its_accounts_at_the_national_bank(demo_app, demo_db):
    size = association_size(2025)
    assert size.place == "bnb", size.explanation
    assert f"recettes hors exceptionnelles {format_money(Decimal(526000))}" in size.explanation


def test_the_demo_board_has_six_with_one_term_in_five_months_and_a_pending_publication(
        demo_app, demo_db):
    from tracker.governance.obligations import check_obligations
    from tracker.governance.services import mandates_ending, register_at

    today = date.today()
    board = {mandate.member_id for mandate in register_at(today)
             if mandate.quality == "administrateur"}
    assert len(board) == 6
    ending = [mandate for mandate in mandates_ending(today) if mandate.quality == "administrateur"]
    assert len(ending) == 1 and 140 <= (ending[0].term_date - today).days <= 160
    states = {item.code + ":" + item.key.split(":")[1]: item.state(today)
              for item in check_obligations(today) if item.person == "Luc Peeters-Delhaye"}
    assert states["ubo_update:end"] == "ok" and states["publication:end"] != "ok"


def sign_out(client):
    client.get(f"/logout?jeton={csrf_token(client)}")


def test_the_board_reads_the_register_and_meetings_never_an_identity(app, db, client,
                                                                     login_as):
    login_as(Role.DIRECTOR)
    assert post_form(client, "/gouvernance/mandats/nouveau", {
        "member_name": "Odile Verhaegen", "quality": "administrateur",
        "start_date": "15/03/2026", "term_date": "15/03/2032"}).status_code == 302
    mandate = db.session.scalar(select(Mandate))
    assert post_form(client, f"/gouvernance/membres/{mandate.member_id}/identite", {
        "birth_date": "03/04/1961", "nationality": "congolaise",
        "address": "Rue des Lilas 12, 4000 Liège"}).status_code == 302
    page = client.get(f"/gouvernance/mandats/{mandate.id}").get_data(as_text=True)
    assert "03/04/1961" in page and "Rue des Lilas 12" in page  # the director's own view
    assert post_form(client, "/gouvernance/reunions/nouvelle", {
        "body": "ca", "kind": "ordinaire", "held_on": "20/04/2026", "quorum_reached": "y",
        "agenda": "Budget"}).status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert post_form(client, f"/gouvernance/reunions/{meeting.id}/documents", {
        "kind": "pv", "issued_on": "20/04/2026", "reference": "PV CA 2026-2",
        "file": (io.BytesIO(b"%PDF-1.7 pv signe"), "pv-ca.pdf")},
        content_type="multipart/form-data").status_code == 302
    document_id = meeting.documents[0].id

    for role in (Role.BOARD, Role.SECRETARY):
        sign_out(client)
        login_as(role)
        pages = [client.get(address) for address in (
            "/gouvernance/", f"/gouvernance/mandats/{mandate.id}", "/gouvernance/reunions",
            f"/gouvernance/reunions/{meeting.id}", "/gouvernance/obligations",
            "/personnel/dossier-ca?date=2026-05-01&format=xlsx", "/")]
        assert all(page.status_code == 200 for page in pages), role
        text = "".join(page.get_data(as_text=True) for page in pages[:5])
        assert "Odile Verhaegen" in text and "Présences" in text
        assert "03/04/1961" not in text and "Lilas" not in text and "congolaise" not in text
        pack = pages[5].data  # the board pack names the administrator, not where she lives
        assert b"Lilas" not in pack and b"1961" not in pack
        assert client.get(f"/gouvernance/documents/{document_id}").data == b"%PDF-1.7 pv signe"
        refused = post_form(client, f"/gouvernance/membres/{mandate.member_id}/identite",
                            {"address": "ailleurs"})
        assert refused.status_code == 403
    sign_out(client)
    login_as(Role.STAFF)
    assert client.get("/gouvernance/").status_code == 403
    assert client.get(f"/gouvernance/documents/{document_id}").status_code == 403


def test_a_legal_deadline_closed_by_hand_is_the_fulfilment_the_check_reads(app, db, tmp_path):
    register = tmp_path / "mandats.csv"
    register.write_text(HEADER + "Odile Verhaegen;administrateur;15/03/2026;\n",
                        encoding="utf-8")
    run(app, "import", "mandates", str(register))
    ubo = next(item for item in db.session.scalars(select(Deadline))
               if (item.obligation_key or "").startswith("ubo:start:"))
    ubo.status, ubo.submitted_on, ubo.proof_reference = "soumis", date(2026, 4, 2), "UBO-77"
    db.session.commit()
    filing = db.session.scalar(select(LegalFiling).where(
        LegalFiling.obligation_key == ubo.obligation_key))
    assert (filing.done_on, filing.reference) == (date(2026, 4, 2), "UBO-77")
    check = json.loads(run(app, "governance", "check", "--at", "2026-05-01", "--format",
                           "json").output)
    states = {item["key"]: item["state"] for item in check["obligations"]}
    assert states[ubo.obligation_key] == "ok"
    assert states[ubo.obligation_key.replace("ubo:", "publication:")] == "en_retard"
    confirm = next(item for item in check["obligations"] if item["rule"] == "ubo_confirm")
    assert (confirm["due"], confirm["state"]) == ("2027-04-02", "a_surveiller")
