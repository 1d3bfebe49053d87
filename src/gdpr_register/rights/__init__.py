"""Data-subject requests: which rights apply, what to do, and the exact deadline."""

from gdpr_register.rights._deadlines import (
    BreachDeadline,
    Deadline,
    IdentityPause,
    InformationDeadline,
    breach_deadline,
    information_deadline,
    response_deadline,
)

__all__ = [
    "BreachDeadline",
    "Deadline",
    "IdentityPause",
    "InformationDeadline",
    "breach_deadline",
    "information_deadline",
    "response_deadline",
]
