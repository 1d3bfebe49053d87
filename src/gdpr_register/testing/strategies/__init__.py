"""Hypothesis strategies for gdpr_register's public classes (needs the ``hypothesis`` extra).

Every strategy is sound: it never generates an invalid object. ``st.from_type(Notice)`` works
too once this package is installed (a ``hypothesis`` entry point registers the types).
"""

from gdpr_register.testing.strategies._history import (
    event_kinds,
    histories,
    history_events,
    subject_keys,
)
from gdpr_register.testing.strategies._model import (
    business_ids,
    channels,
    contact_points,
    controllers,
    country_codes,
    coverages,
    dates,
    dpo_statements,
    identifiers,
    month_days,
    partial_dates,
    parties,
    postal_addresses,
    section_references,
    supervisory_authorities,
    texts,
    waivers,
    ytunnus,
)
from gdpr_register.testing.strategies._register import (
    automated_decisions,
    data_categories,
    durations,
    notices,
    provisions,
    purposes,
    recipients,
    registers,
    request_procedures,
    retention_rules,
    security_measures,
    shared_statements,
    sources,
    special_conditions,
    stated_bases,
    stated_rights,
    subject_categories,
    subject_events,
    transfers,
    triggers,
)
from gdpr_register.testing.strategies._registry import register_type_strategies
from gdpr_register.testing.strategies._rights import (
    controller_decisions,
    identity_pauses,
    requests,
)

__all__ = [
    "automated_decisions",
    "business_ids",
    "channels",
    "contact_points",
    "controller_decisions",
    "controllers",
    "country_codes",
    "coverages",
    "data_categories",
    "dates",
    "dpo_statements",
    "durations",
    "event_kinds",
    "histories",
    "history_events",
    "identifiers",
    "identity_pauses",
    "month_days",
    "notices",
    "partial_dates",
    "parties",
    "postal_addresses",
    "provisions",
    "purposes",
    "recipients",
    "register_type_strategies",
    "registers",
    "request_procedures",
    "requests",
    "retention_rules",
    "section_references",
    "security_measures",
    "shared_statements",
    "sources",
    "special_conditions",
    "stated_bases",
    "stated_rights",
    "subject_categories",
    "subject_events",
    "subject_keys",
    "supervisory_authorities",
    "texts",
    "transfers",
    "triggers",
    "waivers",
    "ytunnus",
]

# Last: if importing hypothesis (above) ran our entry point while this package was half
# loaded, the registration it deferred happens now.
from gdpr_register.testing._hypothesis_plugin import finish_deferred

finish_deferred()
