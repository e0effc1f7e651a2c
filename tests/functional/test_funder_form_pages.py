"""The funder's forms on the pages: the office uploads (a refused template writes nothing and
lists its problems with their place), adds versions, retires; everyone who reads the
questionnaire downloads it filled; finalisation archives the filled form with its hash."""

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from tests.helpers import csrf_token, post_form
from tests.office_files import excel_file, word_file
from tracker.activities.importer import import_activities
from tracker.auth.roles import Role
from tracker.questionnaires.archives import finalise, read_archived_file
from tracker.questionnaires.models import FunderTemplate
from tracker.questionnaires.registry import get_definition

PAGE = "/questionnaires/cocof-ambulatoire/formulaires"


@pytest.fixture(autouse=True)
def exports(app, tmp_path):
    previous = app.config["EXPORT_DIR"]
    app.config["EXPORT_DIR"] = str(tmp_path / "exports")
    yield
    app.config["EXPORT_DIR"] = previous


def upload(client, content: bytes, filename: str, **fields):
    return post_form(client, PAGE, {"file": (io.BytesIO(content), filename), **fields},
                     content_type="multipart/form-data")


def stored_documents(app) -> set[str]:
    folder = Path(app.config["DOCUMENTS_DIR"])
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def test_a_refused_template_lists_its_problems_and_writes_nothing(app, client, db, login_as):
    login_as(Role.SECRETARY)
    before = stored_documents(app)
    response = upload(client, word_file(["Couverture"], [["{{ apels }}"]],
                                        page_break_before_table=True), "cocof.docx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert ("<strong>page 2, tableau 1, ligne 1, cellule 1</strong> : « apels » n&#39;existe "
            "pas dans cocof-ambulatoire ; vouliez-vous dire « appels » ?") in html
    assert db.session.scalar(select(func.count()).select_from(FunderTemplate)) == 0
    assert stored_documents(app) == before
    refused = upload(client, b"PK\x03\x04", "cocof.xlsm")
    assert refused.status_code == 400
    assert "Un classeur à macros (.xlsm) est refusé" in refused.get_data(as_text=True)


def test_the_office_uploads_versions_fills_and_retires_a_form(app, client, db, login_as):
    import_activities(b"date;type;duree_min\n05/02/2025;appel;10\n06/02/2025;appel;10\n",
                      "appels.csv")
    db.session.commit()
    login_as(Role.SECRETARY)
    response = upload(client, word_file(["Appels : {{ appels }}"]), "cocof.docx",
                      title="Rapport COCOF <2025>")
    assert response.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "Rapport COCOF &lt;2025&gt;" in page and "version 1" in page
    assert "appels_par_annee" in page  # the items it never uses, listed
    template = db.session.scalars(select(FunderTemplate)).one()
    assert upload(client, word_file(["Total des appels : {{ appels }}"]), "cocof-v2.docx",
                  template=str(template.id)).status_code == 302
    assert "version 2" in client.get(PAGE).get_data(as_text=True)
    wrong_kind = upload(client, excel_file({}, {"appels": "Rapport!$B$1"}), "cocof.xlsx",
                        template=str(template.id))
    assert wrong_kind.status_code == 400

    show = client.get("/questionnaires/cocof-ambulatoire/2025").get_data(as_text=True)
    link = f"/questionnaires/cocof-ambulatoire/2025/telecharger/formulaire-{template.id}"
    assert link in show
    filled = client.get(link)
    assert filled.status_code == 200
    assert "cocof-ambulatoire-2025-formulaire-rapport-cocof-2025.docx" in \
        filled.headers["Content-Disposition"]
    assert Document(io.BytesIO(filled.data)).paragraphs[0].text == "Total des appels : 2"

    archive = finalise(get_definition("cocof-ambulatoire"), 2025)
    db.session.commit()
    form = next(file for file in archive.files if file.template_version_id)
    assert form.filename == "cocof-ambulatoire-2025-formulaire-rapport-cocof-2025-v1.docx"
    assert Document(io.BytesIO(read_archived_file(form))).paragraphs[0].text == \
        "Total des appels : 2"
    assert client.get(f"/questionnaires/archives/{form.id}").status_code == 200

    assert post_form(client, f"{PAGE}/{template.id}/retirer", {}).status_code == 302
    assert link not in client.get("/questionnaires/cocof-ambulatoire/2025").get_data(
        as_text=True)
    assert "retiré le" in client.get(PAGE).get_data(as_text=True)


def test_the_board_downloads_filled_forms_but_never_uploads(app, client, db, login_as):
    login_as(Role.SECRETARY)
    upload(client, word_file(["Appels : {{ appels }}"]), "cocof.docx")
    template = db.session.scalars(select(FunderTemplate)).one()
    client.get(f"/logout?jeton={csrf_token(client)}")
    login_as(Role.BOARD)
    assert client.get(PAGE).status_code == 200
    assert upload(client, word_file(["{{ appels }}"]), "cocof.docx").status_code == 403
    assert post_form(client, f"{PAGE}/{template.id}/retirer", {}).status_code == 403
    assert client.get(f"{PAGE}/versions/{template.latest.id}/telecharger").status_code == 403
    assert client.get("/questionnaires/cocof-ambulatoire/2025/telecharger/"
                      f"formulaire-{template.id}").status_code == 200
