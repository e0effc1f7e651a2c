"""Users, their server-side sessions, and failed sign-in attempts."""

from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.roles import ROLE_VALUE_LABELS, Role
from tracker.db import Audited, utcnow
from tracker.extensions import db


class User(Audited, db.Model):
    __tablename__ = "user"
    __audit_label__ = "Utilisateur"
    __audit_hidden__ = frozenset({"password_hash", "ical_token"})
    __audit_ignored__ = frozenset({"last_login_at"})

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, info={"label": "E-mail"})
    full_name: Mapped[str] = mapped_column(String(200), info={"label": "Nom complet"})
    password_hash: Mapped[str] = mapped_column(String(255), info={"label": "Mot de passe"})
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
             validate_strings=True, create_constraint=True, name="role"),
        info={"label": "Rôle", "choices": ROLE_VALUE_LABELS},
    )
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Actif"})
    created_at: Mapped[datetime] = mapped_column(default=utcnow, info={"label": "Créé le"})
    last_login_at: Mapped[datetime | None] = mapped_column(info={"label": "Dernière connexion"})
    # Secret of the personal iCalendar feed URL (None: no feed); revoked by changing it.
    ical_token: Mapped[str | None] = mapped_column(String(64), unique=True,
                                                   info={"label": "Jeton du calendrier"})

    sessions: Mapped[list["UserSession"]] = relationship(back_populates="user")

    # Flask-Login protocol. The id it keeps in the cookie is the server-side session token,
    # so that signing out (or deactivating the user) invalidates the cookie.
    current_session = None  # the UserSession this request runs under, set on load

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str | None:
        return self.current_session.token if self.current_session else None

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"


class UserSession(db.Model):
    """One signed-in browser; deleting the row signs it out."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User] = relationship(back_populates="sessions")


class LoginFailure(db.Model):
    """A failed sign-in, kept in the database so throttling holds across processes."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_email_at", "email", "at"),
                      Index("ix_login_failure_ip_at", "ip_address", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip_address: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(default=utcnow)
