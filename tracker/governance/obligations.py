"""What the association owes the law, computed from its own events and the legal parameters
in force: each obligation with the event it follows, its due date, what fulfilled it and why.
The deadlines module turns them into « Obligation légale » deadlines; `tracker governance
check` and the obligations page print them with their state."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.formatting import format_date
from tracker.governance.models import LegalFiling, Mandate, Meeting
from tracker.governance.parameters import LegalBook
from tracker.governance.size import association_size
from tracker.governance.vocabulary import STATES
from tracker.periods import add_months

UBO_KEYS = ("ubo:", "ubo_confirm:")


@dataclass
class Obligation:
    key: str  # stable: « ubo:start:12 », « ag_accounts:2025 », « filing:2025 »
    code: str  # its rule
    title: str
    event: date  # the event it follows
    due: date
    explanation: str
    parameters: list[dict] = field(default_factory=list)
    person: str = ""
    fulfilled_on: date | None = None
    fulfilled_by: str = ""

    def state(self, day: date) -> str:
        if self.fulfilled_on is not None and self.fulfilled_on <= day:
            return "ok"
        return "en_retard" if self.due < day else "a_surveiller"

    def as_json(self, day: date) -> dict:
        state = self.state(day)
        return {"key": self.key, "rule": self.code, "title": self.title,
                "event": self.event.isoformat(), "due": self.due.isoformat(),
                "state": state, "state_label": STATES[state], "person": self.person,
                "fulfilled_on": self.fulfilled_on.isoformat() if self.fulfilled_on else None,
                "fulfilled_by": self.fulfilled_by, "explanation": self.explanation,
                "parameters": self.parameters}


class _Events:
    """The register's events, read once."""

    def __init__(self) -> None:
        self.mandates = list(db.session.scalars(select(Mandate).options(
            joinedload(Mandate.member), joinedload(Mandate.quality_row))
            .order_by(Mandate.start_date, Mandate.id)))
        self.meetings = list(db.session.scalars(select(Meeting).order_by(Meeting.held_on)))
        self.filings = {filing.key: filing for filing in _filings()}
        self.book = LegalBook()

    def filed(self, obligation: Obligation) -> Obligation:
        filing = self.filings.get(obligation.key)
        if filing is not None and obligation.fulfilled_on is None:
            obligation.fulfilled_on = filing.done_on
            obligation.fulfilled_by = "Fait le " + format_date(filing.done_on) + (
                f" ({filing.reference})" if filing.reference else "")
        return obligation

    def years(self, today: date) -> range:
        """From the register's first year (the year before today's at the latest) to the
        year closing now (never before this calendar year: a command run « as of » an
        earlier day does not drop this year's duties)."""
        years = [mandate.start_date.year for mandate in self.mandates]
        years += [meeting.held_on.year for meeting in self.meetings]
        if not years:  # an empty register: the obligations start with it
            return range(0)
        return range(min([*years, today.year - 1]), max(today.year, date.today().year) + 1)


@dataclass(frozen=True)
class _Filing:
    id: int
    key: str
    done_on: date
    reference: str


def _filings() -> list[_Filing]:
    return [_Filing(*row) for row in db.session.execute(select(
        LegalFiling.id, LegalFiling.obligation_key, LegalFiling.done_on,
        LegalFiling.reference))]


def _renewal(mandate: Mandate, mandates: list[Mandate]) -> bool:
    """A mandate that continues one of the same member and quality ended by renewal the day
    before (or the same day): the same person holds it, nothing changes in the UBO
    register."""
    return any(other.member_id == mandate.member_id and other.quality == mandate.quality
               and other.end_reason == "renouvellement" and other.end_date is not None
               and mandate.start_date - timedelta(days=1) <= other.end_date
               <= mandate.start_date for other in mandates if other is not mandate)


def _mandate_obligations(mandate: Mandate, events: _Events) -> list[Obligation]:
    book, quality, name = events.book, mandate.quality_row, mandate.member.full_name
    label = quality.label.lower()
    moments = [("start", mandate.start_date, f"{label}, début du mandat")]
    if mandate.end_date is not None:
        moments.append(("end", mandate.end_date, f"{label}, fin du mandat"))
    found = []
    for moment, day, what in moments:
        renewed = (mandate.end_reason == "renouvellement" if moment == "end"
                   else _renewal(mandate, events.mandates))
        if quality.ubo and not renewed:
            months = book.whole("ubo_update_months", day, 1)
            found.append(Obligation(
                f"ubo:{moment}:{mandate.id}", "ubo_update",
                f"Registre UBO à mettre à jour – {name}, {what} le {format_date(day)}",
                day, add_months(day, months),
                f"Le registre UBO est mis à jour dans les {months} mois d'un changement "
                f"d'administrateur, de représentant ou de délégué.",
                [book.used("ubo_update_months", day)], name))
        if quality.published:
            days = book.whole("publication_days", day, 30)
            found.append(Obligation(
                f"publication:{moment}:{mandate.id}", "publication",
                f"Dépôt pour publication au Moniteur – {name}, {what} le {format_date(day)}",
                day, day + timedelta(days=days),
                f"La nomination ou la fin de mandat est déposée au greffe pour publication "
                f"dans les {days} jours.", [book.used("publication_days", day)], name))
        if quality.member_register:
            days = book.whole("members_register_days", day, 8)
            found.append(Obligation(
                f"members_register:{moment}:{mandate.id}", "members_register",
                f"Registre des membres à mettre à jour – {name}, {what} le {format_date(day)}",
                day, day + timedelta(days=days),
                f"Le registre des membres est mis à jour dans les {days} jours d'un "
                f"changement.", [book.used("members_register_days", day)], name))
    if mandate.term_date is not None:
        term = Obligation(
            f"term:{mandate.id}", "term",
            f"Terme du mandat – {name}, {label}, le {format_date(mandate.term_date)}",
            mandate.term_date, mandate.term_date,
            "Le mandat arrive à son terme : le renouveler ou acter sa fin.", [], name)
        if mandate.end_date is not None:
            term.fulfilled_on = mandate.end_date
            term.fulfilled_by = f"Fin actée au {format_date(mandate.end_date)}"
        found.append(term)
    return [events.filed(obligation) for obligation in found]


def _year_obligations(year: int, events: _Events) -> list[Obligation]:
    book, closing = events.book, date(year, 12, 31)
    months = book.whole("ag_accounts_months", closing, 6)
    approval = Obligation(
        f"ag_accounts:{year}", "ag_accounts",
        f"Approbation des comptes {year} par l'assemblée générale", closing,
        add_months(closing, months),
        f"L'AG approuve les comptes dans les {months} mois de la clôture de l'exercice "
        f"({format_date(closing)}).", [book.used("ag_accounts_months", closing)])
    meeting = next((meeting for meeting in events.meetings
                    if meeting.body == "ag" and meeting.accounts_year == year), None)
    if meeting is not None:
        approval.fulfilled_on, approval.fulfilled_by = meeting.held_on, str(meeting)
    events.filed(approval)
    if approval.fulfilled_on is None:
        return [approval]
    size = association_size(year, book)
    days = book.whole("filing_days", approval.fulfilled_on, 30)
    filing = Obligation(
        f"filing:{year}", "filing",
        f"Dépôt des comptes {year} – {size.place_label}", approval.fulfilled_on,
        approval.fulfilled_on + timedelta(days=days),
        f"Les comptes sont déposés dans les {days} jours de leur approbation "
        f"({format_date(approval.fulfilled_on)}). {size.explanation}",
        [book.used("filing_days", approval.fulfilled_on), *size.parameters])
    return [approval, events.filed(filing)]


def _ubo_confirmations(events: _Events) -> list[Obligation]:
    """Each update or confirmation of the UBO register (the filing, by its number) starts
    the period within which the next confirmation is due; a later one fulfils it."""
    done = sorted((filing for filing in events.filings.values()
                   if filing.key.startswith(UBO_KEYS)), key=lambda filing: filing.done_on)
    found = []
    for index, filing in enumerate(done):
        months = events.book.whole("ubo_confirm_months", filing.done_on, 12)
        obligation = Obligation(
            f"ubo_confirm:{filing.id}", "ubo_confirm",
            f"Confirmation annuelle du registre UBO (dernière mise à jour le "
            f"{format_date(filing.done_on)})", filing.done_on,
            add_months(filing.done_on, months),
            f"Les données du registre UBO sont confirmées tous les {months} mois.",
            [events.book.used("ubo_confirm_months", filing.done_on)])
        later = next((other for other in done[index + 1:]
                      if other.done_on > filing.done_on), None)
        if later is not None:
            obligation.fulfilled_on = later.done_on
            obligation.fulfilled_by = f"Registre UBO mis à jour le {format_date(later.done_on)}"
        found.append(events.filed(obligation))
    return found


def all_obligations(today: date) -> list[Obligation]:
    """Every obligation the register's events have made, from its first year to the year
    closing this one, in due order."""
    events = _Events()
    found = [obligation for mandate in events.mandates
             for obligation in _mandate_obligations(mandate, events)]
    for year in events.years(today):
        found += _year_obligations(year, events)
    found += _ubo_confirmations(events)
    return sorted(found, key=lambda obligation: (obligation.due, obligation.key))


def check_obligations(at: date) -> list[Obligation]:
    """`tracker governance check --at`: what had arisen by that day and is still open, or
    was fulfilled in the twelve months before it."""
    since = add_months(at, -12)
    return [obligation for obligation in all_obligations(at)
            if obligation.event <= at and (obligation.fulfilled_on is None
                                           or obligation.fulfilled_on > at
                                           or obligation.fulfilled_on >= since)]
