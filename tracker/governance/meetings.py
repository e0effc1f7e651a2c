"""Meetings of the bodies (CA, AG): attendance from the register at their date, decisions,
the accounts an AG approved; the « CA / AG » meetings already logged as activities, linked
rather than typed twice; the statutes' versions."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from tracker.activities.models import Activity, ActivityValue, DimensionValue
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.governance.models import (
    Attendance,
    Decision,
    Mandate,
    Meeting,
    StatutesVersion,
)
from tracker.governance.services import register_at
from tracker.governance.vocabulary import BODIES, BODY_QUALITIES, MEETING_KINDS, PRESENCES

# how the activity log names a board or general assembly meeting
LOGGED_MEETING = ("reunion", "type_reunion", "ca_ag")


def list_meetings() -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).order_by(Meeting.held_on.desc())))


def save_meeting(meeting: Meeting | None, *, body: str, kind: str, held_on: date | None,
                 quorum_reached: bool, agenda: str, accounts_approved: bool = False,
                 accounts_year: int | None = None, activity_id: int | None = None) -> Meeting:
    if body not in BODIES:
        raise ValidationError("body", "Choisissez l'organe (CA ou AG).")
    if kind not in MEETING_KINDS:
        raise ValidationError("kind", "Choisissez le type de réunion.")
    if held_on is None:
        raise ValidationError("held_on", "Indiquez la date de la réunion.")
    if accounts_approved and body != "ag":
        raise ValidationError("accounts_approved", "Seule l'assemblée générale approuve les "
                                                   "comptes.")
    if accounts_approved:
        accounts_year = accounts_year or held_on.year - 1
        if accounts_year >= held_on.year + 1 or accounts_year < held_on.year - 3:
            raise ValidationError("accounts_year", "Exercice impossible pour cette date.")
    meeting = meeting or Meeting()
    meeting.body, meeting.kind, meeting.held_on = body, kind, held_on
    meeting.quorum_reached, meeting.agenda = bool(quorum_reached), (agenda or "").strip()
    meeting.accounts_year = accounts_year if accounts_approved else None
    meeting.activity_id = activity_id or None
    db.session.add(meeting)
    db.session.flush()
    return meeting


def delete_meeting(meeting: Meeting) -> None:
    db.session.delete(meeting)
    db.session.flush()


def members_of_body(meeting: Meeting) -> list[Mandate]:
    """Who sat on the body that day (one line per member, their highest quality)."""
    qualities = BODY_QUALITIES[meeting.body]
    seen, members = set(), []
    for mandate in register_at(meeting.held_on):
        if mandate.quality in qualities and mandate.member_id not in seen:
            seen.add(mandate.member_id)
            members.append(mandate)
    return members


def save_attendance(meeting: Meeting, presences: dict[int, str]) -> None:
    """`presences`: member id -> present / représenté / excusé; only the body's members
    that day."""
    allowed = {mandate.member_id for mandate in members_of_body(meeting)}
    unknown = set(presences) - allowed
    if unknown:
        raise ValidationError("attendance", "Un membre coché ne siégeait pas à cette date.")
    if any(value not in PRESENCES for value in presences.values() if value):
        raise ValidationError("attendance", "Présence inconnue.")
    meeting.attendance.clear()
    db.session.flush()
    for member_id, presence in presences.items():
        if presence:
            meeting.attendance.append(Attendance(member_id=member_id, presence=presence))
    db.session.flush()


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    counts = dict.fromkeys(PRESENCES, 0)
    for row in meeting.attendance:
        counts[row.presence] += 1
    return counts


def add_decision(meeting: Meeting, *, text: str, vote: str, mandate_id: int | None = None,
                 statutes_id: int | None = None) -> Decision:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("text", "Indiquez la décision.")
    decision = Decision(meeting=meeting, text=text[:1000],
                        vote=" ".join((vote or "").split())[:120],
                        mandate_id=mandate_id or None, statutes_id=statutes_id or None)
    db.session.add(decision)
    db.session.flush()
    return decision


def logged_meetings(limit: int = 20) -> list[Activity]:
    """« CA / AG » meetings logged as activities that no meeting here describes yet, most
    recent first."""
    type_value, kind_value = aliased(DimensionValue), aliased(DimensionValue)
    type_code, dimension, code = LOGGED_MEETING
    linked = select(Meeting.activity_id).where(Meeting.activity_id.is_not(None))
    return list(db.session.scalars(
        select(Activity)
        .join(type_value, type_value.id == Activity.type_id)
        .join(ActivityValue, ActivityValue.activity_id == Activity.id)
        .join(kind_value, kind_value.id == ActivityValue.value_id)
        .where(type_value.code == type_code, kind_value.dimension_code == dimension,
               kind_value.code == code, Activity.id.not_in(linked))
        .order_by(Activity.date.desc()).limit(limit)))


def list_statutes() -> list[StatutesVersion]:
    return list(db.session.scalars(select(StatutesVersion)
                                   .order_by(StatutesVersion.adopted_on.desc())))


def save_statutes(version: StatutesVersion | None, *, adopted_on: date | None,
                  meeting_id: int | None, filed_on: date | None, published_on: date | None,
                  moniteur_reference: str, summary: str) -> StatutesVersion:
    if adopted_on is None:
        raise ValidationError("adopted_on", "Indiquez la date d'adoption par l'AG.")
    if filed_on is not None and filed_on < adopted_on:
        raise ValidationError("filed_on", "Le dépôt précède l'adoption.")
    if published_on is not None and filed_on is not None and published_on < filed_on:
        raise ValidationError("published_on", "La publication précède le dépôt.")
    meeting = db.session.get(Meeting, meeting_id) if meeting_id else None
    if meeting_id and (meeting is None or meeting.body != "ag"):
        raise ValidationError("meeting_id", "Choisissez une assemblée générale.")
    version = version or StatutesVersion()
    version.adopted_on, version.meeting_id = adopted_on, meeting_id or None
    version.filed_on, version.published_on = filed_on, published_on
    version.moniteur_reference = " ".join((moniteur_reference or "").split())[:60]
    version.summary = " ".join((summary or "").split())[:500]
    db.session.add(version)
    db.session.flush()
    return version
