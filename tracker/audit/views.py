"""The director's view of the audit trail."""

from flask import render_template, request

from tracker.audit import bp
from tracker.audit.models import ACTION_LABELS
from tracker.audit.services import list_audit_entries, list_audited_entity_types
from tracker.auth.roles import Role, role_required
from tracker.auth.services import list_users
from tracker.params import DAY, bounded_int, query_arg


@bp.get("/")
@role_required(Role.DIRECTOR)
def index():
    entity_type = request.args.get("entite") or None
    user_id = request.args.get("utilisateur", type=bounded_int)
    page = request.args.get("page", 1, type=bounded_int)
    start = query_arg("du", DAY, ignored="filtre « du » ignoré.")
    end = query_arg("au", DAY, ignored="filtre « au » ignoré.")
    return render_template(
        "audit/index.html", start=start, end=end,
        entries=list_audit_entries(entity_type, user_id, page, start=start, end=end),
        entity_types=list_audited_entity_types(),
        users=list_users(),
        selected_entity=entity_type,
        selected_user=user_id,
        action_labels=ACTION_LABELS,
    )
