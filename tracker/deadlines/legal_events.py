"""Deadlines that follow the association's own events (« Obligation légale »): each
obligation the governance register makes (a UBO update after a new administrator, the AG
approving the accounts, their filing…) becomes a deadline owned by the director, reminded like
the others, closed when the event that fulfils it is recorded. A deadline the director closes
herself (submitted with its proof, or « sans objet ») records that fulfilment in the
register, so that both always agree."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db import added_unless_taken
from tracker.deadlines.following import Follower
from tracker.deadlines.models import Deadline, DeadlineKind
from tracker.deadlines.vocabulary import CLOSED_STATUSES, DEADLINE_STATUSES
from tracker.extensions import db
from tracker.governance.models import (
    AccountsYear,
    LegalFiling,
    LegalParameter,
    Mandate,
    MandateQuality,
    Meeting,
)
from tracker.governance.obligations import Obligation, all_obligations
from tracker.periods import add_months

LEGAL_KIND, LEGAL_LABEL = "obligation_legale", "Obligation légale"
LOOKBACK_MONTHS = 24  # older duties are not raised again when the register is first filled
FULFILLED = "soumis"
EVENTS = (Mandate, Meeting, LegalFiling, AccountsYear, LegalParameter, MandateQuality)


def _legal_kind() -> str:
    if db.session.get(DeadlineKind, LEGAL_KIND) is None:
        added_unless_taken(db.session, DeadlineKind(code=LEGAL_KIND, label=LEGAL_LABEL,
                                                    position=99))
    return LEGAL_KIND


def _closed_by_hand(deadline: Deadline, obligation: Obligation, today: date) -> None:
    """The director closed it from the deadline's page: that is the fulfilment."""
    reason = deadline.proof_reference or deadline.dismissed_reason \
        or f"Échéance « {DEADLINE_STATUSES[deadline.status]} »"
    added_unless_taken(db.session, LegalFiling(
        obligation_key=obligation.key, done_on=deadline.submitted_on or today,
        reference=reason[:200]))


def _follow(deadline: Deadline, obligation: Obligation) -> None:
    if deadline.status not in CLOSED_STATUSES:
        if obligation.fulfilled_on is not None:
            deadline.status, deadline.closed_by_event = FULFILLED, True
            deadline.submitted_on = obligation.fulfilled_on
            deadline.proof_reference = obligation.fulfilled_by[:300]
        else:  # its date follows the event (unless postponed), its title the figures
            if not deadline.postponed_reason and deadline.occurrence != obligation.due:
                deadline.occurrence = deadline.due_date = obligation.due
            if deadline.title != obligation.title[:300]:
                deadline.title = obligation.title[:300]
    elif deadline.closed_by_event and obligation.fulfilled_on is None:
        # the event that closed it was removed (a meeting deleted): open again
        deadline.status, deadline.closed_by_event = "a_faire", False
        deadline.submitted_on, deadline.proof_reference = None, ""


def sync_legal_deadlines(today: date, until: date) -> int:
    """Bring the legal obligations' deadlines in line with the register; returns how many
    were added."""
    existing = {deadline.obligation_key: deadline for deadline in db.session.scalars(
        select(Deadline).where(Deadline.obligation_key.is_not(None)))}
    obligations = all_obligations(today)
    by_hand = [(existing[item.key], item) for item in obligations
               if item.fulfilled_on is None and item.key in existing
               and existing[item.key].status in CLOSED_STATUSES
               and not existing[item.key].closed_by_event]
    if by_hand:
        for deadline, obligation in by_hand:
            _closed_by_hand(deadline, obligation, today)
        obligations = all_obligations(today)
    since, created = add_months(today, -LOOKBACK_MONTHS), 0
    for obligation in obligations:
        deadline = existing.pop(obligation.key, None)
        if deadline is not None:
            _follow(deadline, obligation)
            continue
        if not since <= obligation.due <= until:
            continue
        deadline = Deadline(obligation_key=obligation.key, occurrence=obligation.due,
                            due_date=obligation.due, kind=_legal_kind(),
                            title=obligation.title[:300], owner_role="director")
        _follow(deadline, obligation)
        created += added_unless_taken(db.session, deadline)
    for deadline in existing.values():  # its event is gone (a mandate deleted)
        if deadline.status not in CLOSED_STATUSES:
            db.session.delete(deadline)
    db.session.flush()
    return created


def _touches_register(session: Session) -> bool:
    return any(isinstance(obj, EVENTS)
               or (isinstance(obj, Deadline) and obj.obligation_key is not None)
               for obj in (*session.new, *session.dirty, *session.deleted))


# the legal deadlines follow the register at once
install_legal_listener = Follower("register_changed", _touches_register,
                                  sync_legal_deadlines).install
