"""The pages' imports as background jobs (issue 17): the request returns at once, the page
follows the job (progress as JSON for its bar, then the result), a job cut by a crash is
failed in French, a chunked import that fails is removed whole, a batch whose writer died is
removed by the scheduler, and the terminal draws a progress bar for long files."""

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest

from tests.factories import make_user
from tests.helpers import post_form, signed_in_client
from tracker.activities.importer import discard_abandoned_batches, import_activities_in_chunks
from tracker.activities.models import Activity, ImportBatch
from tracker.actors import COMMAND_LINE, act_as
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.db import utcnow
from tracker.doctor import examine
from tracker.errors import DomainError
from tracker.jobs.models import BackgroundJob
from tracker.jobs.services import (
    INTERRUPTED,
    ProgressFile,
    claim_next,
    fail_interrupted_jobs,
    progress_of,
    run_waiting_jobs,
    submit_job,
)
from tracker.progress import WRITING


def calls(rows: int, year: int = 2019) -> bytes:
    lines = ["date;type;duree_min"] + [f"{1 + n % 28:02d}/{1 + n % 12:02d}/{year};appel;{n % 30}"
                                       for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def activities(db) -> int:
    return db.session.scalar(db.select(db.func.count(Activity.id)))


def test_an_upload_returns_at_once_and_the_page_follows_its_job(client, db, login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/activites/import",
                         {"file": (io.BytesIO(calls(3)), "trois.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 302 and "tache=" in response.headers["Location"]
    job = db.session.scalar(db.select(BackgroundJob))
    assert job.status == "en_attente" and job.filename == "trois.csv" and activities(db) == 0

    waiting = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Import en cours de « trois.csv »" in waiting and "<progress" in waiting
    assert "Vous pouvez quitter cette page" in waiting
    progress = client.get(f"/taches/{job.id}.json").get_json()
    assert progress["status"] == "en_attente" and progress["finished"] is False

    run_waiting_jobs()  # what the scheduler does each second
    progress = client.get(f"/taches/{job.id}.json").get_json()
    assert progress["finished"] is True and progress["url"].endswith(f"tache={job.id}")
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 activité(s) importées" in done and "<progress" not in done
    assert activities(db) == 3
    listed = client.get("/taches/").get_data(as_text=True)
    assert "trois.csv" in listed and "Terminé" in listed and "Import d&#39;activités" in listed


def test_a_job_is_followed_by_its_asker_and_the_director_only(app, client, db, login_as):
    asker = login_as(Role.SECRETARY)
    post_form(client, "/personnel/import", {"file": (io.BytesIO(b"nom\n"), "equipe.csv")},
              content_type="multipart/form-data")
    job = db.session.scalar(db.select(BackgroundJob))
    assert job.user_id == asker.id

    other = signed_in_client(app, make_user(Role.SECRETARY).email)
    assert other.get(f"/taches/{job.id}.json").status_code == 404
    assert "equipe.csv" not in other.get("/taches/").get_data(as_text=True)
    assert "Import en cours" not in other.get(f"/personnel/import?tache={job.id}").get_data(
        as_text=True)

    director = signed_in_client(app, make_user(Role.DIRECTOR).email)
    assert director.get(f"/taches/{job.id}.json").status_code == 200
    assert "equipe.csv" in director.get("/taches/").get_data(as_text=True)


def test_a_refused_file_shows_its_errors_once_the_job_ran(client, db, login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/activites/import",
                         {"file": (io.BytesIO(b"date;type\n31/02/2019;appel\n"), "faux.csv")},
                         content_type="multipart/form-data")
    run_waiting_jobs()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    main = page[page.find("<main"):]
    assert "rien n'a été enregistré" in main and "Ligne 2" in main, main[:1500]
    assert db.session.scalar(db.select(BackgroundJob.status)) == "refuse"


def test_a_job_is_taken_by_one_process_only(db):
    act_as(COMMAND_LINE)
    job = submit_job("import_activities", calls(1), "un.csv", {})
    db.session.commit()
    assert claim_next("machine-a:1") == job.id
    assert claim_next("machine-b:2") is None  # already taken
    db.session.refresh(job)
    assert job.status == "en_cours" and job.worker == "machine-a:1"


def test_a_job_cut_by_a_crash_is_failed_in_french_at_the_scheduler_s_start(client, db,
                                                                           login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/activites/import",
                         {"file": (io.BytesIO(calls(2)), "coupe.csv")},
                         content_type="multipart/form-data")
    job_id = claim_next("machine-morte:1")  # taken, then the process died
    assert fail_interrupted_jobs() == 1
    job = db.session.get(BackgroundJob, job_id)
    assert job.status == "echoue" and INTERRUPTED in job.result
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Interrompu par un arrêt du serveur : rien n&#39;a été enregistré" in page
    assert activities(db) == 0


def test_a_chunked_import_that_fails_midway_is_removed_whole(db):
    act_as(COMMAND_LINE)

    def crash_after_the_first_chunk(phase: str, done: int, _total: int) -> None:
        if phase == WRITING and done > 0:
            raise RuntimeError("disque plein")

    with pytest.raises(RuntimeError):
        import_activities_in_chunks(calls(12_000), "gros.csv",
                                    progress=crash_after_the_first_chunk)
    assert activities(db) == 0
    assert db.session.scalar(db.select(db.func.count(ImportBatch.id))) == 0
    report = import_activities_in_chunks(calls(12_000), "gros.csv")  # nothing to undo first
    assert report.rows == 12_000 and activities(db) == 12_000


def test_a_batch_whose_writer_died_is_removed_whole(db):
    act_as(COMMAND_LINE)
    report = import_activities_in_chunks(calls(50), "mort.csv")
    batch = db.session.get(ImportBatch, report.batch_id)
    batch.completed_at, batch.heartbeat_at = None, utcnow() - timedelta(minutes=3)
    db.session.commit()
    assert discard_abandoned_batches() == []  # its writer may still be at work
    batch.heartbeat_at = utcnow() - timedelta(minutes=30)
    db.session.commit()
    assert discard_abandoned_batches() == [report.batch_id]
    assert activities(db) == 0


def test_the_doctor_says_when_imports_wait_for_a_scheduler(app, db):
    act_as(COMMAND_LINE)
    job = submit_job("import_activities", calls(1), "oublie.csv", {})
    job.created_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    finding = next(item for item in examine(app) if item.topic == "Imports")
    assert not finding.ok and "1 import(s) attendent depuis plus de 2 minutes" in finding.message


def test_the_doctor_says_when_the_imports_folder_cannot_be_written(app, db, tmp_path,
                                                                  monkeypatch):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    monkeypatch.setitem(app.config, "JOBS_DIR", str(blocker / "taches"))
    finding = next(item for item in examine(app) if item.topic == "Imports")
    assert not finding.ok and "non inscriptible" in finding.message
    assert "les imports envoyés depuis les pages échoueront" in finding.message


def test_the_terminal_draws_a_progress_bar_for_a_long_file(app, db, tmp_path):
    path = tmp_path / "centrale.csv"
    path.write_bytes(calls(12_000, year=2018))
    result = app.test_cli_runner().invoke(cli, ["import", "activities", str(path)])
    assert result.exit_code == 0, result.output
    assert "12000 activité(s) importées" in result.output
    assert "Vérification des lignes" in result.output and "Écriture" in result.output
    assert "12000/12000" in result.output
    small = tmp_path / "petit.csv"
    small.write_bytes(calls(10, year=2017))
    quiet = app.test_cli_runner().invoke(cli, ["import", "activities", str(small)])
    assert quiet.exit_code == 0 and "Écriture" not in quiet.output


def test_progress_is_written_for_the_page_and_removed_with_the_job(app, db):
    act_as(COMMAND_LINE)
    job = submit_job("import_activities", calls(6_000), "suivi.csv", {})
    db.session.commit()
    assert progress_of(job)["phase"] == "En attente du traitement"
    ProgressFile(job.id)(WRITING, 1_500, 6_000)  # as the running job writes it
    assert progress_of(job) == {"phase": WRITING, "done": 1_500, "total": 6_000, "percent": 25}
    run_waiting_jobs()
    assert not list(Path(app.config["JOBS_DIR"]).glob(f"{job.id}.*"))  # upload and progress
    job.created_at = utcnow() - timedelta(minutes=5)
    job.status = "en_attente"
    assert "le planificateur du serveur ne semble pas tourner" in progress_of(job)["phase"]


def test_a_long_cost_file_shows_its_progress_and_the_same_file_at_once_is_refused(app, db,
                                                                                   tmp_path):
    from tests.factories import make_person
    from tracker.finance.importer import import_costs, record_import

    for number in range(60):
        make_person(f"Personne Coût {number}")
    db.session.commit()
    lines = ["nom;mois;cout"] + [f"Personne Coût {n % 60};{1 + n // 60 % 12:02d}/"
                                 f"{2000 + n // 720};{1000 + n},00" for n in range(6000)]
    path = tmp_path / "couts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["import", "costs", str(path)])
    assert result.exit_code == 0, result.output
    assert "Vérification des lignes" in result.output and "6000 coût(s) importés" in result.output

    # another process recorded the same file between the check and the write
    content = b"nom;mois;cout\nPersonne Co\xc3\xbbt 1;01/2030;10,00\n"
    checked = import_costs(content, "meme.csv", dry_run=True)
    assert checked.rows == 1
    record_import("meme.csv", hashlib.sha256(content).hexdigest(), 1, "personnel")
    with pytest.raises(DomainError, match="déjà été importé"):
        record_import("meme.csv", hashlib.sha256(content).hexdigest(), 1, "personnel")
