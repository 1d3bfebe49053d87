"""The domain model: pure, immutable attrs classes with no I/O.

The model's modules leave out ``from __future__ import annotations``: a field's type is then
made with its class, instead of written as text that the loader's converter compiles and
evaluates for every field at each start (``tests/test_startup.py``). An annotation naming
a class defined further down is quoted.
"""

from typing import TYPE_CHECKING

from gdpr_register._lazy import lazy_names
from gdpr_register.model.assessments import DpiaReference
from gdpr_register.model.coverage import Coverage, SectionNote, SectionReference
from gdpr_register.model.enums import (
    ChannelKind,
    ContactKind,
    DataOrigin,
    DpoStatus,
    DurationUnit,
    EntryKind,
    IdentityCheck,
    LawfulBasis,
    NoticeKind,
    ProvisionRequirement,
    PurposeKind,
    RecipientRole,
    Region,
    RequestCharge,
    RetentionEnd,
    RetentionKind,
    RightCondition,
    RightKind,
    RightStatus,
    Section,
    SectionState,
    SecurityKind,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    TransferDerogation,
    TransferMechanism,
    TriggerKind,
)
from gdpr_register.model.notice import (
    Controller,
    DpoStatement,
    LanguageVersion,
    Notice,
    Party,
    SupervisoryAuthority,
    TranslatedText,
    Waiver,
)
from gdpr_register.model.register import (
    AutomatedDecisions,
    DataCategory,
    Provision,
    Purpose,
    Recipient,
    Register,
    RequestProcedure,
    SecurityMeasure,
    Source,
    SpecialCondition,
    StatedBasis,
    StatedRight,
    SubjectCategory,
    Transfer,
)
from gdpr_register.model.retention import RetentionRule, Trigger
from gdpr_register.model.shared import SharedStatements
from gdpr_register.model.values import (
    FINNISH_BUSINESS_ID,
    BusinessId,
    Channel,
    ContactPoint,
    Duration,
    MonthDay,
    PartialDate,
    PostalAddress,
)

if TYPE_CHECKING:
    from gdpr_register.model.events import SubjectEvent


# Subject events belong to retention and requests: a check of a notice never needs them.
__getattr__ = lazy_names(__name__, {"SubjectEvent": "gdpr_register.model.events"}, globals())


__all__ = [
    "FINNISH_BUSINESS_ID",
    "AutomatedDecisions",
    "BusinessId",
    "Channel",
    "ChannelKind",
    "ContactKind",
    "ContactPoint",
    "Controller",
    "Coverage",
    "DataCategory",
    "DataOrigin",
    "DpiaReference",
    "DpoStatement",
    "DpoStatus",
    "Duration",
    "DurationUnit",
    "EntryKind",
    "IdentityCheck",
    "LanguageVersion",
    "LawfulBasis",
    "MonthDay",
    "Notice",
    "NoticeKind",
    "PartialDate",
    "Party",
    "PostalAddress",
    "Provision",
    "ProvisionRequirement",
    "Purpose",
    "PurposeKind",
    "Recipient",
    "RecipientRole",
    "Region",
    "Register",
    "RequestCharge",
    "RequestProcedure",
    "RetentionEnd",
    "RetentionKind",
    "RetentionRule",
    "RightCondition",
    "RightKind",
    "RightStatus",
    "Section",
    "SectionNote",
    "SectionReference",
    "SectionState",
    "SecurityKind",
    "SecurityMeasure",
    "SharedStatements",
    "Source",
    "SourceKind",
    "SpecialCategory",
    "SpecialCategoryCondition",
    "SpecialCondition",
    "StatedBasis",
    "StatedRight",
    "SubjectCategory",
    "SubjectEvent",
    "SupervisoryAuthority",
    "Transfer",
    "TransferDerogation",
    "TransferMechanism",
    "TranslatedText",
    "Trigger",
    "TriggerKind",
    "Waiver",
]
