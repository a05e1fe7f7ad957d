"""The feedback app's models, one module per entity, re-exported here.

Callers keep writing `from feedback.models import Note`; the modules below are where each
model is defined: notes (and their timeline, themes, e-mail subscriptions), insights (and
the matters grouping knows), actions, the audit log, and the Integration API's keys.
"""

from .actions import (
    QUICK_CHANGE_DAYS,
    Action,
    ActionEvent,
    ActionStatus,
    ConstraintCategory,
)
from .audit import NoteAccess
from .insights import (
    Concept,
    ConceptTerm,
    CurationUndo,
    Insight,
    InsightScope,
    InsightStatus,
    InsightVisit,
    Suggestion,
    SuggestionReason,
    SuggestionState,
)
from .integrations import IntegrationCall, IntegrationKey
from .notes import (
    CLIENT_TEXT_MAX_LENGTH,
    CLOSED_STATUSES,
    OBSERVATION_MAX_LENGTH,
    STATUS_FOR_CLIENT,
    Note,
    NoteEvent,
    NoteKind,
    NoteLanguage,
    NoteStatus,
    PrivacyFlag,
    StatusSubscription,
    Theme,
)
from .reflection import (
    DECISION_TEXT_MAX_LENGTH,
    REFLECTION_TEXT_MAX_LENGTH,
    DecisionKind,
    Reflection,
    ReflectionDecision,
)

__all__ = [
    "DECISION_TEXT_MAX_LENGTH",
    "REFLECTION_TEXT_MAX_LENGTH",
    "DecisionKind",
    "Reflection",
    "ReflectionDecision",
    "CLIENT_TEXT_MAX_LENGTH",
    "CLOSED_STATUSES",
    "OBSERVATION_MAX_LENGTH",
    "QUICK_CHANGE_DAYS",
    "STATUS_FOR_CLIENT",
    "Action",
    "ActionEvent",
    "ActionStatus",
    "Concept",
    "ConceptTerm",
    "ConstraintCategory",
    "Insight",
    "InsightScope",
    "InsightStatus",
    "InsightVisit",
    "CurationUndo",
    "IntegrationCall",
    "IntegrationKey",
    "Note",
    "NoteAccess",
    "NoteEvent",
    "NoteKind",
    "NoteLanguage",
    "NoteStatus",
    "PrivacyFlag",
    "StatusSubscription",
    "Suggestion",
    "SuggestionReason",
    "SuggestionState",
    "Theme",
]
