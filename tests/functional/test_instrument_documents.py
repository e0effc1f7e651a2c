"""Documents on instruments (issue 28, part 6): the office attaches an arrêté or a decision,
checked by content; the office and the board download it, the staff never; a new version
keeps the old; an agrément without its founding decision says so."""

import io
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage

from tests.factories import funder
from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.errors import ValidationError
from tracker.funders.models import Instrument, InstrumentDocument
from tracker.funders.services import add_instrument_document

PDF = b"%PDF-1.7 arrete d'agrement 2023"


def agrement(db) -> Instrument:
    instrument = Instrument(funder_id=funder("COCOF").id, kind="agrement",
                            title="Agrément ambulatoire", start_date=date(2023, 1, 1))
    db.session.add(instrument)
    db.session.commit()
    return instrument


def attach(client, instrument, content=PDF, name="arrete.pdf", **fields):
    return post_form(client, f"/financeurs/instruments/{instrument.id}/documents", {
        "kind": "arrete", "issued_on": "15/12/2022", "reference": "AR-2022/118",
        "file": (io.BytesIO(content), name), **fields}, content_type="multipart/form-data")


def sign_out(client):
    from tests.helpers import csrf_token

    client.get(f"/logout?jeton={csrf_token(client)}")


def test_the_office_attaches_a_decision_the_board_reads_it_the_staff_never(client, db,
                                                                            login_as):
    instrument = agrement(db)
    login_as(Role.SECRETARY)
    page = client.get(f"/financeurs/instruments/{instrument.id}").get_data(as_text=True)
    assert "Documents fondateurs manquants" in page
    assert attach(client, instrument).status_code == 302
    document = db.session.scalar(db.select(InstrumentDocument))
    assert (document.kind, document.issued_on, document.reference) == (
        "arrete", date(2022, 12, 15), "AR-2022/118")
    page = client.get(f"/financeurs/instruments/{instrument.id}").get_data(as_text=True)
    assert "Documents fondateurs manquants" not in page
    assert "arrete.pdf" in page and "AR-2022/118" in page and "15/12/2022" in page
    address = f"/financeurs/instruments/documents/{document.id}"
    assert client.get(address).data == PDF

    for role, status in ((Role.BOARD, 200), (Role.DIRECTOR, 200), (Role.STAFF, 403)):
        sign_out(client)
        login_as(role)
        assert client.get(address).status_code == status, role
        if role == Role.DIRECTOR:  # the journal names the document
            journal = client.get("/journal/").get_data(as_text=True)
            assert "instrument" in journal and "arrete.pdf" in journal
    assert client.get(f"/financeurs/instruments/{instrument.id}").status_code == 403


def test_a_file_whose_content_is_not_what_it_says_is_refused_and_nothing_kept(client, db,
                                                                             login_as):
    instrument = agrement(db)
    login_as(Role.DIRECTOR)
    response = attach(client, instrument, content=b"MZ\x90\x00 not a pdf", name="arrete.pdf")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Document non ajouté" in page and "le contenu doit correspondre" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(InstrumentDocument)) == 0
    big = FileStorage(io.BytesIO(b"%PDF-1.7" + b"0" * (20 * 1024 * 1024)), "gros.pdf")
    with pytest.raises(ValidationError, match="dépasse 20 Mo"):
        add_instrument_document(instrument, "arrete", None, "", big)
    assert db.session.scalar(db.select(db.func.count()).select_from(InstrumentDocument)) == 0


def test_a_new_version_replaces_the_old_which_stays_downloadable(client, db, login_as):
    instrument = agrement(db)
    login_as(Role.SECRETARY)
    attach(client, instrument)
    first = db.session.scalar(db.select(InstrumentDocument))
    attach(client, instrument, content=b"%PDF-1.7 avenant", name="arrete-modifie.pdf",
           kind="avenant", replaces=str(first.id))
    db.session.expire_all()
    second = db.session.scalar(db.select(InstrumentDocument).where(
        InstrumentDocument.id != first.id))
    assert db.session.get(InstrumentDocument, first.id).replaced_by_id == second.id
    page = client.get(f"/financeurs/instruments/{instrument.id}").get_data(as_text=True)
    assert "arrete-modifie.pdf" in page and "arrete.pdf</a> (remplacée)" in page
    assert "Documents fondateurs manquants" in page  # an avenant does not found an agrément
    assert client.get(f"/financeurs/instruments/documents/{first.id}").data == PDF
    attach(client, instrument, content=b"%PDF-1.7 v3", name="arrete-v3.pdf",
           replaces=str(second.id))  # a third version: the first is still listed
    page = client.get(f"/financeurs/instruments/{instrument.id}").get_data(as_text=True)
    assert "arrete-modifie.pdf</a> (remplacée)" in page
    assert "arrete.pdf</a> (remplacée)" in page
    again = attach(client, instrument, replaces=str(first.id))  # already replaced
    assert "Document non ajouté" in client.get(again.headers["Location"]).get_data(
        as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(InstrumentDocument)) == 3
    with pytest.raises(ValidationError, match="pas une version en cours"):
        add_instrument_document(instrument, "arrete", None, "", FileStorage(
            io.BytesIO(PDF), "x.pdf"), replaces_id=first.id)


def test_the_demo_attaches_invented_founding_decisions_and_leaves_one_missing(demo_app,
                                                                             demo_db):
    from tracker.demo.foundation import DEMO_LOGINS

    client = demo_app.test_client()
    email, password = DEMO_LOGINS[2][:2]  # the board reads them
    post_form(client, "/login", {"email": email, "password": password})
    instruments = {instrument.title: instrument for instrument in demo_db.session.scalars(
        demo_db.select(Instrument))}
    cocof = instruments["Agrément service ambulatoire assuétudes"]
    page = client.get(f"/financeurs/instruments/{cocof.id}").get_data(as_text=True)
    assert "arrete-agrement-cocof.pdf" in page and "Documents fondateurs manquants" not in page
    arrete = next(document for document in cocof.documents if document.kind == "arrete")
    content = client.get(f"/financeurs/instruments/documents/{arrete.id}").data
    assert content.startswith(b"%PDF-")
    aviq = instruments["Agrément promotion de la santé 2023-2028"]
    page = client.get(f"/financeurs/instruments/{aviq.id}").get_data(as_text=True)
    assert "Documents fondateurs manquants" in page
