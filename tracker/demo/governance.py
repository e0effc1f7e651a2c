"""The demo association's governance, every name fictitious: a board of six with its officers
and staggered terms (one ending in five months), an AG of fourteen members meeting each June
to approve the accounts, one administrator who resigned last quarter (the UBO register updated,
the publication still to file), statutes of 2019 and 2024 with invented PDFs, the yearly
figures that make it a large association, and every older formality recorded as done."""

import io
from datetime import date, timedelta
from decimal import Decimal

from werkzeug.datastructures import FileStorage

from tracker.demo.instrument_documents import invented_pdf
from tracker.extensions import db
from tracker.governance.meetings import (
    add_decision,
    members_of_body,
    save_attendance,
    save_meeting,
    save_statutes,
)
from tracker.governance.models import Mandate, Meeting
from tracker.governance.obligations import all_obligations
from tracker.governance.services import add_document, record_filing, save_mandate
from tracker.governance.size import save_accounts_year
from tracker.periods import add_months

D = date.fromisoformat
# the board: (name, officer quality or None, first appointed, term in years)
BOARD = [
    ("Claire Dumoulin", "president", D("2022-06-12"), 6),  # renewed then (first in 2016)
    ("Marc Lejeune-Bastin", "tresorier", D("2022-06-12"), 6),
    ("Nadia El Khatib", "secretaire", D("2023-06-12"), 6),
    ("Pierre Vanderstraeten", None, D("2023-06-12"), 6),
    ("Sophie Marchal", None, D("2024-06-12"), 6),
    ("Youssef Amrani", None, D("2021-06-12"), None),  # term: five months from today
]
RENEWED = ("Claire Dumoulin", D("2016-06-09"))
RESIGNED = ("Luc Peeters-Delhaye", D("2021-06-10"))
OTHER_MEMBERS = ["Anne-Sophie Collard", "Bruno Wathelet", "Chantal Mertens", "David Kabongo",
                 "Élise Fontaine", "François Delvigne", "Hélène Goossens"]
DIRECTOR = ("Colette Vandermeulen", D("2019-12-01"))  # the demo's director: daily management
STATUTES = [  # adopted on, filed, published, reference, summary
    (D("2019-11-14"), D("2019-11-28"), D("2019-12-12"), "19-0165432",
     "Refonte des statuts : objet social élargi à la promotion de la santé."),
    (D("2024-03-14"), D("2024-03-27"), D("2024-04-10"), "24-0049871",
     "Mise en conformité avec le Code des sociétés et des associations."),
]
ACCOUNTS = {2023: ("498000", "388000", "91000"), 2024: ("512000", "401000", "88000"),
            2025: ("526000", "415000", "93000")}


def _pdf(title: str, reference: str, text: str, filename: str) -> FileStorage:
    return FileStorage(io.BytesIO(invented_pdf(title, reference, text)), filename)


def _mandates(today: date) -> None:
    for name, officer, start, years in BOARD:
        term = add_months(start, 12 * years) if years else add_months(today, 5)
        save_mandate(None, member_name=name, quality="membre_ag", start_date=start)
        save_mandate(None, member_name=name, quality="administrateur", start_date=start,
                     term_date=term)
        if officer:
            save_mandate(None, member_name=name, quality=officer, start_date=start,
                         term_date=term)
    name, first = RENEWED
    for quality in ("administrateur", "president"):
        save_mandate(None, member_name=name, quality=quality, start_date=first,
                     term_date=D("2022-06-12"), end_date=D("2022-06-11"),
                     end_reason="renouvellement")
    name, start = RESIGNED
    resigned_on = add_months(today, -2)
    save_mandate(None, member_name=name, quality="membre_ag", start_date=start)
    save_mandate(None, member_name=name, quality="administrateur", start_date=start,
                 term_date=add_months(start, 72), end_date=resigned_on,
                 end_reason="demission")
    for index, member in enumerate(OTHER_MEMBERS):
        save_mandate(None, member_name=member, quality="membre_ag",
                     start_date=D("2019-06-13") + timedelta(days=365 * (index % 4)))
    name, start = DIRECTOR
    save_mandate(None, member_name=name, quality="delegue_gestion_journaliere",
                 start_date=start)


def _general_assemblies(today: date) -> Meeting | None:
    """Each June since the first mandates, the AG approving the year before's accounts; the
    last one with its attendance, decisions and signed PV."""
    last = None
    for year in range(2017, today.year + 1):
        held_on = D(f"{year}-06-12")
        if held_on > today:
            break
        last = save_meeting(None, body="ag", kind="ordinaire", held_on=held_on,
                            quorum_reached=True, accounts_approved=True,
                            accounts_year=year - 1,
                            agenda=f"Rapport d'activité {year - 1}\nApprobation des comptes "
                                   f"{year - 1} et du budget {year}\nDécharge aux "
                                   f"administrateurs\nMandats")
    return last


def _last_assembly_details(meeting: Meeting) -> None:
    members = members_of_body(meeting)
    save_attendance(meeting, {mandate.member_id: ("excuse" if index % 6 == 5 else
                                                  "represente" if index % 6 == 4 else "present")
                              for index, mandate in enumerate(members)})
    year = meeting.accounts_year
    add_decision(meeting, text=f"Approbation des comptes {year}", vote="unanimité")
    add_decision(meeting, text="Décharge aux administrateurs", vote="unanimité")
    add_decision(meeting, text=f"Approbation du budget {year + 1}",
                 vote="11 pour, 1 abstention")
    add_document("meeting", meeting.id, [], kind="pv", issued_on=meeting.held_on,
                 reference=f"PV AG {meeting.held_on:%Y}", upload=_pdf(
                     f"Procès-verbal de l'assemblée générale du {meeting.held_on:%d/%m/%Y}",
                     f"PV AG {meeting.held_on:%Y}",
                     f"L'assemblée approuve les comptes {year} et donne décharge aux "
                     f"administrateurs.", f"pv-ag-{meeting.held_on:%Y}.pdf"))


def _statutes() -> None:
    for adopted_on, filed_on, published_on, reference, summary in STATUTES:
        meeting = save_meeting(None, body="ag", kind="extraordinaire", held_on=adopted_on,
                               quorum_reached=True, agenda="Modification des statuts")
        version = save_statutes(None, adopted_on=adopted_on, meeting_id=meeting.id,
                                filed_on=filed_on, published_on=published_on,
                                moniteur_reference=reference, summary=summary)
        add_decision(meeting, text=f"Adoption des statuts : {summary}", vote="unanimité",
                     statutes_id=version.id)
        add_document("statutes", version.id, [], kind="statuts", issued_on=published_on,
                     reference=reference, upload=_pdf(
                         "Statuts de l'ASBL Horizon Clair", reference, summary,
                         f"statuts-{adopted_on:%Y}.pdf"))


def _formalities_done(today: date) -> int:
    """Every older formality recorded as done a few days after its event, except the
    resignation's publication (still to file) and what is not due yet."""
    resigned = db.session.scalar(db.select(Mandate.id).where(Mandate.end_reason == "demission"))
    pending = {f"publication:end:{resigned}"}
    recorded = 0
    for obligation in all_obligations(today):
        late = obligation.fulfilled_on is not None and obligation.fulfilled_on > obligation.due
        if (obligation.fulfilled_on is not None and not late) or obligation.key in pending \
                or obligation.code in ("ag_accounts", "term"):
            continue
        done_on = (obligation.due - timedelta(days=10) if obligation.code == "ubo_confirm"
                   else obligation.event + timedelta(days=6))
        if done_on <= today and obligation.due <= add_months(today, 1):
            record_filing(obligation.key, done_on, "Fait (démonstration)")
            recorded += 1
    return recorded


def load_governance() -> None:
    if db.session.scalar(db.select(Mandate.id).limit(1)) is not None:
        return
    today = date.today()
    for year, figures in ACCOUNTS.items():
        save_accounts_year(year, *(Decimal(value) for value in figures))
    _mandates(today)
    _statutes()
    last = _general_assemblies(today)
    if last is not None:
        _last_assembly_details(last)
    # a filing recorded makes the next obligation (the next UBO confirmation)
    while _formalities_done(today):
        pass
    db.session.flush()
