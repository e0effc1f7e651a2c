"""Roles in one place: the enum, the decorator, and the public-page marker."""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user


class Role(StrEnum):
    DIRECTOR = "director"
    SECRETARY = "secretary"
    BOARD = "board"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.DIRECTOR: "Direction",
    Role.SECRETARY: "Secrétariat",
    Role.BOARD: "Conseil d'administration",
    Role.STAFF: "Équipe",
}

# The same labels keyed by the stored value (« director »), for the audit trail and forms.
ROLE_VALUE_LABELS = {role.value: label for role, label in ROLE_LABELS.items()}

# Who may read what: the board reads everything the office reads, but never writes.
OFFICE = (Role.DIRECTOR, Role.SECRETARY)
READERS = (Role.DIRECTOR, Role.SECRETARY, Role.BOARD)
WRITERS = (Role.DIRECTOR, Role.SECRETARY, Role.STAFF)  # who logs activities


def role_required(*roles: Role) -> Callable:
    """Allow the view to the given roles only (403 otherwise); sign-in is checked globally."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator


def public(view: Callable) -> Callable:
    """Mark a view reachable without signing in (login, health check, calendar feeds)."""
    view.is_public = True
    return view
