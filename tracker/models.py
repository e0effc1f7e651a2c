"""Imports every module's models, so that metadata (and Alembic) sees all tables."""

from tracker.association.models import Association
from tracker.audit.models import AuditEntry
from tracker.auth.models import LoginFailure, User, UserSession

__all__ = ["Association", "AuditEntry", "LoginFailure", "User", "UserSession"]
