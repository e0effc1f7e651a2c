"""A definition's codes checked against the database: dimensions, values, funders."""

from dataclasses import dataclass

from sqlalchemy import select

from tracker.activities.models import PRESENCES, Service
from tracker.activities.vocabulary import Vocabulary
from tracker.association.models import Site
from tracker.catalogue.models import JobFunction
from tracker.extensions import db
from tracker.funders.models import Funder
from tracker.partnerships.models import Partner
from tracker.questionnaires.definition import DefinitionError
from tracker.questionnaires.objectives import check_plan
from tracker.questionnaires.schema import (
    CLOCK_AXES,
    DIRECTIONS,
    FILTER_FIELDS,
    MEETING_GROUPS,
    PERSON_AXES,
    TIME_AXES,
    Definition,
    Item,
)


def check_codes(definition: Definition, vocabulary: Vocabulary) -> None:
    known = KnownCodes.load()
    if definition.funder not in known.funders:
        raise DefinitionError(definition.source, None, f"financeur « {definition.funder} » "
                                                       f"inconnu (connus : "
                                                       f"{', '.join(sorted(known.funders))}).")
    for item in definition.items():
        check_item_codes(item, definition.source, vocabulary, known)


@dataclass(frozen=True)
class KnownCodes:
    """The funders' and job functions' codes, read once for a whole definition or plan."""

    funders: frozenset[str]
    functions: frozenset[str]

    @classmethod
    def load(cls) -> "KnownCodes":
        return cls(frozenset(db.session.scalars(db.select(Funder.code))),
                   frozenset(db.session.scalars(db.select(JobFunction.code))))


def check_item_codes(item: Item, source: str, vocabulary: Vocabulary,
                     known: KnownCodes) -> None:
    """One item's dimensions, values, services, partners, functions and funders, each known;
    a questionnaire's or an action plan's indicator alike."""
    funders, functions = known.funders, known.functions
    if item.table == "objectives":
        check_plan(item, source)
    if item.site and db.session.scalar(select(Site.id).where(Site.name == item.site)) is None:
        raise DefinitionError(source, item.id, f"site « {item.site} » inconnu (Association › "
                                               "sites).")
    for key, values in item.where:
        if key == "sens" and not set(values) <= set(DIRECTIONS):
            raise DefinitionError(source, item.id, "« where » : « sens » vaut donne (donnée "
                                                   "par l'équipe) ou recu (reçue par elle).")
        if key == "presence" and not set(values) <= set(PRESENCES):
            raise DefinitionError(source, item.id, "« where » : « presence » vaut venu, "
                                                   "absent ou annule.")
        if key == "fonction":
            for code in values:
                if code not in functions:
                    raise DefinitionError(source, item.id, f"« where » : fonction « {code} » "
                                                           f"inconnue (connues : "
                                                           f"{', '.join(sorted(functions))}).")
        if key == "service":
            known = set(db.session.scalars(db.select(Service.code)))
            for code in values:
                if code not in known:
                    raise DefinitionError(source, item.id, f"« where » : service « {code} » "
                                                           f"inconnu.")
        if key == "partenaire":
            known = set(db.session.scalars(db.select(Partner.name).where(
                Partner.name.in_(values))))
            for name in values:
                if name not in known:
                    raise DefinitionError(source, item.id, f"« where » : partenaire "
                                                           f"« {name} » inconnu.")
        if key in FILTER_FIELDS:
            continue
        if key not in vocabulary.dimensions:
            raise DefinitionError(source, item.id, f"« where » : dimension ou champ "
                                                   f"« {key} » inconnu.")
        for code in values:
            if vocabulary.find(key, code) is None or vocabulary.find(key, code).code != code:
                raise DefinitionError(source, item.id, f"« where » : valeur « {code} » "
                                                       f"inconnue dans la dimension « {key} ».")
    for code in item.by:
        if item.type == "list" and code in MEETING_GROUPS:
            continue
        if code in PERSON_AXES and item.type == "table":
            continue
        if code not in (*TIME_AXES, *CLOCK_AXES) and code not in vocabulary.dimensions:
            raise DefinitionError(source, item.id, f"« by » : dimension « {code} » inconnue.")
        dimension = vocabulary.dimensions.get(code)
        scope = dimension.scope if dimension is not None else None
        if item.type == "table" and scope == "event" and not item.event:
            raise DefinitionError(source, item.id, f"« by » : « {code} » décrit un "
                                                   f"événement du dossier : ajoutez "
                                                   f"« event ».")
        if (item.type == "table" and item.metric.in_persons and scope != "dossier"
                and not (item.event and scope == "event")):
            raise DefinitionError(source, item.id, f"« by » : « {code} » est une dimension "
                                                   f"de l'activité ; un tableau en personnes "
                                                   f"va par une dimension du dossier (chaque "
                                                   f"personne sur une ligne).")
    for group in item.groups:
        for code in group.values:
            value = vocabulary.find(item.by[0], code)
            if value is None or value.code != code:
                raise DefinitionError(source, item.id, f"« groups » : valeur « {code} » "
                                                       f"inconnue dans la dimension "
                                                       f"« {item.by[0]} ».")
    for code in item.functions:
        if code not in functions:
            raise DefinitionError(source, item.id, f"fonction « {code} » inconnue (connues : "
                                                   f"{', '.join(sorted(functions))}).")
    for funder in (item.funded_by, item.funder):
        if funder and funder not in funders:
            raise DefinitionError(source, item.id, f"financeur « {funder} » inconnu "
                                                   f"(connus : {', '.join(sorted(funders))}).")
