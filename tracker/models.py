"""Imports every module's models, so that metadata (and Alembic) sees all tables."""

from tracker.activities.models import (
    Activity,
    ActivityValue,
    Dimension,
    DimensionValue,
    ImportBatch,
    Service,
)
from tracker.aids.models import AidParameter
from tracker.association.models import Association
from tracker.audit.models import AuditEntry
from tracker.auth.models import LoginFailure, User, UserSession
from tracker.catalogue.models import JobFunction
from tracker.deadlines.models import Deadline, DeadlineKind, DeadlineRule, Milestone, Reminder
from tracker.finance.models import (
    Closure,
    CostImport,
    Expense,
    ExpenseCategory,
    ExpenseShare,
    PersonnelCost,
    PersonnelJustification,
    Tranche,
)
from tracker.funders.models import CadrePost, Funder, Instrument, InstrumentAmount
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.jobs.models import BackgroundJob
from tracker.partnerships.models import (
    Convention,
    ConventionDocument,
    ConventionEvaluation,
    Partner,
)
from tracker.permanence.models import (
    MissedCalls,
    ObservationWeek,
    PermanenceSchedule,
    PermanenceSlot,
)
from tracker.questionnaires.models import (
    ArchivedFile,
    FigureCorrection,
    IndicatorValue,
    NarrativeAnswer,
    QuestionnaireArchive,
    QuestionnaireResponse,
    UploadedDefinition,
)
from tracker.staffing.models import Absence, Allocation, Person

__all__ = [
    "ArchivedFile",
    "FigureCorrection",
    "IndicatorValue",
    "NarrativeAnswer",
    "QuestionnaireArchive",
    "QuestionnaireResponse",
    "UploadedDefinition",
    "Absence",
    "Activity",
    "AidParameter",
    "Closure",
    "Expense",
    "ExpenseCategory",
    "ExpenseShare",
    "PersonnelJustification",
    "ActivityValue",
    "Allocation",
    "Association",
    "AuditEntry",
    "BackgroundJob",
    "CadrePost",
    "Convention",
    "CostImport",
    "ConventionDocument",
    "ConventionEvaluation",
    "Deadline",
    "DeadlineKind",
    "DeadlineRule",
    "Dimension",
    "DimensionValue",
    "Funder",
    "ImportBatch",
    "Instrument",
    "InstrumentAmount",
    "Intern",
    "JobFunction",
    "LoginFailure",
    "Milestone",
    "MissedCalls",
    "ObservationWeek",
    "PermanenceSchedule",
    "PermanenceSlot",
    "Partner",
    "Person",
    "PersonnelCost",
    "Reminder",
    "Service",
    "Tranche",
    "User",
    "UserSession",
    "Volunteer",
]
