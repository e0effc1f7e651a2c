"""Settings read from the environment, with defaults that work on a fresh checkout."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def _instance_secret_key(instance_path: Path) -> str:
    """Generate the secret key once and keep it in the instance folder (mode 0600)."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def load_config(instance_path: Path) -> dict:
    """Build the Flask configuration mapping from environment variables."""
    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{instance_path / 'tracker.sqlite3'}"
    )
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret_key(instance_path),
        "EXPORT_DIR": os.environ.get("EXPORT_DIR") or str(PROJECT_ROOT / "exports"),
        # Uploaded documents (proofs, signed conventions): outside static files, served to
        # signed-in users only.
        "DOCUMENTS_DIR": os.environ.get("DOCUMENTS_DIR") or str(instance_path / "documents"),
        # Uploads waiting for the scheduler to import them, and their progress (shared by the
        # web and scheduler processes).
        "JOBS_DIR": os.environ.get("JOBS_DIR") or str(instance_path / "jobs"),
        # Where `tracker backup` (and the scheduler, each night) keeps its rotated backups.
        "BACKUP_DIR": os.environ.get("BACKUP_DIR") or str(instance_path / "backups"),
        "TRACKER_BACKUP_TIME": os.environ.get("TRACKER_BACKUP_TIME", "02:30"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL"),
        "MAIL_TIMEOUT": int(os.environ.get("MAIL_TIMEOUT", "30")),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "tracker@localhost"),
        "TRACKER_MAIL_OUTBOX": os.environ.get("TRACKER_MAIL_OUTBOX") or None,
        # When the daily deadline and reminder job runs (Europe/Brussels), HH:MM.
        "TRACKER_REMINDER_TIME": os.environ.get("TRACKER_REMINDER_TIME", "07:00"),
        # An episode of care left this many months without contact is closed at its last one.
        "EPISODE_IDLE_MONTHS": int(os.environ.get("EPISODE_IDLE_MONTHS", "12")),
        # Behind a reverse proxy terminating HTTPS, trust one X-Forwarded-* hop.
        "TRACKER_BEHIND_PROXY": _flag("TRACKER_BEHIND_PROXY"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "tracker_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _flag("TRACKER_HTTPS"),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        # One upload limit: what an import reads at most (tracker.tabular.MAX_BYTES).
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "50")) * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # WTForms' bundled French catalogue (tracker.forms.Form), not Flask-Babel's
        "WTF_I18N_ENABLED": False,
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_FAILURE_WINDOW": timedelta(minutes=15),
        "LOGIN_SLOWDOWN_SECONDS": 0.5,  # per failure beyond 20 from one address, up to 5 s
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
