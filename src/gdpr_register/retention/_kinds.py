"""Well-known event kinds: the vocabulary a host application maps its own events onto."""

from __future__ import annotations

import enum

__all__ = ["EventKind"]


class EventKind(enum.StrEnum):
    """Event kinds the retention engine understands without the register naming them.

    A host application exports its events with these names (``invoice``, ``erasure_request``);
    contacts and other register-specific events keep the names the register's
    ``Trigger.events`` gives them (the seed counts ``service_contact`` and ``contact``).
    """

    COLLECTION = "collection"  # data first collected (trigger ``collection``, earliest)
    CONSENT_WITHDRAWN = "consent_withdrawn"  # Art. 7(3); ends consent-only data
    DIRECT_MARKETING_OBJECTION = "direct_marketing_objection"  # Art. 21(2)-(3)
    OBJECTION = "objection"  # Art. 21(1), counted by ``objection`` triggers
    ERASURE_REQUEST = "erasure_request"  # Art. 17(1)
    RELATIONSHIP_END = "relationship_end"
    CONTRACT_END = "contract_end"
    ACCOUNT_CLOSED = "account_closed"
    EMPLOYMENT_END = "employment_end"
    INVOICE = "invoice"  # accounting material (Accounting Act clocks)
    PAYMENT = "payment"
    VOUCHER = "voucher"
    ACCOUNTING_ENTRY = "accounting_entry"
