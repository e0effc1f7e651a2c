"""Users, passwords, sign-in with throttling, and server-side sessions."""

import secrets
import time
from contextlib import suppress
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import delete, func

from tracker.auth.models import LoginFailure, User, UserSession
from tracker.auth.passwords import check_password_strength
from tracker.auth.roles import Role
from tracker.db import utcnow
from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.mail import MailError, build_message, send_message

SESSION_LIFETIME = timedelta(hours=12)
REMEMBERED_SESSION_LIFETIME = timedelta(days=14)
# Past this many failures from one address (across accounts: password spraying), each further
# failure from it waits a little longer; a right password for a known account never waits.
FAILURES_PER_ADDRESS = 20
ALERT_AFTER_FAILURES = 10  # failures on one account before its owner is told by e-mail
MAX_SLOWDOWN_SECONDS = 5.0

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so that an unknown account takes as long
    to refuse as a wrong password (no account enumeration by timing). Computed on first use:
    a hash costs 0,1 s, which every process, command and test importing this module paid."""
    return _hasher.hash(secrets.token_urlsafe(16))


class SignInRefused(DomainError):
    """Wrong credentials, inactive account or too many attempts."""


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_email(email: str) -> str:
    email = normalize_email(email)
    try:
        validate_email(email, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        raise ValidationError("email", "Cette adresse e-mail n'est pas valide.") from error
    return email


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


def _verify_nothing(password: str) -> None:
    """As long as a real verification, for an account that does not exist."""
    with suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalize_email(email)))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def list_users() -> list[User]:
    return list(db.session.scalars(db.select(User).order_by(User.full_name)))


def create_user(email: str, full_name: str, role: Role | str, password: str) -> User:
    email = check_email(email)
    if find_user_by_email(email):
        raise ValidationError("email", "Un utilisateur existe déjà avec cette adresse e-mail.")
    if not (full_name or "").strip():
        raise ValidationError("full_name", "Indiquez le nom de la personne.")
    check_password_strength(password, email, full_name)
    user = User(
        email=email,
        full_name=full_name.strip(),
        role=Role(role),
        password_hash=hash_password(password),
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    return user


def _count_active_directors(excluding: User) -> int:
    query = db.select(func.count(User.id)).where(
        User.role == Role.DIRECTOR, User.active.is_(True), User.id != excluding.id
    )
    return db.session.scalar(query) or 0


def update_user(user: User, *, full_name: str, role: Role | str, active: bool,
                email: str | None = None) -> User:
    role = Role(role)
    if email is not None:
        email = check_email(email)
        other = find_user_by_email(email)
        if other and other.id != user.id:
            raise ValidationError("email", "Un utilisateur existe déjà avec cette adresse e-mail.")
        user.email = email
    stops_directing = user.role == Role.DIRECTOR and user.active and (
        role != Role.DIRECTOR or not active
    )
    if stops_directing and _count_active_directors(excluding=user) == 0:
        raise ValidationError(
            "role", "Il doit rester au moins une personne active avec le rôle Direction."
        )
    if not (full_name or "").strip():
        raise ValidationError("full_name", "Indiquez le nom de la personne.")
    user.full_name = full_name.strip()
    user.role = role
    user.active = active
    if not active:
        end_all_sessions(user)
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    check_password_strength(password, user.email, user.full_name)
    user.password_hash = hash_password(password)
    end_all_sessions(user)
    db.session.flush()


def _recent_failures(email: str, ip_address: str) -> tuple[int, int]:
    since = utcnow() - current_app.config["LOGIN_FAILURE_WINDOW"]
    for_account = db.session.scalar(
        db.select(func.count(LoginFailure.id)).where(
            LoginFailure.email == email, LoginFailure.at >= since,
        )
    )
    for_address = db.session.scalar(
        db.select(func.count(LoginFailure.id)).where(
            LoginFailure.ip_address == ip_address, LoginFailure.at >= since
        )
    )
    return for_account or 0, for_address or 0


def authenticate(email: str, password: str, ip_address: str) -> User:
    """Return the user, or raise SignInRefused with a French message. Failures are recorded."""
    email = normalize_email(email)
    for_account, for_address = _recent_failures(email, ip_address)
    # Past LOGIN_MAX_FAILURES on the account (from anywhere), every attempt waits a little
    # longer, the right password too, but is never refused for it: a guesser cannot lock
    # the owner out.
    _wait(for_account + 1 - current_app.config["LOGIN_MAX_FAILURES"])
    user = find_user_by_email(email)
    if user is None:
        _verify_nothing(password)
    if user is None or not password_matches(user, password) or not user.active:
        # The caller commits before showing the error, so the failure is counted.
        db.session.add(LoginFailure(email=email[:254], ip_address=ip_address[:45]))
        if user is not None and user.active and for_account + 1 == ALERT_AFTER_FAILURES:
            _tell_the_owner(user)
        _wait(for_address + 1 - FAILURES_PER_ADDRESS)
        raise SignInRefused("Adresse e-mail ou mot de passe incorrect, ou compte désactivé.")
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == email))
    return user


def _wait(beyond: int) -> None:
    """A guesser is slowed, never given a lock-out to use against the owner: an account with
    many failures, or an address spraying passwords (an office behind one address
    included), waits a little longer each time, up to MAX_SLOWDOWN_SECONDS."""
    if beyond > 0:
        step = current_app.config["LOGIN_SLOWDOWN_SECONDS"]
        time.sleep(min(MAX_SLOWDOWN_SECONDS, step * beyond))


def _tell_the_owner(user: User) -> None:
    """The account's owner learns that someone is guessing its password."""
    message = build_message(
        [user.email], "Suivi ASBL : tentatives de connexion à votre compte",
        f"Bonjour {user.full_name},\n\n{ALERT_AFTER_FAILURES} tentatives de connexion à votre "
        "compte ont échoué en peu de temps. Si ce n'était pas vous, prévenez la direction ; "
        "votre mot de passe n'a pas été trouvé. Si c'était vous, rien à faire : chaque essai "
        "attend simplement un peu plus longtemps.\n")
    try:
        send_message(message)
    except MailError as error:  # the sign-in answers anyway; the log keeps the reason
        current_app.logger.warning("Alerte de connexion non envoyée à %s : %s", user.email,
                                   error)


def open_session(user: User, ip_address: str, user_agent: str, remember: bool) -> UserSession:
    now = utcnow()
    db.session.execute(delete(UserSession).where(UserSession.expires_at < now))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < now - timedelta(days=1)))
    lifetime = REMEMBERED_SESSION_LIFETIME if remember else SESSION_LIFETIME
    session = UserSession(
        token=secrets.token_urlsafe(32),
        user=user,
        expires_at=now + lifetime,
        ip_address=ip_address[:45],
        user_agent=(user_agent or "")[:300],
    )
    db.session.add(session)
    user.last_login_at = now
    user.current_session = session
    return session


def load_session_user(token: str) -> User | None:
    """The user behind a live session token, or None (expired, signed out, deactivated)."""
    session = db.session.scalar(db.select(UserSession).where(UserSession.token == token))
    if session is None or session.expires_at < utcnow() or not session.user.active:
        return None
    session.user.current_session = session
    return session.user


def close_session(token: str) -> None:
    db.session.execute(delete(UserSession).where(UserSession.token == token))


def end_all_sessions(user: User) -> None:
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
