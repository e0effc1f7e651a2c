"""Who is acting: the signed-in user, or the actor a command or a job declares. The audit
trail records it; imports and archives name it."""

from dataclasses import dataclass

from flask import g, has_app_context, has_request_context
from flask_login import current_user


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str


SYSTEM = Actor(None, "système")
COMMAND_LINE = Actor(None, "ligne de commande")


def current_actor() -> Actor:
    """The signed-in user, or the actor a CLI command or job declared, or the system."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return Actor(current_user.id, current_user.full_name)
    if has_app_context() and getattr(g, "audit_actor", None):
        return g.audit_actor
    return SYSTEM


def act_as(actor: Actor) -> None:
    """Declare who is acting outside a web request (CLI commands, jobs)."""
    g.audit_actor = actor
