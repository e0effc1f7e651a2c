"""`tracker doctor`: is this installation sound? Each check says in French what is wrong and
what to do; the command exits non-zero when one fails."""

import shutil
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from tracker.backup_rotation import latest_backup
from tracker.db import reading_only, utcnow
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.formatting import format_datetime
from tracker.jobs.models import BackgroundJob
from tracker.scheduler import SchedulerLock

MIN_FREE_BYTES = 1024 ** 3  # 1 Go
BACKUP_MAX_AGE = timedelta(hours=36)  # a daily backup, with a night's slack
JOB_MAX_WAIT = timedelta(minutes=2)


@dataclass
class Finding:
    ok: bool
    topic: str
    message: str


def _secret_key(app: Flask) -> Finding:
    key = app.config.get("SECRET_KEY") or ""
    if len(key) < 32:
        return Finding(False, "Clé secrète", "trop courte ou absente : définissez SECRET_KEY "
                                             "(au moins 32 caractères aléatoires).")
    where = "la variable SECRET_KEY" if not (Path(app.instance_path) / "secret_key").exists() \
        else f"{Path(app.instance_path) / 'secret_key'}"
    return Finding(True, "Clé secrète", f"présente ({where}) ; gardez-en une copie avec les "
                                        "sauvegardes : sans elle, les sessions et jetons "
                                        "émis ne se relisent plus.")


def _database(app: Flask) -> Finding:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        return Finding(False, "Base de données", f"injoignable ({type(error).__name__}) : "
                                                 "vérifiez DATABASE_URL et le serveur.")
    head = ScriptDirectory(app.extensions["migrate"].directory).get_current_head()
    if current != head:
        return Finding(False, "Base de données", f"pas à jour (version {current or 'aucune'}, "
                                                 f"attendue {head}) : lancez « tracker db "
                                                 "upgrade ».")
    return Finding(True, "Base de données", f"joignable et à jour (version {head}).")


def _unwritable(folder: Path) -> str | None:
    """Why a file cannot be written in this folder (created if missing), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        return error.strerror or str(error)
    return None


def _mail(app: Flask) -> Finding:
    outbox = app.config.get("TRACKER_MAIL_OUTBOX")
    if outbox:
        folder = Path(outbox)
        if problem := _unwritable(folder):
            return Finding(False, "E-mails", f"dossier de sortie {folder} non inscriptible "
                                             f"({problem}).")
        return Finding(True, "E-mails", f"écrits dans le dossier {folder} (pas d'envoi SMTP).")
    server, port = app.config["MAIL_SERVER"], app.config["MAIL_PORT"]
    try:
        smtp_class = smtplib.SMTP_SSL if app.config.get("MAIL_USE_SSL") else smtplib.SMTP
        with smtp_class(server, port, timeout=5) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException) as error:
        return Finding(False, "E-mails", f"serveur SMTP {server}:{port} injoignable ({error}) : "
                                         "vérifiez MAIL_SERVER et MAIL_PORT.")
    return Finding(True, "E-mails", f"serveur SMTP {server}:{port} joignable.")


def _disk(app: Flask) -> Finding:
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        return Finding(False, "Espace disque", f"{free // 1024 ** 2} Mo libres sous {folder} : "
                                               "libérez de la place (1 Go au moins).")
    return Finding(True, "Espace disque", f"{free // 1024 ** 3} Go libres.")


def _backups(app: Flask, now: datetime) -> Finding:
    folder = Path(app.config["BACKUP_DIR"])
    latest = latest_backup(folder) if folder.is_dir() else None
    if latest is None:
        return Finding(False, "Sauvegardes", f"aucune dans {folder} : lancez « tracker backup » "
                                             "et le planificateur.")
    taken, path = latest
    if now - taken > BACKUP_MAX_AGE:
        return Finding(False, "Sauvegardes", f"la dernière date du {format_datetime(taken)} "
                                             f"({path.name}) : le planificateur tourne-t-il ?")
    return Finding(True, "Sauvegardes", f"dernière le {format_datetime(taken)} ({path.name}).")


def _scheduler(app: Flask) -> Finding:
    lock = SchedulerLock(app)
    try:
        lock.acquire()
    except DomainError:
        return Finding(True, "Planificateur", "en marche (son verrou est tenu).")
    lock.release()
    return Finding(False, "Planificateur", "arrêté : lancez « tracker scheduler » (un seul "
                                           "processus), sinon ni rappels ni sauvegardes.")


def _jobs(app: Flask) -> Finding:
    """The pages' imports: their folder writable, none waiting for long (the scheduler takes
    them within a second)."""
    folder = Path(app.config["JOBS_DIR"])
    if problem := _unwritable(folder):
        return Finding(False, "Imports", f"dossier {folder} non inscriptible ({problem}) : les "
                                         "imports envoyés depuis les pages échoueront.")
    try:
        waiting = db.session.scalar(select(func.count(BackgroundJob.id)).where(
            BackgroundJob.status == "en_attente",
            BackgroundJob.created_at < utcnow() - JOB_MAX_WAIT)) or 0
        db.session.rollback()
    except SQLAlchemyError:
        db.session.rollback()
        return Finding(False, "Imports", "file d'attente illisible (voir la base de données).")
    if waiting:
        return Finding(False, "Imports", f"{waiting} import(s) attendent depuis plus de "
                                         "2 minutes : le planificateur tourne-t-il ?")
    return Finding(True, "Imports", f"dossier {folder} prêt, aucun import en souffrance.")


def examine(app: Flask, now: datetime | None = None) -> list[Finding]:
    """Every check; they only read, so on SQLite the doctor never waits for a running
    import's write lock."""
    now = now or datetime.now()
    with reading_only():
        return [_secret_key(app), _database(app), _mail(app), _disk(app), _backups(app, now),
                _scheduler(app), _jobs(app)]
