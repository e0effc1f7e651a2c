"""What a line of an activity file becomes, on the import skeleton (tracker/importing.py): its
columns (the fields, then one per dimension), and the checks of each line."""

from datetime import date
from functools import lru_cache

from tracker.activities.entry import ABOUT_A_PERSON, NO_PARTNER
from tracker.activities.models import HELD, PRESENCES
from tracker.activities.services import (
    MAX_DURATION_MIN,
    check_institutional_text,
    direction_of,
    dossier_enabled,
    hash_dossier,
)
from tracker.activities.vocabulary import Vocabulary, service_lookup
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.importing import Column, ImporterBase, RowReader
from tracker.partnerships.models import Partner
from tracker.staffing.models import Person
from tracker.tabular import CellError, cell_text, parse_date, parse_time
from tracker.text import normalize

# The « presence » column of an appointment (empty: held).
PRESENCE_WORDS = {normalize(word): code for code, label in PRESENCES.items()
                  for word in (code, label, label.split(" (")[0])} | {"annulee": "annule"}
# The « sens » column: given by the team or received by it (empty: the type's usual one).
DIRECTION_WORDS = {"donne": False, "donnee": False, "recu": True, "recue": True}


@lru_cache(maxsize=8192)
def _date(value) -> date:
    return parse_date(value)


def _whole_number(value) -> int:
    text = cell_text(value)
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"« {text} » n'est pas un nombre entier.") from None


def _presence(value) -> str:
    text = cell_text(value)
    code = PRESENCE_WORDS.get(normalize(text))
    if code is None:
        raise ValueError(f"« {text} » : écrivez venu, absent ou annulé.")
    return code


def _duration(value) -> int:
    minutes = _whole_number(value)
    if not 0 <= minutes <= MAX_DURATION_MIN:
        raise ValueError("La durée va de 0 à 1440 minutes.")
    return minutes


ACTIVITY_COLUMNS = (
    Column("date", required=True, parse=_date, missing="La date est obligatoire."),
    Column("heure", parse=parse_time),
    Column("type", required=True, missing="Le type est obligatoire."),
    Column("duree_min", parse=_duration),
    Column("intervenant"),
    Column("service"),
    Column("partenaire", parse=lambda value: " ".join(cell_text(value).split())),
    Column("participants", parse=_whole_number),
    Column("dossier"),
    Column("presence", parse=_presence),
    Column("sens"),
    Column("objet"),
    Column("endroit"),
)
CORE_COLUMNS = [column.name for column in ACTIVITY_COLUMNS]


class ActivityRows(ImporterBase):
    """The lines of an activity file: each becomes an activity row (a dict for a bulk
    insert) and the vocabulary values it carries."""

    columns = ACTIVITY_COLUMNS
    nothing = "Aucune activité dans le fichier."
    can_force = True

    def __init__(self, vocabulary: Vocabulary, create_partners: bool = False) -> None:
        self.vocabulary = vocabulary
        self.create_partners = create_partners
        self.people = {normalize(p.full_name): p.id for p in db.session.scalars(
            db.select(Person))}
        self.services = service_lookup()
        self.partners = {normalize(p.name): p.id for p in db.session.scalars(
            db.select(Partner))}
        self.new_partners: set[str] = set()
        self.dimensions = vocabulary.activity_dimensions()
        self.dimensions_in_file: list[str] = []  # known once the header is read
        # read once, not for every cell: (several values allowed, label) by dimension
        self.dimension_rules = {code: (dimension.multiple, dimension.label)
                                for code, dimension in vocabulary.dimensions.items()}
        self.today = date.today()

    def extra_columns(self) -> set[str]:
        return set(self.dimensions)

    def check_header(self, headers: list[str]) -> list[CellError]:
        self.dimensions_in_file = [code for code in self.dimensions if code in headers]
        if "dossier" in headers and not dossier_enabled():
            return [CellError(1, "dossier", "Le code dossier est désactivé par la direction.")]
        return []

    def row(self, row: RowReader) -> tuple[dict, list[tuple]] | None:
        day = row["date"]
        if day is not None and day > self.today:
            row.error("date", "La date est dans le futur.")
        activity_type = self.vocabulary.find("type", row["type"]) if row["type"] else None
        if row["type"] and activity_type is None:
            row.error("type", f"Type « {row['type']} » inconnu.")
        person_id = None
        if row["intervenant"]:
            person_id = self.people.get(normalize(row["intervenant"]))
            if person_id is None:
                row.error("intervenant", f"« {row['intervenant']} » ne figure pas dans le "
                                         "personnel.")
        partner_name = row["partenaire"] or ""
        if partner_name and activity_type is not None and activity_type.code in ABOUT_A_PERSON:
            row.error("partenaire", NO_PARTNER)
        elif partner_name and normalize(partner_name) not in self.partners:
            if self.create_partners:
                self.new_partners.add(partner_name)
            else:  # free text never becomes a partner (nor a person's name) by itself
                row.error("partenaire", f"Partenaire « {partner_name} » inconnu : ajoutez-le "
                                        "dans Partenariats, ou demandez la création des "
                                        "partenaires inconnus.")
        service_code = self._service(row)
        received = purpose = place = None
        if activity_type is not None:
            received, purpose, place = self._direction_and_text(row, activity_type.code)
        links = self._links(row)
        if row.failed:
            return None
        return {
            "date": day, "start_time": row["heure"], "type_id": activity_type.id,
            "duree_min": row["duree_min"], "person_id": person_id, "service": service_code,
            "partner_name": partner_name, "participants": row["participants"],
            "dossier_hash": hash_dossier(row["dossier"] or ""),
            "received": received, "purpose": purpose, "place": place,
            "presence": row["presence"] or HELD,
        }, links

    def _service(self, row: RowReader) -> str:
        text = row["service"]
        if not text:
            return ""
        service = self.services.get(text) or self.services.get(normalize(text))
        if service is None or not service.active:
            row.error("service", f"Service « {text} » inconnu (voir Vocabulaires › Services).")
            return ""
        return service.code

    def _direction_and_text(self, row: RowReader, type_code: str) -> tuple[bool, str, str]:
        received, purpose, place = False, "", ""
        word = normalize(row.text("sens"))
        if word and word not in DIRECTION_WORDS:
            row.error("sens", f"« {row.text('sens')} » : écrivez « donnée » ou « reçue ».")
        else:
            try:
                received = direction_of(type_code, DIRECTION_WORDS.get(word))
            except DomainError as problem:
                row.error("sens", problem.message)
        try:
            purpose, place = check_institutional_text(type_code, row.text("objet"),
                                                      row.text("endroit"))
        except DomainError as problem:
            row.error("objet", problem.message)
        return received, purpose, place

    def _links(self, row: RowReader) -> list[tuple]:
        """The vocabulary values of the dimension columns: (value id, dimension code)."""
        links = []
        for column in self.dimensions_in_file:
            text = row.text(column)
            if not text:
                continue
            multiple, label = self.dimension_rules[column]
            parts = [part.strip() for part in text.split("|") if part.strip()] \
                if multiple or "|" in text else [text]
            if len(parts) > 1 and not multiple:
                row.error(column, "Une seule valeur permise dans cette colonne.")
            for part in parts:
                value = self.vocabulary.find(column, part)
                if value is None:
                    row.error(column, f"Valeur « {part} » inconnue pour {label}.")
                else:
                    links.append((value.id, column))
        return list(dict.fromkeys(links))
