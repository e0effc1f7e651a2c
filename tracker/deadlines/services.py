"""Rules generate deadlines 18 months ahead; generated deadlines are stored and then frozen."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_

from tracker.db import added_unless_taken
from tracker.deadlines import milestones, rules
from tracker.deadlines.following import HORIZON_MONTHS
from tracker.deadlines.legal_events import sync_legal_deadlines
from tracker.deadlines.models import DEFAULT_REMINDERS, Deadline, DeadlineKind, DeadlineRule
from tracker.deadlines.staffing_events import funder_pays_around, sync_staffing_deadlines
from tracker.deadlines.vocabulary import CLOSED_STATUSES, OVERDUE, STATE_LABELS
from tracker.errors import ValidationError
from tracker.extensions import db


def rule_dates(rule: DeadlineRule, start: date, end: date) -> list[date]:
    """The dates a rule computes between start and end inclusive (a staffing rule's follow
    the allocations: staffing_events)."""
    if rule.rule_type == "staffing":
        return []
    if rule.rule_type == "yearly":
        return rules.yearly(rule.month, rule.day, start, end)
    if rule.rule_type == "period_end":
        return rules.period_ends(rule.period, start, end)
    anchored = rule.convention or rule.instrument  # a convention or an instrument
    anchor = None
    if anchored is not None:
        anchor = anchored.start_date if rule.anchor == "start" else anchored.end_date
    occurrence = rules.relative(anchor, rule.offset_months, rule.offset_days)
    return [occurrence] if occurrence and start <= occurrence <= end else []


def check_rule(rule: DeadlineRule) -> None:
    if db.session.get(DeadlineKind, rule.kind or "") is None:
        raise ValidationError("kind", "Type d'échéance inconnu.")
    if not (rule.title or "").strip():
        raise ValidationError("title", "Indiquez l'intitulé.")
    if rule.rule_type == "yearly":
        if not (rule.month and 1 <= rule.month <= 12 and rule.day and 1 <= rule.day <= 31):
            raise ValidationError("day", "Indiquez un jour (1-31) et un mois (1-12).")
    elif rule.rule_type == "relative":
        if (rule.instrument_id is None and rule.convention_id is None) \
                or rule.anchor not in ("start", "end"):
            raise ValidationError("anchor", "Choisissez l'instrument ou la convention, et son "
                                            "début ou sa fin.")
    elif rule.rule_type == "period_end":
        if rule.period not in ("month", "quarter", "year"):
            raise ValidationError("period", "Choisissez mois, trimestre ou année.")
    elif rule.rule_type == "staffing":
        if rule.funder_id is None or rule.anchor not in ("start", "end"):
            raise ValidationError("anchor", "Choisissez le financeur des postes, et la fin ou "
                                            "le début de leur affectation.")
    else:
        raise ValidationError("rule_type", "Type de règle inconnu.")
    check_reminders(rule.reminders)
    rule.milestones = milestones.normalized(rule.milestones)


def check_reminders(reminders: str | None) -> None:
    for part in (reminders or "").split(","):
        if part.strip() and not part.strip().lstrip("-").isdigit():
            raise ValidationError("reminders", "Rappels : des nombres de jours séparés par des "
                                               "virgules (ex. 30,7,1,-1).")


def save_rule(rule: DeadlineRule | None = None, **fields) -> DeadlineRule:
    rule = rule or DeadlineRule(reminders=DEFAULT_REMINDERS)
    for key, value in fields.items():
        setattr(rule, key, value)
    check_rule(rule)
    db.session.add(rule)
    db.session.flush()
    return rule


def save_rule_and_generate(rule: DeadlineRule | None, today: date, *, regenerate: bool = False,
                           **fields) -> int:
    """The rule form's one step: save the rule (empty fields as « none », default offsets and
    reminders), then store its deadlines (replacing its future open ones when asked);
    returns how many deadlines were added."""
    fields = {key: (value if value != "" else None) for key, value in fields.items()}
    fields["offset_months"] = fields.get("offset_months") or 0
    fields["offset_days"] = fields.get("offset_days") or 0
    fields["reminders"] = fields.get("reminders") or DEFAULT_REMINDERS
    fields["milestones"] = fields.get("milestones") or ""
    existing = rule is not None
    rule = save_rule(rule, **fields)
    db.session.refresh(rule)
    if existing and regenerate:
        return regenerate_rule(rule, today)
    return generate_deadlines(today)


def generate_deadlines(today: date, horizon_months: int = HORIZON_MONTHS) -> int:
    """Store every occurrence up to today + horizon that is not stored yet; returns how many.
    Occurrences already stored are never touched (frozen), whatever became of the rule."""
    until = rules.add_months(today, horizon_months)
    created = sync_staffing_deadlines(today, until) + sync_legal_deadlines(today, until)
    for rule in db.session.scalars(db.select(DeadlineRule).where(
            DeadlineRule.active.is_(True), DeadlineRule.rule_type != "staffing")):
        known = set(db.session.scalars(
            db.select(Deadline.occurrence).where(Deadline.rule_id == rule.id)))
        # A new rule starts today (past duties predate it); later runs go on where it stopped.
        start = rule.generated_until + timedelta(days=1) if rule.generated_until else today
        for occurrence in rule_dates(rule, start, until):
            if occurrence in known or not funder_pays_around(rule, occurrence):
                continue
            deadline = Deadline(
                rule_id=rule.id, occurrence=occurrence, due_date=occurrence, title=rule.title,
                kind=rule.kind, instrument_id=rule.instrument_id,
                convention_id=rule.convention_id, owner_role=rule.owner_role,
                owner_user_id=rule.owner_user_id, reminders=rule.reminders)
            milestones.plan(deadline, rule.milestones)
            # another process (cron beside the scheduler) may write the same occurrence at
            # the same moment: the one insert-or-skip, never a refused transaction
            created += added_unless_taken(db.session, deadline)
        rule.generated_until = until
    db.session.flush()
    return created


def regenerate_rule(rule: DeadlineRule, today: date) -> int:
    """After editing a rule: replace its future, still open occurrences; overdue or handled
    ones keep their date and status."""
    db.session.execute(db.delete(Deadline).where(
        Deadline.rule_id == rule.id, Deadline.due_date >= today,
        Deadline.status.not_in(CLOSED_STATUSES)))
    db.session.expire_all()  # a staffing rule reads its deadlines again
    rule.generated_until = today - timedelta(days=1)
    db.session.flush()
    return generate_deadlines(today)


@dataclass
class DeadlineView:
    title: str
    kind: str
    due: date
    status: str
    overdue: bool
    funder: str | None
    instrument: str | None
    convention: str | None = None

    def as_json(self) -> dict:
        return {"title": self.title, "kind": self.kind, "due": self.due.isoformat(),
                "status": self.status, "overdue": self.overdue,
                "state": STATE_LABELS[OVERDUE if self.overdue else self.status],
                "funder": self.funder,
                "instrument": self.instrument, "convention": self.convention}


def upcoming_deadlines(today: date, within_days: int,
                       every_status: bool = False) -> list[DeadlineView]:
    """Open deadlines due up to today + within_days, overdue ones included, soonest first;
    with `every_status`, those already closed that fall from today on too."""
    query = (db.select(Deadline)
             .where(Deadline.due_date <= today + timedelta(days=within_days))
             .order_by(Deadline.due_date, Deadline.title))
    is_open = Deadline.status.not_in(CLOSED_STATUSES)
    query = query.where(or_(Deadline.due_date >= today, is_open) if every_status else is_open)
    views = []
    for deadline in db.session.scalars(query):
        instrument, funder = deadline.instrument, deadline.funder
        views.append(DeadlineView(
            deadline.title, deadline.kind, deadline.due_date, deadline.status,
            deadline.is_overdue(today), funder.code if funder else None,
            instrument.title if instrument else None,
            str(deadline.convention) if deadline.convention else None))
    return views


def list_rules() -> list[DeadlineRule]:
    return list(db.session.scalars(db.select(DeadlineRule).order_by(DeadlineRule.title)))


def create_deadline(*, title: str, kind: str, due_date: date, instrument_id: int | None = None,
                    convention_id: int | None = None, owner_role: str | None = None,
                    reminders: str = DEFAULT_REMINDERS) -> Deadline:
    """A one-off deadline (board meeting, a call for projects' report…)."""
    if not (title or "").strip():
        raise ValidationError("title", "Indiquez l'intitulé.")
    if db.session.get(DeadlineKind, kind or "") is None:
        raise ValidationError("kind", "Type d'échéance inconnu.")
    if due_date is None:
        raise ValidationError("due_date", "Indiquez la date d'échéance.")
    check_reminders(reminders)
    deadline = Deadline(title=title.strip(), kind=kind, due_date=due_date,
                        instrument_id=instrument_id, convention_id=convention_id,
                        owner_role=owner_role, reminders=reminders)
    db.session.add(deadline)
    db.session.flush()
    return deadline


KIND_CODE = re.compile(r"^[a-z0-9][a-z0-9_]{0,29}$")


def rename_kind(code: str, label: str) -> DeadlineKind:
    """The director names a kind as the association says it (« PAC », « Plan d'action
    communautaire »…); its code, and every deadline carrying it, stay as they are."""
    kind = db.session.get(DeadlineKind, code)
    if kind is None:
        raise ValidationError(None, "Type d'échéance inconnu.")
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Indiquez le libellé.")
    kind.label = label[:150]
    db.session.flush()
    return kind


def add_kind(code: str, label: str) -> DeadlineKind:
    code = (code or "").strip().lower()
    if not KIND_CODE.match(code):
        raise ValidationError("code", "Le code s'écrit en minuscules sans accents ni espaces "
                                      "(ex. rapport_financier).")
    if db.session.get(DeadlineKind, code) is not None:
        raise ValidationError("code", f"Le type « {code} » existe déjà.")
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Indiquez le libellé.")
    position = db.session.scalar(db.select(db.func.max(DeadlineKind.position))) or 0
    kind = DeadlineKind(code=code, label=label[:150], position=position + 1)
    db.session.add(kind)
    db.session.flush()
    return kind
