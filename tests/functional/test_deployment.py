"""The production set-up (issue 17): a production-like start (gunicorn and the scheduler as
separate processes on this run's database) answering the health page, taking an import sent
as a job and passing `tracker doctor`; the compose file valid against the Compose
specification; docs/deploy.md naming only commands, files and settings the project ships."""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import migrated_app
from tracker.cli import cli
from tracker.extensions import db
from tracker.jobs.models import BackgroundJob

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEPLOY_DOC = (ROOT / "docs" / "deploy.md").read_text()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answer(url: str) -> tuple[int, dict] | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, json.loads(response.read())
    except OSError:
        return None


def test_a_production_like_start_answers_takes_jobs_and_passes_the_doctor(tmp_path_factory):
    with migrated_app(tmp_path_factory, "production") as app:
        folder = Path(app.instance_path).parent
        environment = {
            **os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": "p" * 64, "TRACKER_INSTANCE_PATH": app.instance_path,
            "TRACKER_MAIL_OUTBOX": str(folder / "outbox"), "BACKUP_DIR": str(folder / "backups"),
            "JOBS_DIR": app.config["JOBS_DIR"], "EXPORT_DIR": str(folder / "exports"),
            "TRACKER_BEHIND_PROXY": "1", "TRACKER_HTTPS": "1",
        }
        port = free_port()
        web = subprocess.Popen(
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "60", "wsgi:app"], cwd=ROOT, env=environment,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        scheduler = subprocess.Popen([str(BIN / "tracker"), "scheduler"], cwd=ROOT,
                                     env=environment, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        try:
            status, body = wait_for(lambda: answer(f"http://127.0.0.1:{port}/sante"), 60,
                                    "the health page")
            assert (status, body) == (200, {"status": "ok", "database": "ok"})

            # an import sent from a page, taken by the scheduler process
            with app.app_context():
                from tracker.actors import COMMAND_LINE, act_as
                from tracker.jobs.services import submit_job

                act_as(COMMAND_LINE)
                job_id = submit_job("import_activities",
                                    b"date;type;duree_min\n02/01/2025;appel;12\n", "appel.csv",
                                    {}).id
                db.session.commit()

                def finished():
                    db.session.expire_all()
                    job = db.session.get(BackgroundJob, job_id)
                    outcome = (job.status, job.result) if job.finished else None
                    db.session.commit()  # (a transaction left open would hold SQLite's lock)
                    return outcome

                try:
                    status, result = wait_for(finished, 30, "the scheduler to run the job")
                except AssertionError:
                    scheduler.terminate()
                    raise AssertionError(scheduler.communicate(timeout=30)[0]) from None
                assert status == "termine", result
                assert json.loads(result)["report"]["rows"] == 1

            backup = subprocess.run([str(BIN / "tracker"), "backup"], cwd=ROOT, env=environment,
                                    capture_output=True, text=True, timeout=120)
            assert backup.returncode == 0, backup.stdout + backup.stderr
            doctor = subprocess.run([str(BIN / "tracker"), "doctor"], cwd=ROOT,
                                    env=environment, capture_output=True, text=True, timeout=60)
            assert doctor.returncode == 0, doctor.stdout + doctor.stderr
            assert "✔ Planificateur : en marche" in doctor.stdout
            assert "Tout est en ordre." in doctor.stdout
        finally:
            for process in (web, scheduler):
                process.terminate()
            outputs = [process.communicate(timeout=30)[0] for process in (web, scheduler)]
        assert "Traceback" not in "".join(outputs), outputs


@pytest.mark.engine_independent
def test_the_compose_file_follows_the_compose_specification():
    checked = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
         str(ROOT / "deploy" / "compose.yaml")], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.engine_independent
def test_the_image_runs_unprivileged_with_a_health_check_and_holds_what_the_app_needs(
        tmp_path):
    """No container engine here: the image's files (what its COPY lines take) are copied into
    a folder, and the application is started from there: it migrates a database, serves the
    sign-in page with its stylesheet and answers the health page."""
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert re.search(r"^USER tracker$", dockerfile, re.M)
    assert "HEALTHCHECK" in dockerfile and "/sante" in dockerfile
    assert "gunicorn" in dockerfile and "wsgi:app" in dockerfile
    image = tmp_path / "app"
    image.mkdir()
    for copied in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M):
        for path in copied.split():
            source = ROOT / path
            if source.is_dir():
                shutil.copytree(source, image / path,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, image / path)
    script = (
        "from flask_migrate import upgrade\n"
        "from wsgi import app\n"
        "with app.app_context(): upgrade()\n"
        "client = app.test_client()\n"
        "assert client.get('/sante').get_json() == {'status': 'ok', 'database': 'ok'}\n"
        "assert 'Se connecter' in client.get('/login').get_data(as_text=True)\n"
        "assert client.get('/static/css/app.css').status_code == 200\n"
        "import tracker; print(tracker.__file__)\n")
    environment = {**os.environ, "PYTHONPATH": str(image), "SECRET_KEY": "i" * 64,
                   "TRACKER_INSTANCE_PATH": str(tmp_path / "data"),
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'image.sqlite3'}"}
    started = subprocess.run([sys.executable, "-c", script], cwd=image, env=environment,
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stdout + started.stderr
    assert started.stdout.strip() == str(image / "tracker" / "__init__.py")


def _shell_commands(markdown: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", markdown, re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines()]
    inline = re.findall(r"`((?:tracker|suivi-asbl|make|docker compose)[^`]*)`", markdown)
    return [command for command in commands + inline if command]


@pytest.mark.parametrize("runner", ["tracker", "suivi-asbl"])
def test_every_tracker_command_in_the_deploy_guide_exists(app, runner):
    cli_runner = app.test_cli_runner()
    seen = 0
    for command in _shell_commands(DEPLOY_DOC):
        words = shlex.split(command)
        # `tracker …`, `suivi-asbl …`, or `docker compose … exec web tracker …`
        starts = [index for index, word in enumerate(words) if word == runner
                  and (index == 0 or words[index - 1] == "web")]
        if not starts:
            continue
        arguments = words[starts[0] + 1:]
        names = [word for word in arguments if not word.startswith("-")][:2]
        if not names:
            continue
        for depth in (2, 1):  # `user create`, or `doctor`
            result = cli_runner.invoke(cli, [*names[:depth], "--help"])
            if result.exit_code == 0 and re.search(
                    r"Usage: \S+ " + re.escape(" ".join(names[:depth])) + " ", result.output):
                break
        else:
            raise AssertionError(f"« {command} »: no such command ({result.output})")
        options = {word.split("=")[0] for word in arguments if word.startswith("--")}
        for option in options:
            assert option in result.output, f"« {command} »: {option} unknown"
        seen += 1
    assert seen >= 3


@pytest.mark.engine_independent
def test_the_deploy_guide_names_files_targets_and_settings_that_exist():
    for path in re.findall(r"(deploy/[\w./-]+)", DEPLOY_DOC):
        if path.rstrip(".") != "deploy/.env":
            assert (ROOT / path.rstrip(".")).exists(), path
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"(?:^\s*|[`&;]\s*)make ([\w-]+)", DEPLOY_DOC, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), target
    table = DEPLOY_DOC[DEPLOY_DOC.index("## Configuration"):]
    read = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"',
                          (ROOT / "tracker" / "config.py").read_text()
                          + (ROOT / "tracker" / "__init__.py").read_text()))
    assert read, "no setting found"
    for name in read:
        assert f"`{name}`" in table, f"{name} is read but not in docs/deploy.md's table"
    example = (ROOT / "deploy" / "env.example").read_text()
    for name in re.findall(r"^#? ?([A-Z_]+)=", example, re.M):
        assert f"`{name}`" in table, f"{name} (env.example) is not in the table"


@pytest.mark.engine_independent
@pytest.mark.parametrize("caddyfile", ["deploy/Caddyfile", "deploy/systemd/Caddyfile"])
def test_the_caddyfiles_are_valid(caddyfile):
    caddy = shutil.which("caddy")
    if caddy is None:
        if os.environ.get("CI"):
            pytest.fail("Caddy is required in CI: `.ci/run` installs it.")
        pytest.skip("caddy not installed: apt-get install caddy")
    adapted = subprocess.run(
        [caddy, "adapt", "--config", str(ROOT / caddyfile), "--adapter", "caddyfile"],
        env={**os.environ, "TRACKER_DOMAIN": "suivi.example.be"}, capture_output=True,
        text=True, timeout=60)
    assert adapted.returncode == 0, adapted.stderr
    config = json.loads(adapted.stdout)
    routes = json.dumps(config["apps"]["http"])
    assert "suivi.example.be" in routes and "reverse_proxy" in routes


def test_a_test_email_leaves_through_the_configured_way(app, tmp_path, monkeypatch):
    from email import message_from_bytes
    from email.policy import default

    monkeypatch.setitem(app.config, "TRACKER_MAIL_OUTBOX", str(tmp_path / "outbox"))
    sent = app.test_cli_runner().invoke(cli, ["mail-test", "direction@monasbl.example"])
    assert sent.exit_code == 0 and "E-mail d'essai envoyé à direction@monasbl.example" in \
        sent.output
    message = message_from_bytes(next((tmp_path / "outbox").glob("*.eml")).read_bytes(),
                                 policy=default)
    assert message["To"] == "direction@monasbl.example"
    assert "peut envoyer ses rappels" in message.get_content()

    monkeypatch.setitem(app.config, "TRACKER_MAIL_OUTBOX", None)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    refused = app.test_cli_runner().invoke(cli, ["mail-test", "direction@monasbl.example"])
    assert refused.exit_code == 1 and "envoi impossible" in refused.output
    assert "vérifiez MAIL_SERVER" in refused.output
