"""Which rights apply to a request, from the register's stated bases (rule catalogue §2.4, §6).

Each purpose is assessed with the Art. 6(1) points stated for it (its own plus the pooled
ones, :meth:`Register.bases_for`); a stated basis without an article ("other appropriate
connection") cannot support processing and is reported as such. Data categories follow the
purposes that use them. Anything only the controller can decide (compelling grounds, whether
data are still necessary, an abusive request) is an explicit input, never inferred.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from gdpr_register._dates import add_months
from gdpr_register.law.calendars import MEMBER_STATE_ZONES
from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    RetentionKind,
    SourceKind,
    SpecialCategoryCondition,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Recipient, Register
from gdpr_register.rights._deadlines import response_deadline
from gdpr_register.rights._model import (
    AbuseDecision,
    AbuseResponse,
    Action,
    Applicability,
    Assessment,
    CategoryAction,
    CategoryOutcome,
    ControllerDecisions,
    ExceptionFound,
    Pending,
    Reason,
    Request,
    RestrictionGround,
    Right,
)

if TYPE_CHECKING:
    from gdpr_register.retention import SubjectHistory

__all__ = ["assess"]

_A = LawfulBasis
_WHOLE = "*"  # the pseudo-purpose of a register that lists no purposes
_ENDED = "*ended*"  # marker in plan holds: every category's retention period has ended
_DM_KINDS = frozenset({PurposeKind.DIRECT_MARKETING})
_ART19_RIGHTS = frozenset({Right.RECTIFICATION, Right.ERASURE, Right.RESTRICTION})


def _art(basis: LawfulBasis) -> str:
    return f"Art. {basis.value}"


@attrs.frozen
class _Purpose:
    id: str
    name: str
    articles: frozenset[LawfulBasis]
    unmapped: tuple[str, ...]
    categories: tuple[str, ...]
    direct_marketing: bool
    explicit_consent: bool
    public_health: bool


def _purposes(register: Register, request: Request) -> list[_Purpose]:
    all_categories = tuple(c.id for c in register.data_categories)
    views = []
    items: Iterable[Any] = register.purposes
    if not register.purposes:
        views.append(
            _Purpose(
                id=_WHOLE,
                name="the register as a whole (no purposes listed)",
                articles=frozenset(b.article for b in register.pooled_bases if b.article),
                unmapped=tuple(b.text or "" for b in register.pooled_bases if b.article is None),
                categories=all_categories,
                direct_marketing=False,
                explicit_consent=False,
                public_health=False,
            )
        )
        items = ()
    for purpose in items:
        bases = register.bases_for(purpose)
        conditions = {c.article for c in purpose.special_conditions}
        views.append(
            _Purpose(
                id=purpose.id,
                name=purpose.name,
                articles=frozenset(b.article for b in bases if b.article is not None),
                unmapped=tuple(b.text or "" for b in bases if b.article is None),
                categories=purpose.categories or all_categories,
                direct_marketing=bool(_DM_KINDS & set(purpose.kinds)),
                explicit_consent=SpecialCategoryCondition.EXPLICIT_CONSENT in conditions,
                public_health=bool(
                    conditions
                    & {
                        SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE,
                        SpecialCategoryCondition.PUBLIC_HEALTH,
                    }
                ),
            )
        )
    if request.purposes:
        wanted = set(request.purposes)
        views = [v for v in views if v.id in wanted]
    return views


def _scope_categories(register: Register, request: Request) -> list[str]:
    ids = [c.id for c in register.data_categories]
    if request.categories:
        wanted = set(request.categories)
        ids = [c for c in ids if c in wanted]
    return ids


def _check_scope(register: Register, request: Request) -> None:
    from gdpr_register.errors import InputError, Problem

    problems = []
    purposes = {p.id for p in register.purposes}
    categories = {c.id for c in register.data_categories}
    for index, pid in enumerate(request.purposes):
        if pid not in purposes:
            problems.append(
                Problem(location=f"request.purposes[{index}]", message=f"unknown purpose {pid!r}")
            )
    for index, cid in enumerate(request.categories):
        if cid not in categories:
            problems.append(
                Problem(
                    location=f"request.categories[{index}]", message=f"unknown category {cid!r}"
                )
            )
    if problems:
        raise InputError(problems)


class _Work:
    """Accumulates the assessment's parts."""

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.exceptions: list[ExceptionFound] = []
        self.pending: dict[str, Pending] = {}
        self.actions: list[Action] = []
        self.categories: list[CategoryOutcome] = []

    def reason(
        self,
        rule: str,
        article: str,
        applies: bool | None,
        message: str,
        purpose: str | None = None,
        categories: Iterable[str] = (),
    ) -> None:
        self.reasons.append(
            Reason(
                rule=rule,
                article=article,
                applies=applies,
                message=message,
                purpose=purpose,
                categories=tuple(categories),
            )
        )

    def ask(self, decision: str, article: str, message: str) -> None:
        self.pending.setdefault(
            decision, Pending(decision=decision, article=article, message=message)
        )


def _unmapped_notes(work: _Work, register: Register, purposes: list[_Purpose]) -> None:
    pooled = [b.text or "" for b in register.pooled_bases if b.article is None]
    for text in pooled:
        work.reason(
            "ART6_1",
            "Art. 6(1)",
            None,
            f"pooled basis {text!r} is no Art. 6(1) lawful basis and cannot support "
            "processing; it is ignored",
        )
    for p in purposes:
        if p.id == _WHOLE:
            continue
        for text in p.unmapped[: len(p.unmapped) - len(pooled)]:
            work.reason(
                "ART6_1",
                "Art. 6(1)",
                None,
                f"stated basis {text!r} is no Art. 6(1) lawful basis and cannot support "
                "processing; it is ignored",
                purpose=p.id,
            )


def _verdict(flags: list[bool]) -> Applicability:
    if flags and all(flags):
        return Applicability.YES
    if not any(flags):
        return Applicability.NO
    return Applicability.PARTLY


def _pid(p: _Purpose) -> str | None:
    return None if p.id == _WHOLE else p.id


# -- per right ---------------------------------------------------------------------------


def _access(work: _Work, purposes: list[_Purpose], categories: list[str]) -> list[bool]:
    work.reason(
        "ART15_1",
        "Art. 15(1)",
        True,
        "access applies under every lawful basis: confirmation, a copy of the data and the "
        "information in Art. 15(1)(a)-(h)",
        categories=categories,
    )
    work.reason(
        "ART15_3_FEE",
        "Art. 15(3)",
        None,
        "the first copy is free; only further copies may cost a reasonable fee",
    )
    work.reason(
        "ART15_4", "Art. 15(4)", None, "the copy must not adversely affect others' rights"
    )
    return [True]


def _rectification(work: _Work, categories: list[str]) -> list[bool]:
    work.reason(
        "ART16",
        "Art. 16",
        True,
        "rectification (and completion) applies under every lawful basis, without undue delay",
        categories=categories,
    )
    return [True]


def _erasure_purpose(
    work: _Work, p: _Purpose, decisions: ControllerDecisions
) -> tuple[bool, list[str], set[LawfulBasis]]:
    """(erasable for this purpose, grounds, bases that still support processing)."""
    grounds: list[str] = []
    supports: set[LawfulBasis] = set()
    pid = _pid(p)
    if not p.articles:
        work.reason(
            "ART17_1_d",
            "Art. 17(1)(d)",
            True,
            "no Art. 6(1) basis is stated for this purpose: on the record the processing has "
            "no lawful basis",
            purpose=pid,
            categories=p.categories,
        )
        return True, ["Art. 17(1)(d)"], supports
    for basis in sorted(p.articles):
        if basis is _A.CONSENT:
            grounds.append("Art. 17(1)(b)")
            work.reason(
                "ART17_1_b",
                "Art. 17(1)(b)",
                True,
                "consent: the erasure request withdraws it (Art. 7(3)); erasure follows where "
                "no other basis remains",
                purpose=pid,
            )
        elif basis in (_A.CONTRACT, _A.VITAL_INTERESTS):
            if decisions.still_necessary:
                supports.add(basis)
                work.reason(
                    "ART17_1_a",
                    "Art. 17(1)(a)",
                    False,
                    f"{_art(basis)}: the controller states the data are still necessary",
                    purpose=pid,
                )
            else:
                grounds.append("Art. 17(1)(a)")
                if decisions.still_necessary is None:
                    work.ask(
                        "still_necessary",
                        "Art. 17(1)(a)",
                        "are the data still necessary for the contract (or vital interests)? "
                        "If so, erasure does not apply to those purposes",
                    )
                work.reason(
                    "ART17_1_a",
                    "Art. 17(1)(a)",
                    True,
                    f"{_art(basis)}: erasure applies once the data are no longer necessary"
                    + (" (not answered: assumed)" if decisions.still_necessary is None else ""),
                    purpose=pid,
                )
        elif basis in (_A.LEGAL_OBLIGATION, _A.PUBLIC_TASK):
            supports.add(basis)
            work.reason(
                "ART17_3_b",
                "Art. 17(3)(b)",
                False,
                f"{_art(basis)}: processing needed for a legal obligation or public task is "
                "excepted from erasure",
                purpose=pid,
                categories=p.categories,
            )
        elif basis is _A.LEGITIMATE_INTERESTS:
            if p.direct_marketing:
                grounds.append("Art. 17(1)(c)")
                work.reason(
                    "ART21_3",
                    "Art. 17(1)(c)",
                    True,
                    "direct marketing on legitimate interests: the request is an objection "
                    "under Art. 21(2), which is absolute (Art. 21(3))",
                    purpose=pid,
                )
            elif decisions.compelling_grounds:
                supports.add(basis)
                work.reason(
                    "ART21_1",
                    "Art. 21(1)",
                    False,
                    "legitimate interests: the controller demonstrates compelling grounds: "
                    f"{decisions.compelling_grounds_reason}",
                    purpose=pid,
                )
            else:
                grounds.append("Art. 17(1)(c)")
                if decisions.compelling_grounds is None:
                    work.ask(
                        "compelling_grounds",
                        "Art. 21(1)",
                        "can the controller demonstrate compelling legitimate grounds that "
                        "override the subject's interests, or legal claims?",
                    )
                work.reason(
                    "ART17_1_c",
                    "Art. 17(1)(c)",
                    True,
                    "legitimate interests: erasure follows an objection unless the controller "
                    "demonstrates compelling grounds",
                    purpose=pid,
                )
    return not supports, grounds, supports


def _statutory_holds(register: Register) -> dict[str, str]:
    """Categories under a statutory retention duty (Art. 17(3)(b)), with the why."""
    held: dict[str, str] = {}
    for category in register.data_categories:
        if category.material:
            held[category.id] = "holds statutory records (" + ", ".join(category.material) + ")"
    for rule in register.retention:
        if rule.kind is RetentionKind.STATUTORY_HOLD:
            for cid in rule.categories:
                held.setdefault(cid, f"statutory hold: {rule.statute or rule.law or rule.text}")
    return held


def _erasure(
    work: _Work,
    register: Register,
    purposes: list[_Purpose],
    categories: list[str],
    decisions: ControllerDecisions,
    plan_holds: dict[str, _Held] | None,
    as_of: date,
) -> list[bool]:
    per_purpose: dict[str, tuple[bool, list[str], set[LawfulBasis]]] = {}
    for p in purposes:
        per_purpose[p.id] = _erasure_purpose(work, p, decisions)
    if any(
        r.kind is RetentionKind.STATUTORY_HOLD and not r.categories and r.statute is None
        for r in register.retention
    ):
        work.reason(
            "FI_DPO_4359",
            "Art. 17(3)(b)",
            None,
            "the register's statutory hold names no data categories and no statute: only "
            "categories holding statutory material can be withheld on it",
        )
    held = _statutory_holds(register)
    claimed = decisions.exceptions
    flags: list[bool] = []
    for cid in categories:
        users = [p for p in purposes if cid in p.categories]
        keepers = [p for p in users if per_purpose[p.id][2] - {_A.LEGAL_OBLIGATION, _A.PUBLIC_TASK}]
        holders = [p for p in users if per_purpose[p.id][2] and p not in keepers]
        # (article, until, why, source)
        exceptions: list[tuple[str, date | None, str, str]] = []
        planned = None if plan_holds is None else plan_holds.get(cid)
        if planned is not None and planned.until is not None and planned.until < as_of:
            work.reason(
                "ART17_3_b",
                "Art. 17(3)(b)",
                True,
                f"category {cid}: the statutory hold ended on {planned.until}",
                categories=[cid],
            )
        elif planned is not None:
            exceptions.append(
                ("Art. 17(3)(b)", planned.until, planned.message, "retention plan")
            )
        elif cid in held:
            exceptions.append(("Art. 17(3)(b)", None, held[cid], "register"))
        for p in holders:
            exceptions.append(
                ("Art. 17(3)(b)", None, f"purpose {p.id} ({p.name})", "register")
            )
        for p in users:
            if p.public_health and p not in keepers:
                exceptions.append(
                    ("Art. 17(3)(c)", None, f"purpose {p.id}: Art. 9(2)(h)/(i)", "register")
                )
        for exc in claimed:
            if not exc.categories or cid in exc.categories:
                exceptions.append(
                    (f"Art. {exc.article.value}", exc.until, exc.reason, "controller")
                )
        if keepers:
            bases = sorted({b for p in keepers for b in per_purpose[p.id][2]})
            stop = sorted(p.id for p in users if per_purpose[p.id][0])
            message = "still processed on " + ", ".join(_art(b) for b in bases)
            if stop:
                message += "; stop processing it for " + ", ".join(stop)
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.KEEP,
                    articles=("Art. 17(1)",),
                    purposes=tuple(p.id for p in keepers),
                    message=message,
                )
            )
            work.reason(
                "ART17_1",
                "Art. 17(1)",
                False,
                f"category {cid}: {message}",
                categories=[cid],
            )
            flags.append(False)
        elif exceptions:
            dated = [u for _, u, _, _ in exceptions if u is not None]
            until = max(dated) if dated and len(dated) == len(exceptions) else None
            articles = tuple(sorted({a for a, _, _, _ in exceptions}))
            why = "; ".join(m for _, _, m, _ in exceptions)
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.RESTRICT,
                    articles=articles,
                    until=until,
                    purposes=tuple(p.id for p in holders),
                    message=f"kept but restricted to storage (Art. 18(2)): {why}",
                )
            )
            for article, exc_until, why_one, source in exceptions:
                work.exceptions.append(
                    ExceptionFound(
                        rule="ART" + article.removeprefix("Art. ").replace("(", "_").replace(
                            ")", ""
                        ),
                        article=article,
                        message=why_one,
                        categories=(cid,),
                        until=exc_until,
                        source=source,
                    )
                )
            work.reason(
                "ART17_3",
                articles[0],
                False,
                f"category {cid}: erasure excepted ({', '.join(articles)}); restrict instead"
                + (f" until {until}" if until else ""),
                categories=[cid],
            )
            flags.append(False)
        else:
            grounds = sorted({g for p in users for g in per_purpose[p.id][1]}) or [
                "Art. 17(1)(a)"
            ]
            message = (
                "erase" if users else "no stated purpose uses this category: no longer necessary"
            )
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.ERASE,
                    articles=tuple(grounds),
                    purposes=tuple(p.id for p in users),
                    message=message,
                )
            )
            if not users:
                work.reason("ART17_1_a", "Art. 17(1)(a)", True, message, categories=[cid])
            flags.append(True)
    if not categories:
        flags = [per_purpose[p.id][0] for p in purposes]
    if any(c.action is CategoryAction.RESTRICT for c in work.categories):
        work.actions.append(
            Action(
                rule="ART18_3",
                article="Art. 18(3)",
                message="inform the data subject before a restriction is lifted",
            )
        )
    return flags


def _restriction(
    work: _Work,
    purposes: list[_Purpose],
    categories: list[str],
    ground: RestrictionGround | None,
    decisions: ControllerDecisions,
) -> list[bool]:
    flags = []
    if ground is None:
        work.ask(
            "restriction_ground",
            "Art. 18(1)",
            "which Art. 18(1)(a)-(d) ground does the data subject invoke? (set "
            "Request.restriction_ground); until then restriction is assessed as available",
        )
        work.reason(
            "ART18_1",
            "Art. 18(1)",
            True,
            "restriction is available under every lawful basis when one of the grounds in "
            "Art. 18(1)(a)-(d) holds",
            categories=categories,
        )
        return [True]
    article = f"Art. {ground.value}"
    for p in purposes:
        pid = _pid(p)
        if ground is RestrictionGround.ACCURACY_CONTESTED:
            ok, message = True, "accuracy contested: restrict while the controller verifies it"
        elif ground is RestrictionGround.UNLAWFUL_ERASURE_OPPOSED:
            ok = not p.articles
            message = (
                "no Art. 6(1) basis is stated: processing is unlawful on the record"
                if ok
                else "a lawful basis is stated; restriction on this ground needs the processing "
                "to be unlawful"
            )
        elif ground is RestrictionGround.NEEDED_FOR_LEGAL_CLAIMS:
            ok = not decisions.still_necessary
            if decisions.still_necessary is None:
                work.ask(
                    "still_necessary",
                    "Art. 18(1)(c)",
                    "does the controller still need the data for the purposes?",
                )
            message = (
                "the controller still needs the data for its purposes"
                if not ok
                else "the controller no longer needs the data; the subject needs them for "
                "legal claims"
            )
        else:  # OBJECTION_PENDING
            ok = bool(p.articles & {_A.PUBLIC_TASK, _A.LEGITIMATE_INTERESTS})
            message = (
                "an Art. 21(1) objection is pending verification of the controller's grounds"
                if ok
                else "no Art. 6(1)(e) or (f) basis: no Art. 21(1) objection to verify"
            )
        work.reason(f"ART18_1_{ground.value[-2]}", article, ok, message, purpose=pid,
                    categories=p.categories)
        flags.append(ok)
    return flags


def _portability(
    work: _Work,
    register: Register,
    purposes: list[_Purpose],
    categories: list[str],
) -> list[bool]:
    provided: set[str] = set()
    for source in register.sources:
        if source.kind is SourceKind.DATA_SUBJECT:
            provided.update(source.categories or (c.id for c in register.data_categories))
    automated = register.automated_processing
    if automated is False:
        work.reason(
            "ART20_1_b",
            "Art. 20(1)(b)",
            False,
            "the register states the processing is not carried out by automated means",
        )
        return [False]
    if automated is None:
        work.ask(
            "automated_processing",
            "Art. 20(1)(b)",
            "the register does not state whether processing is automated; portability is "
            "assessed as if it is (set Register.automated_processing)",
        )
    eligible: dict[str, list[str]] = {}
    flags = []
    for p in purposes:
        pid = _pid(p)
        if _A.CONSENT in p.articles or p.explicit_consent:
            basis = "Art. 6(1)(a)" if _A.CONSENT in p.articles else "Art. 9(2)(a)"
        elif _A.CONTRACT in p.articles:
            basis = "Art. 6(1)(b)"
        else:
            basis = ""
        if not basis:
            if p.articles == {_A.PUBLIC_TASK}:
                work.reason("ART20_3", "Art. 20(3)", False,
                            "processing for a public task: portability does not apply",
                            purpose=pid)
            else:
                shown = ", ".join(_art(a) for a in sorted(p.articles)) or "no lawful basis"
                work.reason("ART20_1_a", "Art. 20(1)(a)", False,
                            f"basis {shown}: portability needs consent or contract",
                            purpose=pid)
            flags.append(False)
            continue
        mine = [c for c in p.categories if c in provided and c in categories]
        if not mine:
            work.reason("ART20_1", "Art. 20(1)", False,
                        "none of this purpose's categories is provided by the data subject",
                        purpose=pid)
            flags.append(False)
            continue
        work.reason("ART20_1_a", "Art. 20(1)(a)", True,
                    f"{basis}, data provided by the subject", purpose=pid, categories=mine)
        for cid in mine:
            eligible.setdefault(cid, []).append(p.id)
        flags.append(len(mine) == len([c for c in p.categories if c in categories]))
    for cid in categories:
        if cid in eligible:
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.EXPORT, articles=("Art. 20(1)",),
                purposes=tuple(eligible[cid]),
                message="provide in a structured, commonly used, machine-readable format"))
        else:
            why = ("not provided by the data subject" if cid not in provided
                   else "no consent or contract purpose uses it")
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.NOT_PORTABLE, articles=("Art. 20(1)",),
                message=why))
    work.reason("ART20_4", "Art. 20(4)", None,
                "the copy must not adversely affect others' rights; portability is without "
                "prejudice to Art. 17 (Art. 20(3))")
    return flags


def _objection(
    work: _Work, purposes: list[_Purpose], decisions: ControllerDecisions
) -> list[bool]:
    flags = []
    for p in purposes:
        pid = _pid(p)
        if p.direct_marketing:
            work.reason("ART21_3", "Art. 21(3)", True,
                        "direct marketing: the objection is absolute (Art. 21(2)-(3)); "
                        "compelling grounds do not count", purpose=pid)
            flags.append(True)
            continue
        if not p.articles & {_A.PUBLIC_TASK, _A.LEGITIMATE_INTERESTS}:
            hint = " (withdraw consent instead, Art. 7(3))" if _A.CONSENT in p.articles else ""
            work.reason("ART21_1", "Art. 21(1)", False,
                        "Art. 21(1) covers only processing on Art. 6(1)(e) or (f)" + hint,
                        purpose=pid)
            flags.append(False)
            continue
        if decisions.compelling_grounds:
            work.reason("ART21_1", "Art. 21(1)", False,
                        "the controller demonstrates compelling legitimate grounds: "
                        f"{decisions.compelling_grounds_reason}", purpose=pid)
            work.exceptions.append(ExceptionFound(
                rule="ART21_1", article="Art. 21(1)", source="controller",
                message=str(decisions.compelling_grounds_reason), categories=p.categories))
            flags.append(False)
            continue
        if decisions.compelling_grounds is None:
            work.ask("compelling_grounds", "Art. 21(1)",
                     "can the controller demonstrate compelling legitimate grounds that "
                     "override the subject's interests, or legal claims? Until it does, "
                     "processing stops")
        work.reason("ART21_1", "Art. 21(1)", True,
                    "processing on Art. 6(1)(e)/(f) must stop unless the controller "
                    "demonstrates compelling grounds", purpose=pid)
        flags.append(True)
    return flags


def _dm_objection(work: _Work, purposes: list[_Purpose]) -> list[bool]:
    flags = []
    for p in purposes:
        if p.direct_marketing:
            work.reason("ART21_2", "Art. 21(2)", True,
                        "direct marketing: processing for it must stop, whatever the basis; "
                        "absolute (Art. 21(3))", purpose=_pid(p), categories=p.categories)
        else:
            work.reason("ART21_2", "Art. 21(2)", False,
                        "not a direct-marketing purpose", purpose=_pid(p))
        flags.append(p.direct_marketing)
    if not purposes:
        work.reason("ART21_2", "Art. 21(2)", False, "the register lists no purposes")
    return flags


def _withdraw(work: _Work, purposes: list[_Purpose]) -> list[bool]:
    flags = []
    for p in purposes:
        pid = _pid(p)
        if _A.CONSENT in p.articles or p.explicit_consent:
            others = sorted(p.articles - {_A.CONSENT})
            tail = (
                "; processing may continue only on " + ", ".join(_art(b) for b in others)
                if others
                else "; no other basis: the data are to be erased (Art. 17(1)(b))"
            )
            work.reason("ART7_3", "Art. 7(3)", True,
                        "consent can be withdrawn at any time, without affecting prior "
                        "lawfulness" + tail, purpose=pid, categories=p.categories)
            flags.append(True)
        else:
            work.reason("ART7_3", "Art. 7(3)", False,
                        "this purpose does not rest on consent", purpose=pid)
            flags.append(False)
    return flags


def _automated(work: _Work, register: Register, purposes: list[_Purpose]) -> list[bool]:
    adm = register.automated_decisions
    if adm is None or not adm.automated_decisions:
        if adm is None:
            work.ask("automated_decisions", "Art. 22(1)",
                     "the register does not say whether it makes automated decisions")
        work.reason("ART22_1", "Art. 22(1)", False,
                    "the register states no decisions based solely on automated processing")
        return [False]
    bases = {a for p in purposes for a in p.articles}
    if _A.CONTRACT in bases:
        work.reason("ART22_2_a", "Art. 22(2)(a)", None,
                    "allowed if necessary for a contract; the subject may obtain human "
                    "intervention, express a view and contest (Art. 22(3))")
    if _A.CONSENT in bases:
        work.reason("ART22_2_c", "Art. 22(2)(c)", None,
                    "allowed only with explicit consent; human intervention, view and "
                    "contest (Art. 22(3))")
    if _A.LEGAL_OBLIGATION in bases or _A.PUBLIC_TASK in bases:
        work.reason("ART22_2_b", "Art. 22(2)(b)", None,
                    "allowed where Union or Member State law authorises it with safeguards")
    work.reason("ART22_1", "Art. 22(1)", True,
                "the register makes decisions based solely on automated processing")
    return [True]


# -- assembly ----------------------------------------------------------------------------


def _abuse(
    work: _Work, request: Request, decision: AbuseDecision | None, received: date
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
    register: Register, affected: Iterable[str], on: date
) -> tuple[Recipient, ...]:
    wanted = set(affected)
    return tuple(
        r
        for r in register.recipients
        if r.active_on(on) and (not r.categories or wanted & set(r.categories) or not wanted)
    )


def _country(notice: Notice | None, country: str | None, work: _Work) -> str:
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
    _check_scope(register, request)
    decisions = controller_decisions or ControllerDecisions()
    work = _Work()
    code = _country(notice, country, work)
    deadline = response_deadline(
        request.received,
        country=code,
        fi_eves_are_holidays=fi_eves_are_holidays,
        pause=decisions.identity_pause,
    )
    day = as_of or deadline.received
    purposes = _purposes(register, request)
    categories = _scope_categories(register, request)
    _unmapped_notes(work, register, purposes)
    right = request.right
    if right is Right.ACCESS:
        flags = _access(work, purposes, categories)
    elif right is Right.RECTIFICATION:
        flags = _rectification(work, categories)
    elif right is Right.ERASURE:
        holds = _plan_holds(work, register, history, day, notice)
        if holds is not None and _ENDED in holds and decisions.still_necessary is None:
            # The controller's own retention rules answer the question for this subject.
            decisions = attrs.evolve(decisions, still_necessary=False)
            work.reason(
                "ART5_1_e",
                "Art. 17(1)(a)",
                None,
                "the retention plan shows every retention period has ended for this subject: "
                "the data are no longer necessary",
            )
        flags = _erasure(work, register, purposes, categories, decisions, holds, day)
    elif right is Right.RESTRICTION:
        flags = _restriction(work, purposes, categories, request.restriction_ground, decisions)
    elif right is Right.PORTABILITY:
        flags = _portability(work, register, purposes, categories)
    elif right is Right.OBJECTION:
        flags = _objection(work, purposes, decisions)
    elif right is Right.DIRECT_MARKETING_OBJECTION:
        flags = _dm_objection(work, purposes)
    elif right is Right.WITHDRAW_CONSENT:
        flags = _withdraw(work, purposes)
    else:
        flags = _automated(work, register, purposes)
    if not flags:
        work.reason(
            "ART12_2",
            right.article,
            False,
            "the request's scope covers no purpose of this register",
        )
    applies = _verdict(flags)
    abuse = _abuse(work, request, decisions.abuse, deadline.received)

    notify: tuple[Recipient, ...] = ()
    if right in _ART19_RIGHTS and applies is not Applicability.NO:
        affected = (
            [c.category for c in work.categories if c.action is not CategoryAction.KEEP]
            if right is Right.ERASURE
            else categories
        )
        notify = _recipients(register, affected, day)
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
    )


@attrs.frozen
class _Held:
    """A category's statutory hold according to the subject's retention plan."""

    until: date | None
    message: str


def _plan_holds(
    work: _Work,
    register: Register,
    history: SubjectHistory | None,
    as_of: date,
    notice: Notice | None,
) -> dict[str, _Held] | None:
    """Per category: the statutory hold the retention plan computes for this subject."""
    if history is None:
        return None
    from gdpr_register.retention import PlanStatus, plan_retention

    plan = plan_retention(
        register,
        history,
        as_of=as_of,
        controller=notice.controller if notice is not None else None,
    )
    holds: dict[str, _Held] = {}
    if plan.items and all(
        i.status in (PlanStatus.DUE, PlanStatus.RESTRICTED) for i in plan.items
    ):
        holds[_ENDED] = _Held(until=None, message="every retention period has ended")
    for item in plan.items:
        if item.hold_until is not None:
            holds[item.category] = _Held(
                until=item.hold_until,
                message=f"retention plan for {history.subject}: {item.reason() or item.summary()}",
            )
        if item.status is PlanStatus.DUE:
            work.reason(
                "ART5_1_e",
                "Art. 17(1)(a)",
                None,
                f"retention plan: the retention period ended ({item.summary()}); the data "
                "are no longer necessary",
                categories=[item.category],
            )
    return holds
