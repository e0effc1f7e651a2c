"""An action plan, its nested objectives, their actions and indicators, the yearly targets
and typed values, and each objective's yearly evaluation."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.plans.vocabulary import ASSESSMENTS, DECISIONS, DIRECTIONS, LEVELS

FIGURE = Numeric(14, 2)


class ActionPlan(Audited, db.Model):
    """« Plan d'action communautaire 2023-2028 », for an instrument's years."""

    __tablename__ = "action_plan"
    __audit_label__ = "Plan d'action"
    __audit_ignored__ = frozenset({"code"})  # identifiers of the YAML: the trail shows labels
    __table_args__ = (CheckConstraint("last_year >= first_year", name="years_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True, info={"label": "Identifiant"})
    title: Mapped[str] = mapped_column(String(300), info={"label": "Intitulé"})
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="SET NULL"), index=True,
        info={"label": "Instrument"})
    first_year: Mapped[int] = mapped_column(info={"label": "Première année"})
    last_year: Mapped[int] = mapped_column(info={"label": "Dernière année"})
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow,
                                                    info={"label": "Modifié le"})

    instrument: Mapped[Instrument | None] = relationship()
    objectives: Mapped[list["PlanObjective"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PlanObjective.position")

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def roots(self) -> list["PlanObjective"]:
        return [objective for objective in self.objectives if objective.parent is None]


class PlanObjective(Audited, db.Model):
    __tablename__ = "plan_objective"
    __audit_label__ = "Objectif du plan"
    __audit_ignored__ = frozenset({"code"})
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"),
                                         index=True, info={"label": "Plan"})
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_objective.id", ondelete="CASCADE"), index=True,
        info={"label": "Objectif parent"})
    code: Mapped[str] = mapped_column(String(80), info={"label": "Identifiant"})
    label: Mapped[str] = mapped_column(String(500), info={"label": "Libellé"})
    level: Mapped[str] = mapped_column(String(20), info={"label": "Niveau", "choices": LEVELS})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})

    plan: Mapped[ActionPlan] = relationship(back_populates="objectives")
    parent: Mapped["PlanObjective | None"] = relationship(remote_side=[id],
                                                          back_populates="children")
    children: Mapped[list["PlanObjective"]] = relationship(back_populates="parent",
                                                           order_by="PlanObjective.position")
    actions: Mapped[list["PlanAction"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PlanAction.position")
    indicators: Mapped[list["PlanIndicator"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PlanIndicator.position")
    evaluations: Mapped[list["ObjectiveEvaluation"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan", passive_deletes=True)

    def __str__(self) -> str:
        return self.label

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)


class PlanAction(Audited, db.Model):
    """What the team does for an objective, tied to the log by the activities it counts
    (`where` in the questionnaire language: type, service, partenaire, a dimension)."""

    __tablename__ = "plan_action"
    __audit_label__ = "Action du plan"
    __audit_ignored__ = frozenset({"links"})  # the questionnaire language's codes

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("plan_objective.id", ondelete="CASCADE"), index=True,
        info={"label": "Objectif"})
    label: Mapped[str] = mapped_column(String(500), info={"label": "Action"})
    links: Mapped[str] = mapped_column(Text, default="", info={"label": "Activités liées"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})

    objective: Mapped[PlanObjective] = relationship(back_populates="actions")

    def __str__(self) -> str:
        return self.label


class PlanIndicator(Audited, db.Model):
    """Computed (`measure` holds its figure in the questionnaire language, as JSON) or typed
    (`measure` empty: a value with its source each year)."""

    __tablename__ = "plan_indicator"
    __audit_label__ = "Indicateur du plan"
    __audit_ignored__ = frozenset({"code", "measure"})
    __table_args__ = (UniqueConstraint("objective_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("plan_objective.id", ondelete="CASCADE"), index=True,
        info={"label": "Objectif"})
    code: Mapped[str] = mapped_column(String(80), info={"label": "Identifiant"})
    label: Mapped[str] = mapped_column(String(300), info={"label": "Indicateur"})
    measure: Mapped[str] = mapped_column(Text, default="", info={"label": "Calcul"})
    baseline: Mapped[Decimal | None] = mapped_column(FIGURE, info={"label": "Valeur de base"})
    direction: Mapped[str] = mapped_column(String(10), default="at_least",
                                           info={"label": "Sens", "choices": DIRECTIONS})
    source: Mapped[str] = mapped_column(String(300), default="",
                                        info={"label": "Source (chiffre tapé)"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})

    objective: Mapped[PlanObjective] = relationship(back_populates="indicators")
    targets: Mapped[list["IndicatorTarget"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True,
        order_by="IndicatorTarget.year")
    values: Mapped[list["PlanIndicatorValue"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PlanIndicatorValue.year")

    def __str__(self) -> str:
        return self.label

    @property
    def computed(self) -> bool:
        return bool(self.measure)


class IndicatorTarget(Audited, db.Model):
    __tablename__ = "indicator_target"
    __audit_label__ = "Cible d'indicateur"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("plan_indicator.id", ondelete="CASCADE"), index=True,
        info={"label": "Indicateur"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    value: Mapped[Decimal] = mapped_column(FIGURE, info={"label": "Cible"})

    indicator: Mapped[PlanIndicator] = relationship(back_populates="targets")


class PlanIndicatorValue(Audited, db.Model):
    """A typed indicator's value for a year, with where it comes from."""

    __tablename__ = "plan_indicator_value"
    __audit_label__ = "Valeur d'indicateur tapée"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("plan_indicator.id", ondelete="CASCADE"), index=True,
        info={"label": "Indicateur"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    value: Mapped[Decimal] = mapped_column(FIGURE, info={"label": "Valeur"})
    source: Mapped[str] = mapped_column(String(300), default="", info={"label": "Source"})

    indicator: Mapped[PlanIndicator] = relationship(back_populates="values")


class ObjectiveEvaluation(Audited, db.Model):
    """The team's yearly word on an objective: its assessment, a comment, and what becomes
    of it next year. The indicators' states beside it are computed, never stored."""

    __tablename__ = "objective_evaluation"
    __audit_label__ = "Évaluation d'objectif"
    __table_args__ = (UniqueConstraint("objective_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("plan_objective.id", ondelete="CASCADE"), index=True,
        info={"label": "Objectif"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    assessment: Mapped[str] = mapped_column(String(20), default="", info={
        "label": "Appréciation de l'équipe", "choices": ASSESSMENTS})
    comment: Mapped[str] = mapped_column(Text, default="", info={"label": "Commentaire"})
    decision: Mapped[str] = mapped_column(String(20), default="", info={
        "label": "Pour l'année suivante", "choices": DECISIONS})

    objective: Mapped[PlanObjective] = relationship(back_populates="evaluations")
