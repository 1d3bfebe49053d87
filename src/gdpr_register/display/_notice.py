"""Cards for a notice and its registers: who, what for on which basis, to whom, where, how long.

``as_of`` dates the transfer column (valid or not under Chapter V on that day). The notebook
display methods pass None, which means today's date on the machine's clock: the one place
below the command line that reads it, because a person looking at a notice asks about today.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gdpr_register.display._doc import Card, Fields, Table, fields, table

if TYPE_CHECKING:
    from gdpr_register.model import Notice, Register, StatedBasis

__all__ = ["notice_card", "notice_repr", "register_card", "register_repr"]


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 register``, ``2 registers``."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def notice_repr(notice: Notice) -> str:
    purposes = sum(len(r.purposes) for r in notice.registers)
    transfers = sum(len(r.transfers) for r in notice.registers)
    return (f"<Notice {notice.id!r}: {count(len(notice.registers), 'register')}, "
            f"{count(purposes, 'purpose')}, {count(transfers, 'transfer')}, "
            f"{count(len(notice.waivers), 'waiver')}>")


def register_repr(register: Register) -> str:
    return (f"<Register {register.id!r}: {count(len(register.purposes), 'purpose')}, "
            f"{count(len(register.data_categories), 'data category', 'data categories')}, "
            f"{count(len(register.recipients), 'recipient')}, "
            f"{count(len(register.transfers), 'transfer')}>")


def _basis(basis: StatedBasis) -> str:
    article = f"Art. {basis.article.value}" if basis.article is not None else "article not stated"
    return f"{article} ({basis.text})" if basis.text else article


def _transfer_status(register: Register, index: int, day: date) -> str:
    from gdpr_register.rules._engine import Options
    from gdpr_register.rules.catalogue._chapter5 import is_export, judge

    transfer = register.transfers[index]
    if not is_export(transfer, day):
        return f"no third-country transfer on {day}"
    recipient = next((r for r in register.recipients if r.id == transfer.recipient), None)
    judgement = judge(transfer, recipient, day, Options())
    if judgement.lawful is None:
        return f"undetermined on {day} ({judgement.verdict.reason})"
    word = "valid" if judgement.lawful else "invalid"
    if judgement.lawful:
        return f"valid on {day}"
    since = f" since {judgement.verdict.since}" if judgement.verdict.since else ""
    reason = f" ({judgement.verdict.reason}{since})"
    return f"{word} on {day}{reason}"


def _register_blocks(register: Register, day: date) -> tuple[Table, ...]:
    purposes = table(
        "Purposes x bases", ("purpose", "id", "bases"),
        ((p.name, p.id, "; ".join(_basis(b) for b in p.bases) or
          ("the register's pooled bases" if register.pooled_bases else "not stated"))
         for p in register.purposes),
    )
    pooled = table("Pooled bases (not mapped to purposes)", ("basis",),
                   ((_basis(b),) for b in register.pooled_bases))
    categories = table(
        "Data categories", ("category", "id", "special"),
        ((c.name, c.id, c.special.value if c.special else "") for c in register.data_categories),
    )
    recipients = table(
        "Recipients", ("recipient", "role", "country"),
        ((r.name, r.role.value, r.country) for r in register.recipients),
    )
    transfers = table(
        "Transfers", ("recipient", "country", "mechanism", "status"),
        ((t.recipient, t.country, t.mechanism.value, _transfer_status(register, i, day))
         for i, t in enumerate(register.transfers)),
    )
    retention = table(
        "Retention", ("rule", "kind", "period", "categories"),
        ((r.text, r.kind.value, r.period, r.categories or "all") for r in register.retention),
    )
    rights = table(
        "Rights as stated", ("right", "status"),
        ((r.right.value, r.status.value) for r in register.rights),
    )
    blocks = (purposes, pooled) if register.pooled_bases else (purposes,)
    return (*blocks, categories, recipients, transfers, retention, rights)


def register_card(register: Register, *, as_of: date | None = None) -> Card:
    """One register: its purposes and bases, data categories, recipients, transfers (each
    judged valid or not under Chapter V on ``as_of``, default today), retention and rights."""
    day = as_of or date.today()
    return Card(
        title=f"Register {register.name or register.id}",
        subtitle=f"id {register.id}; transfers judged on {day}",
        blocks=_register_blocks(register, day),
    )


def notice_card(notice: Notice, *, as_of: date | None = None) -> Card:
    """The notice: controller and dates, then each register's tables."""
    day = as_of or date.today()
    c = notice.controller
    head = fields(
        ("controller", c.name),
        ("business id", c.business_id.value if c.business_id else None),
        ("country", c.country),
        ("email", c.email),
        ("DPO", c.dpo.status.value),
        ("updated", notice.updated),
        ("version", notice.version),
        ("kind", notice.kind.value),
        ("language", notice.language),
        ("registers", len(notice.registers)),
        ("waivers", len(notice.waivers)),
    )
    blocks: list[Fields | Table] = [head]
    for register in notice.registers:
        blocks.append(fields(("register", f"{register.name or register.id} ({register.id})")))
        blocks.extend(_register_blocks(register, day))
    return Card(
        title=f"Notice {notice.title or notice.id}",
        subtitle=f"id {notice.id}; transfers judged on {day}",
        blocks=tuple(blocks),
    )

