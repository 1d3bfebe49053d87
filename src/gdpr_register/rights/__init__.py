"""Data-subject requests: which rights apply, what to do, and the exact deadline.

``response_deadline`` counts Art. 12(3) periods under Regulation 1182/71 with the controller's
Member-State holidays; ``assess`` applies the basis x right matrix (rule catalogue §2.4) to a
register's stated bases. See docs/rights.md.
"""

from gdpr_register.rights._assess import assess
from gdpr_register.rights._deadlines import (
    BreachDeadline,
    Deadline,
    IdentityPause,
    InformationDeadline,
    breach_deadline,
    information_deadline,
    local_date,
    response_deadline,
)
from gdpr_register.rights._model import (
    AbuseDecision,
    AbuseKind,
    AbuseResponse,
    Action,
    Applicability,
    Assessment,
    Candidate,
    CategoryAction,
    CategoryOutcome,
    ClaimedException,
    ControllerDecisions,
    ErasureException,
    ExceptionFound,
    Pending,
    Reason,
    Request,
    RestrictionGround,
    Right,
    Undetermined,
)

__all__ = [
    "AbuseDecision",
    "AbuseKind",
    "AbuseResponse",
    "Action",
    "Applicability",
    "Assessment",
    "BreachDeadline",
    "Candidate",
    "CategoryAction",
    "CategoryOutcome",
    "ClaimedException",
    "ControllerDecisions",
    "Deadline",
    "ErasureException",
    "ExceptionFound",
    "IdentityPause",
    "InformationDeadline",
    "Pending",
    "Reason",
    "Request",
    "RestrictionGround",
    "Right",
    "Undetermined",
    "assess",
    "breach_deadline",
    "information_deadline",
    "local_date",
    "response_deadline",
]
