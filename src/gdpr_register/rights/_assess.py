"""Which rights apply to a request, from the register's stated bases (rule catalogue §2.4, §6).

Each purpose is assessed with the Art. 6(1) points mapped to it; a purpose with none mapped
rests on one or more of the register's pooled bases, unknown which, and where the answer
depends on which, it is ``undetermined`` (see :mod:`gdpr_register.rights._scope`). A stated
basis without an article ("other appropriate connection") cannot support processing and is
reported as such. Data categories follow the purposes that use them. Anything only the
controller can decide (compelling grounds, whether data are still necessary, an abusive
request, the bases of a pooled purpose) is an explicit input, never inferred. One module per
right: ``_access``, ``_erasure`` (with ``_holds``), ``_restriction``, ``_portability``,
``_objection``, ``_consent``, ``_automated``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from gdpr_register._dates import add_months
from gdpr_register.law.calendars import MEMBER_STATE_ZONES
from gdpr_register.model.enums import RecipientRole
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Recipient, Register
from gdpr_register.rights._access import access, rectification
from gdpr_register.rights._automated import automated
from gdpr_register.rights._consent import withdraw
from gdpr_register.rights._deadlines import response_deadline
from gdpr_register.rights._erasure import erasure
from gdpr_register.rights._holds import ENDED, plan_holds
from gdpr_register.rights._model import (
    AbuseDecision,
    AbuseResponse,
    Action,
    Applicability,
    Assessment,
    CategoryAction,
    ControllerDecisions,
    Request,
    Right,
)
from gdpr_register.rights._objection import dm_objection, objection
from gdpr_register.rights._portability import portability
from gdpr_register.rights._restriction import restriction
from gdpr_register.rights._scope import (
    Work,
    check_scope,
    purpose_views,
    scope_categories,
    unmapped_notes,
    verdict,
)

if TYPE_CHECKING:
    from gdpr_register.retention import SubjectHistory

__all__ = ["assess"]

_ART19_RIGHTS = frozenset({Right.RECTIFICATION, Right.ERASURE, Right.RESTRICTION})


def _abuse(
    work: Work, request: Request, decision: AbuseDecision | None, received: date
) -> AbuseDecision | None:
    if decision is None:
        return None
    if decision.relies_on_repetition:
        year_before = add_months(received, -12)
        recent = [d for d in request.previous_requests if year_before <= d < received]
        if len(recent) < 2:
            work.reason(
                "EDPB_175_195",
                "Art. 12(5)",
                None,
                f"decision not accepted: {len(recent)} earlier request(s) in the year before "
                "receipt; a repeat within a year is not excessive by itself (EDPB Guidelines "
                "01/2022 §185)",
            )
            return None
    work.reason(
        "ART12_5_ABUSE",
        "Art. 12(5)",
        None,
        f"controller decision: {decision.kind.value} ({decision.reason}); response: "
        f"{decision.response.value}; the controller bears the burden of demonstrating it",
    )
    return decision


def _recipients(
    register: Register, affected: Iterable[str] | None, on: date
) -> tuple[Recipient, ...]:
    """Active recipients of ``affected`` categories (None: of any data)."""
    wanted = None if affected is None else set(affected)
    return tuple(
        r
        for r in register.recipients
        if r.active_on(on)
        and (wanted is None or not r.categories or wanted & set(r.categories))
    )


def _erasure_recipients(
    work: Work, register: Register, on: date
) -> tuple[Recipient, ...]:
    """Art. 19 after erasure: recipients of the erased categories only.

    Data kept under an Art. 17(3) exception are not erased, so whoever receives them for
    that obligation (the tax authority) is sent no erasure notice; an authority that names
    no categories is presumed to receive what the law makes it receive and is left out,
    with a note.
    """
    if not register.data_categories:
        return _recipients(register, None, on)
    erased = [c.category for c in work.categories if c.action is CategoryAction.ERASE]
    if not erased:
        return ()
    excepted = any(c.action is CategoryAction.EXCEPTED for c in work.categories)
    chosen = []
    for r in _recipients(register, erased, on):
        if excepted and r.role is RecipientRole.AUTHORITY and not r.categories:
            work.reason(
                "ART19", "Art. 19", None,
                f"recipient {r.id} is an authority naming no data categories: the data kept "
                "for a legal obligation (Art. 17(3)(b)) are given to it under that "
                "obligation, so no erasure notice; notify it if it received erased data",
            )
            continue
        chosen.append(r)
    return tuple(chosen)


def _country(notice: Notice | None, country: str | None, work: Work) -> str:
    if country is not None:
        return country
    state = notice.controller.member_state if notice is not None else None
    if state is None:
        return "FI"
    if state.upper() not in MEMBER_STATE_ZONES:
        work.reason(
            "PER_2_1",
            "Reg. 1182/71 Art. 2(1)",
            None,
            f"the controller's country {state} is no EU/EEA Member State; deadlines counted "
            "with FI public holidays (pass country= to choose)",
        )
        return "FI"
    return state.upper()


def assess(
    request: Request,
    register: Register,
    *,
    notice: Notice | None = None,
    as_of: date | None = None,
    history: SubjectHistory | None = None,
    controller_decisions: ControllerDecisions | None = None,
    country: str | None = None,
    fi_eves_are_holidays: bool = False,
) -> Assessment:
    """Assess ``request`` against ``register``: whether the right applies, and what to do.

    ``notice``: the notice the register belongs to; its controller's Member State sets the
    holidays (default FI; ``country`` overrides). ``as_of``: the day whose recipients and
    retention plan count (default: the day of receipt). ``history``: the subject's
    :class:`~gdpr_register.retention.SubjectHistory`, to date statutory holds for erasure.
    ``controller_decisions``: answers only the controller can give (see
    :class:`ControllerDecisions`); unanswered questions are listed in ``pending``.
    Raises :class:`~gdpr_register.errors.InputError` when the request names purposes or
    categories the register does not have.
    """
    decisions = controller_decisions or ControllerDecisions()
    check_scope(register, request, decisions)
    work = Work()
    code = _country(notice, country, work)
    deadline = response_deadline(
        request.received,
        country=code,
        fi_eves_are_holidays=fi_eves_are_holidays,
        pause=decisions.identity_pause,
    )
    day = as_of or deadline.received
    purposes = purpose_views(register, request, decisions)
    categories = scope_categories(register, request)
    unmapped_notes(work, register, purposes)
    right = request.right
    flags: list[bool | None]
    if right is Right.ACCESS:
        flags = access(work, purposes, categories)
    elif right is Right.RECTIFICATION:
        flags = rectification(work, categories)
    elif right is Right.ERASURE:
        holds = plan_holds(work, register, history, day, notice)
        if holds is not None and ENDED in holds and decisions.still_necessary is None:
            # The controller's own retention rules answer the question for this subject.
            decisions = attrs.evolve(decisions, still_necessary=False)
            work.reason(
                "ART5_1_e",
                "Art. 17(1)(a)",
                None,
                "the retention plan shows every retention period has ended for this subject: "
                "the data are no longer necessary",
            )
        flags = erasure(work, register, purposes, categories, decisions, holds, day)
    elif right is Right.RESTRICTION:
        flags = restriction(work, purposes, categories, request.restriction_ground, decisions)
    elif right is Right.PORTABILITY:
        flags = portability(work, register, purposes, categories)
    elif right is Right.OBJECTION:
        flags = objection(work, purposes, decisions)
    elif right is Right.DIRECT_MARKETING_OBJECTION:
        flags = dm_objection(work, purposes)
    elif right is Right.WITHDRAW_CONSENT:
        flags = withdraw(work, purposes)
    else:
        flags = automated(work, register, purposes)
    if not flags:
        work.reason(
            "ART12_2",
            right.article,
            False,
            "the request's scope covers no purpose of this register",
        )
    applies = verdict(flags)
    abuse = _abuse(work, request, decisions.abuse, deadline.received)

    notify: tuple[Recipient, ...] = ()
    if right in _ART19_RIGHTS and applies is not Applicability.NO:
        notify = (
            _erasure_recipients(work, register, day)
            if right is Right.ERASURE
            else _recipients(register, categories or None, day)
        )
        if notify:
            work.actions.append(
                Action(
                    rule="ART19",
                    article="Art. 19",
                    message="communicate the "
                    + {"rectification": "rectification", "erasure": "erasure",
                       "restriction": "restriction"}[right.value]
                    + " to each recipient (unless impossible or disproportionate) and tell the "
                    "subject who they are on request: " + ", ".join(r.id for r in notify),
                )
            )
    work.actions.insert(
        0,
        Action(
            rule="ART12_3_BASE",
            article="Art. 12(3)",
            message="act on the request, or inform the subject of the action taken, without "
            f"undue delay; extendable to {deadline.extended_deadline} if notified with reasons "
            f"by {deadline.extension_notice_by}",
            by=deadline.deadline,
        ),
    )
    if right is Right.RESTRICTION and applies is not Applicability.NO:
        work.actions.append(Action(
            rule="ART18_3", article="Art. 18(3)",
            message="inform the data subject before a restriction is lifted",
        ))
    if applies is not Applicability.YES or (abuse and abuse.response is AbuseResponse.REFUSE):
        work.actions.append(
            Action(
                rule="ART12_4",
                article="Art. 12(4)",
                message="where the controller does not act (fully), inform the subject of the "
                "reasons and of the right to complain to a supervisory authority and to a "
                "judicial remedy",
                by=deadline.refusal_notice_by,
            )
        )
    if abuse is not None and abuse.response is AbuseResponse.FEE:
        work.actions.append(
            Action(
                rule="EDPB_175_195",
                article="Art. 12(5)(a)",
                message="announce the reasonable fee before acting, so the subject can "
                "withdraw the request",
                by=deadline.deadline,
            )
        )
    return Assessment(
        request=request,
        register=register.id,
        applies=applies,
        reasons=tuple(work.reasons),
        exceptions=tuple(work.exceptions),
        notify_recipients=notify,
        deadline=deadline,
        categories=tuple(work.categories),
        pending=tuple(work.pending.values()),
        actions=tuple(work.actions),
        abuse=abuse,
        as_of=day,
        undetermined=tuple(work.undetermined),
    )

