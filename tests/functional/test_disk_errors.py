"""A full disk or a folder the server may not write: the upload is refused in French, nothing
is kept, no 500; a document stored for a change that is rolled back is removed (issue 27)."""

import errno
import io
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.documents.storage import store_document
from tracker.jobs.models import BackgroundJob

PDF = b"%PDF-1.4\n%test\n"


def _failing_writes(monkeypatch, code: int) -> None:
    def refuse(self, _data):
        raise OSError(code, "simulated")
    monkeypatch.setattr(Path, "write_bytes", refuse)


@pytest.mark.parametrize(("code", "said"), [
    (errno.ENOSPC, "Espace disque insuffisant sur le serveur : rien n&#39;a été enregistré"),
    (errno.EACCES, "dossier non accessible en écriture"),
])
def test_an_import_upload_that_cannot_be_written_is_refused_in_french(client, db, login_as,
                                                                      monkeypatch, code, said):
    login_as(Role.SECRETARY)
    _failing_writes(monkeypatch, code)
    response = post_form(client, "/activites/import",
                         {"file": (io.BytesIO(b"date;type\n01/01/2025;appel\n"), "a.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 200
    assert said in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(BackgroundJob.id))) == 0


def test_a_document_that_cannot_be_written_is_a_field_error(app, db, monkeypatch):
    _failing_writes(monkeypatch, errno.ENOSPC)
    with pytest.raises(Exception, match="Espace disque insuffisant") as refused:
        store_document(FileStorage(io.BytesIO(PDF), filename="preuve.pdf"), "proof_file")
    assert refused.value.field == "proof_file"


def test_a_document_stored_for_a_change_never_committed_is_removed(app, db):
    """A request that stores a receipt then fails (a refused field, a database error) ends
    without a commit: the file goes with it; a committed one stays."""
    folder = Path(app.config["DOCUMENTS_DIR"])
    with app.app_context():
        stored, _name = store_document(FileStorage(io.BytesIO(PDF), filename="preuve.pdf"))
        assert (folder / stored).exists()
    assert not (folder / stored).exists()
    with app.app_context():
        kept, _name = store_document(FileStorage(io.BytesIO(PDF), filename="preuve.pdf"))
        db.session.commit()
    assert (folder / kept).exists()


def test_one_upload_limit_for_the_pages_and_the_imports(app):
    """The pages stopped uploads at 20 MB while imports (and the README) said 50 MB."""
    from tracker.tabular import MAX_BYTES

    assert app.config["MAX_CONTENT_LENGTH"] == MAX_BYTES
    caddy = (Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile").read_text()
    assert "max_size 55MB" in caddy  # a little above, for the form around the file
