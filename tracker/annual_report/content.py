"""The annual report for a year, as every format renders it: its parts (each a heading,
paragraphs and tables, and parts below it) and its annexes (the year's archived funder
questionnaires). What the board may not read about fewer than three persons never enters
it: the report goes to the general assembly."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tracker.activities.vocabulary import Vocabulary
from tracker.annual_report.annexes import Annex, year_annexes
from tracker.annual_report.money import money_table
from tracker.annual_report.services import texts_of
from tracker.annual_report.team import fte_table, movements_table
from tracker.annual_report.vocabulary import CLOSING, NARRATIVES, OPENING
from tracker.annual_report.year_figures import figures_table
from tracker.association.services import get_association
from tracker.documents.tables import DocTable
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.governance.board_tables import governance_tables
from tracker.governance.models import Meeting
from tracker.governance.vocabulary import BODIES, MEETING_KINDS
from tracker.plans.objectives_list import objectives_rows
from tracker.plans.services import plans_for
from tracker.questionnaires.lists import compute_list
from tracker.questionnaires.schema import Item


@dataclass
class Part:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)
    parts: list["Part"] = field(default_factory=list)


@dataclass
class AnnualReport:
    year: int
    organisation: str
    parts: list[Part] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    version: int | None = None
    produced_on: date | None = None

    @property
    def title(self) -> str:
        return f"Rapport d'activité {self.year}"

    def cover_lines(self) -> list[str]:
        lines = [self.organisation,
                 f"Année civile {self.year}, présentée à l'assemblée générale {self.year + 1}"]
        if self.version:
            lines.append(f"Version {self.version} du {format_date(self.produced_on)}")
        else:
            lines.append(f"Projet du {format_date(self.produced_on or date.today())}")
        return [line for line in lines if line]

    @property
    def filename_stem(self) -> str:
        return f"rapport-annuel-{self.year}" + (f"-v{self.version}" if self.version else "")


def build_annual_report(year: int, version: int | None = None,
                        produced_on: date | None = None) -> AnnualReport:
    association = get_association()
    report = AnnualReport(year, str(association) if association else "", version=version,
                          produced_on=produced_on)
    texts = texts_of(year)
    report.parts += [_narrative(key, texts) for key in OPENING if texts.get(key)]
    report.parts += [Part("L'année en chiffres", tables=[figures_table(year)]),
                     Part("L'équipe", tables=[fte_table(year), movements_table(year)]),
                     Part("Les finances", tables=[money_table(year)]),
                     _plans_part(year), _governance_part(year), _partnerships_part(year)]
    report.parts += [_narrative(key, texts) for key in CLOSING if texts.get(key)]
    report.annexes = year_annexes(year)
    return report


def _narrative(key: str, texts: dict[str, str]) -> Part:
    return Part(NARRATIVES[key], paragraphs=[paragraph.strip() for paragraph
                                             in texts[key].split("\n\n") if paragraph.strip()])


def _plans_part(year: int) -> Part:
    part = Part("Les plans d'action")
    for plan in plans_for(None, None, year):
        # the report goes to the general assembly: an indicator of 1 or 2 persons reads « < 3 »
        listed = objectives_rows([plan], year).for_the_board()
        subtitle = f"{plan.instrument.title}, {plan.first_year}–{plan.last_year}" \
            if plan.instrument else f"{plan.first_year}–{plan.last_year}"
        part.parts.append(Part(plan.title, paragraphs=[subtitle], tables=[DocTable(
            f"Objectifs et indicateurs {year}", listed.columns, listed.rows)]))
    if not part.parts:
        part.paragraphs.append("Aucun plan d'action ne couvre cette année.")
    return part


def _governance_part(year: int) -> Part:
    end = date(year, 12, 31)
    meetings = db.session.scalars(select(Meeting).where(
        Meeting.held_on.between(date(year, 1, 1), end)).order_by(Meeting.held_on))
    table = DocTable(f"Réunions du conseil d'administration et de l'assemblée générale en "
                     f"{year}", ["Date", "Organe", "Type", "Décisions", "Comptes approuvés"])
    for meeting in meetings:
        table.rows.append([meeting.held_on, BODIES[meeting.body], MEETING_KINDS[meeting.kind],
                           len(meeting.decisions),
                           f"exercice {meeting.accounts_year}" if meeting.accounts_year
                           else ""])
    return Part("La gouvernance", tables=[governance_tables(end)[0], table])


def _partnerships_part(year: int) -> Part:
    start, end, vocabulary = date(year, 1, 1), date(year, 12, 31), Vocabulary.load()
    tables = []
    for title, concluded in ((f"Conventions en cours en {year}", False),
                             (f"Conventions conclues en {year}", True)):
        listed = compute_list(Item(id="conventions", label=title, type="list",
                                   table="conventions", concluded=concluded),
                              start, end, vocabulary)
        tables.append(DocTable(title, listed.columns, listed.rows))
    return Part("Les partenariats", tables=tables)
