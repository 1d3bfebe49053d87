"""Handling requests: Art. 12(2), 12(3), 12(5), 12(6) and 15(3) as the notice states them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gdpr_register.model.enums import ChannelKind, RequestCharge, RightKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register, RequestProcedure
from gdpr_register.model.values import Duration
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import RegisterFacts, facts

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).

ART12 = "https://gdprhub.eu/index.php?title=Article_12_GDPR"


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_FEE = RequestCharge.FEE
_FREE_ONCE_A_YEAR = RequestCharge.FREE_ONCE_A_YEAR
_INFO = Severity.INFO
_IN_PERSON = ChannelKind.IN_PERSON
_LOW = Severity.LOW


def _procedures(
    f: RegisterFacts, rights: frozenset[RightKind] | None = None
) -> Iterator[tuple[str, RequestProcedure]]:
    """The register's request procedure and each right's own (of ``rights`` only, when
    given), with their document paths."""
    register = f.register
    if register.request_procedure is not None:
        yield f.path("request_procedure"), register.request_procedure
    for j, right in enumerate(register.rights):
        if right.procedure is not None and (rights is None or right.right in rights):
            yield f"{f.path('rights')}[{j}].procedure", right.procedure


@notice_rule(
    "ART12_2_BARRIER",
    title="Barriers to exercising rights",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(2), 12(6); EDPB Guidelines 01/2022 §73-79",
    message="Requests can only be made {barrier}",
    fix="Accept requests through the usual channels (e-mail, web form, post); ask for "
    "identification only with reasonable doubts and never demand an ID copy by default",
    what="A request procedure that demands a copy of an identity document, or accepts "
    "requests only in person, is a barrier.",
    why="Art. 12(2): the controller 'shall facilitate the exercise of data subject rights'; "
    "Art. 12(6) allows further identification only with reasonable doubts; EDPB 01/2022 "
    "§73-79 calls ID copies generally disproportionate (S).",
    example="`request_procedure: {identity_check: id-document}`.",
    enforces="Art. 12(2): 'The controller shall facilitate the exercise of data subject rights'; "
    "12(6): additional information to confirm identity only 'Where the controller has "
    "reasonable doubts concerning the identity'",
    sections=("request-procedure",),
    references=(ART12,),
)
def art12_2_barrier(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for register in notice.registers:
        f = facts(notice, register, ctx)
        if not f.procedures:
            continue
        for path, procedure in _procedures(f):
            if procedure.identity_check.value == "id-document":
                yield hit(path, register=register.id, barrier="with a copy of an identity document")
            kinds = {c.kind for c in procedure.channels}
            if kinds == {_IN_PERSON}:
                yield hit(path, register=register.id, barrier="in person")


# Rights whose requests Art. 12(3) times: those of Articles 15 to 22.
_ART15_22 = frozenset({
    RightKind.ACCESS, RightKind.RECTIFICATION, RightKind.ERASURE, RightKind.RESTRICTION,
    RightKind.PORTABILITY, RightKind.OBJECTION, RightKind.DIRECT_MARKETING_OBJECTION,
    RightKind.AUTOMATED_DECISIONS,
})
# Days a period surely exceeds one month by (the longest month has 31 days).
_DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7}


def _beyond_a_month(period: Duration) -> bool | None:
    """True: longer than one month on any reading; None: may be (29-31 days, or approximate);
    False: within a month."""
    unit, amount = str(period.unit), period.amount
    if unit == "years" or (unit == "months" and amount > 1):
        return True
    if unit == "months":
        return False
    days = amount * _DAYS.get(unit, 0)
    if days > 31:
        return None if period.approximate and days <= 35 else True
    return None if days > 28 else False


@rule(
    "ART12_3",
    title="A stated response time longer than Art. 12(3) allows",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(3)",
    message="The notice says requests are answered within {period}, longer than the one month "
    "Art. 12(3) allows",
    fix="Answer within one month of receipt; say that it may be extended by two further "
    "months only where necessary given the complexity and number of requests",
    variants={
        "may-exceed": (
            "The notice says requests are answered within {period}, which can be longer than "
            "one month after a short month",
            "State 'within one month' (Art. 12(3)) rather than a number of days",
        ),
    },
    enforces="Art. 12(3): 'The controller shall provide information on action taken on a "
    "request under Articles 15 to 22 to the data subject without undue delay and in any event "
    "within one month of receipt of the request. That period may be extended by two further "
    "months where necessary, taking into account the complexity and number of the requests'",
    sections=("request-procedure",),
    what="A stated time to answer requests under Articles 15-22 (`request_procedure."
    "response_time`) is at most one month: a period longer than a month on any reading "
    "(more than 31 days, 5 weeks, 2 months, a year) is medium, since the extension is "
    "for particular requests where necessary, never the rule; 29-31 days (longer than "
    "February) or an approximate period near a month is info.",
    why="Art. 12(3) sets one month from receipt as the limit and allows two further months "
    "only where necessary for the complexity and number of requests, with the reasons given "
    "within the first month; a notice that announces three months as the rule states "
    "handling contrary to it (issue 9).",
    example="`request_procedure: {response_time: {amount: 3, unit: months}}`.",
    references=(ART12,),
)
def art12_3(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.procedures:
        return ()
    hits: list[Hit] = []
    for path, procedure in _procedures(f, _ART15_22):
        period = procedure.response_time
        if period is None:
            continue
        beyond = _beyond_a_month(period)
        if beyond:
            hits.append(hit(path, problem="too-long", period=str(period)))
        elif beyond is None:
            hits.append(hit(path, problem="may-exceed", period=str(period), severity=_INFO))
    return hits


@rule(
    "ART12_5",
    title="Requests and copies are free of charge",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(5), 15(3)",
    message="The notice charges a fee for the first copy of the data (or for any request)",
    fix="Answer requests and give the first copy free of charge; a reasonable fee only for "
    "further copies (15(3)) or for manifestly unfounded or excessive requests (12(5)(a))",
    variants={
        "once-a-year": (
            "The notice gives access free of charge only once a year",
            "Give access free of charge; a fee only where a request is manifestly unfounded "
            "or excessive (12(5)), shown case by case",
        ),
    },
    enforces="Art. 12(5): communications and actions under Articles 15 to 22 'shall be provided "
    "free of charge', a fee only where 'requests from a data subject are manifestly unfounded "
    "or excessive'; Art. 15(3): 'For any further copies requested by the data subject, the "
    "controller may charge a reasonable fee'",
    sections=("request-procedure",),
    what="A stated charge (`request_procedure.charge`) of `fee` (a fee for the first copy or "
    "for any request) is medium; `free-once-a-year` (a fee from the second request in a year) "
    "is low, since a repeated request is excessive only when shown to be so. Free, a fee for "
    "further copies and a fee for excessive requests are what the law allows.",
    why="Art. 12(5) makes the rights free of charge and puts on the controller the burden of "
    "demonstrating that a request is manifestly unfounded or excessive; Art. 15(3) allows a "
    "fee only for further copies (issue 9; catalogue §6 ART12_5_FREE, ART15_3_FEE).",
    example="`request_procedure: {charge: fee}`; `request_procedure: {charge: free-once-a-year}`.",
    references=(ART12, "https://gdprhub.eu/index.php?title=Article_15_GDPR"),
)
def art12_5(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.procedures:
        return ()
    hits: list[Hit] = []
    for path, procedure in _procedures(f, _ART15_22):
        charge = procedure.charge
        if charge is _FEE:
            hits.append(hit(path, problem="fee"))
        elif charge is _FREE_ONCE_A_YEAR:
            hits.append(hit(path, problem="once-a-year", severity=_LOW))
    return hits
