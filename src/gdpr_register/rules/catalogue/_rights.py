"""Data-subject rights: Art. 13(2)(b)-(d) and the basis x right matrix (catalogue §2.4)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gdpr_register.model.enums import (
    RetentionKind,
    RightCondition,
    RightKind,
    RightStatus,
    Section,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import (
    NARROWING,
    UNJUDGED,
    RegisterFacts,
    at,
    condition_kind,
    facts,
    has_consent,
    objection_bases,
    portability_bases,
    portability_candidates,
    right_path,
    section_state,
)

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``): the
# same facts, without a function call per rule and register on the hot path.

ART13 = "https://gdprhub.eu/index.php?title=Article_13_GDPR"
ART21 = "https://overview.legal/laws/gdpr/art-21"

# Art. 13(2)(b) lists these six, in this order.
SIX = (
    RightKind.ACCESS,
    RightKind.RECTIFICATION,
    RightKind.ERASURE,
    RightKind.RESTRICTION,
    RightKind.OBJECTION,
    RightKind.PORTABILITY,
)
# Access, rectification, erasure and restriction exist whatever the basis (catalogue §2.4).
ALWAYS = SIX[:4]
_ALWAYS_VALUES = tuple((right, right.value) for right in ALWAYS)
# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_OBJECTION, _PORTABILITY, _ERASURE = RightKind.OBJECTION, RightKind.PORTABILITY, RightKind.ERASURE
_COMPLAINT, _DENIED, _RIGHTS = RightKind.COMPLAINT, RightStatus.DENIED, Section.RIGHTS
_WITHDRAW, _CONDITIONAL = RightKind.WITHDRAW_CONSENT, RightStatus.CONDITIONAL
_ALWAYS_KINDS = frozenset(ALWAYS)


def _not_held(register: Register) -> tuple[str, ...]:
    """The data categories no retention rule ties to a law (statutory hold, statute or law):
    those an Art. 17(3)(b) obligation is not shown to need. () when it cannot be told (no
    categories, or a law-based rule that names no categories)."""
    held: set[str] = set()
    for item in register.retention:
        if item.kind is RetentionKind.STATUTORY_HOLD or item.statute or item.law:
            if not item.categories:
                return ()
            held.update(item.categories)
    return tuple(c.id for c in register.data_categories if c.id not in held)


def _narrowed(register: Register, ctx: Context) -> list[Hit]:
    """ART13_2_b's hits for rights stated with a condition their article does not have."""
    return [
        hit(f"{at(register, ctx, 'rights')}[{i}]", problem="narrowed", missing=(),
            right=right.right.value, article=_OWN_ARTICLE[right.right],
            condition=right.condition or condition_kind(right))
        for i, right in enumerate(register.rights)
        if right.condition_kind in NARROWING and right.right in _OWN_ARTICLE
    ]


# Rights that exist whatever the basis, with the article that gives them (erasure is ART17_1).
_OWN_ARTICLE = {RightKind.ACCESS: "15(1)", RightKind.RECTIFICATION: "16",
                RightKind.RESTRICTION: "18(1)"}


@rule(
    "ART13_2_b",
    title="The existence of the data subject's rights that apply to the processing",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(2)(b), 14(2)(c), 15-18, 20-21",
    message="The rights list omits {missing}",
    fix="State the rights that apply to this processing: {missing}",
    variants={
        "narrowed": (
            "The {right} right is stated with a condition Art. {article} does not have "
            "({condition})",
            "State the {right} right as the law gives it (Art. {article}), without the "
            "narrowing condition",
        ),
        "denied-wholesale": (
            "The erasure right is stated as not existing, but a legal obligation (Art. "
            "17(3)(b)) can exempt only the data it needs; not under any stated obligation: "
            "{categories}",
            "State the erasure right, and that data the law requires (name them) are kept for "
            "that obligation",
        ),
        "portability-unknown": (
            "Cannot tell whether portability applies: processing on {bases} by automated "
            "means is neither stated nor assumed, and the rights list omits it",
            "State whether the register is processed by automated means "
            "(automated_processing); if it is, state the right to data portability",
        ),
    },
    enforces="Art. 13(2)(b): 'the existence of the right to request from the controller access "
    "to and rectification or erasure of personal data or restriction of processing concerning "
    "the data subject or to object to processing as well as the right to data portability', "
    "read with Art. 20(1) and 21(1) for the rights that exist for the processing",
    advice="Where it cannot be told whether processing is automated (with the option "
    "assume_automated_processing off), the missing portability right is info only",
    sections=("rights",),
    what="The register's rights list states the rights the processing gives: access (15), "
    "rectification (16), erasure (17) and restriction (18) always; objection (21(1)) where a "
    "purpose may rest on 6(1)(e) or (f); portability (20) where a purpose may rest on 6(1)(a), "
    "6(1)(b) or 9(2)(a), processing is automated and data are provided by the subject. A "
    "pooled basis counts: a right is required if any pooled basis triggers it. The finding's "
    "`missing` argument lists the absent ones in Art. 13(2)(b)'s order. The direct-marketing "
    "objection is ART21_2. Access, rectification or restriction stated with a condition "
    "normalised as narrowing them (`condition_kind`: only if unlawful, some cases, ...) is a "
    "finding at the right (`narrowed`); erasure, portability and objection narrowed are "
    "ART17_1, ART20_1 and ART21_1. Erasure stated as denied where stated data are under no "
    "legal obligation (no statutory-hold retention rule, statute or law covers them) is "
    "medium (`denied-wholesale`): Art. 17(3)(b) exempts data only 'to the extent that "
    "processing is necessary' for the obligation.",
    why="Art. 13(2)(b) asks for 'the existence' of the rights; a right exists only where its "
    "own article gives it (Art. 20(1): 'where the processing is based on consent ... or on a "
    "contract ... and the processing is carried out by automated means'; Art. 21(1): "
    "'processing ... which is based on point (e) or (f) of Article 6(1)'); WP260 §: rights "
    "information is specific to the processing (catalogue §2.4, DEF-04).",
    example="Bases 6(1)(b) and 6(1)(f), rights `access, rectification, erasure, objection` -> "
    "missing `restriction, portability`; a register on 6(1)(c) alone needs no portability.",
    references=(ART13, "https://overview.legal/laws/gdpr/art-20", ART21),
)
def art13_2_b(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    stated = f.rights
    portable = portability_bases(f)
    # Most registers state all four (one C-level subset test spares the list comprehension).
    missing = [] if stated.keys() >= _ALWAYS_KINDS else [
        value for right, value in _ALWAYS_VALUES if right not in stated]
    if _OBJECTION not in stated and objection_bases(f):
        missing.append(_OBJECTION.value)
    if portable and _PORTABILITY not in stated:
        missing.append(_PORTABILITY.value)
    hits: list[Hit] = []
    if missing:
        hits.append(hit(at(register, ctx, "rights"), missing=tuple(missing)))
    for right in register.rights:  # few carry a narrowing condition: a cheap scan first
        if right.condition_kind in NARROWING:
            hits += _narrowed(register, ctx)
            break
    erasure = stated.get(_ERASURE)
    if erasure is not None and erasure.status is _DENIED:
        free = _not_held(register)
        if free:
            hits.append(hit(right_path(register, ctx, _ERASURE), problem="denied-wholesale",
                            missing=(), categories=free, severity=Severity.MEDIUM))
    if portable is None and _PORTABILITY not in stated:
        hits.append(hit(at(register, ctx, "rights"), problem="portability-unknown",
                        missing=("portability",), bases=portability_candidates(f),
                        severity=Severity.INFO))
    return hits


@rule(
    "ART13_2_c",
    title="The right to withdraw consent",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(2)(c), 14(2)(d), 7(3)",
    message="Consent is a basis but the right to withdraw it at any time is {status}",
    fix="State that consent can be withdrawn at any time, as easily as it was given, without "
    "affecting the lawfulness of processing before the withdrawal",
    variants={
        "conditional": (
            "The right to withdraw consent is stated with a condition ({condition}); cannot "
            "tell whether it limits withdrawal 'at any time'",
            "State the withdrawal right without conditions: at any time, as easily as consent "
            "was given, without affecting prior lawfulness",
        ),
        "narrowed": (
            "The right to withdraw consent is limited to some cases ({condition}); Art. 7(3) "
            "gives it at any time",
            "State the withdrawal right without conditions: at any time, as easily as consent "
            "was given, without affecting prior lawfulness",
        ),
        "consent-collected": (
            "The notice says consent is collected ({consents}) but does not state the right "
            "to withdraw it",
            "State that the consent can be withdrawn at any time, as easily as it was given, "
            "and how",
        ),
    },
    enforces="Art. 13(2)(c): 'where the processing is based on point (a) of Article 6(1) or "
    "point (a) of Article 9(2), the existence of the right to withdraw consent at any time'; "
    "Art. 7(3): 'The data subject shall have the right to withdraw his or her consent at any "
    "time ... Prior to giving consent, the data subject shall be informed thereof'",
    sections=("rights",),
    what="Where 6(1)(a) consent or 9(2)(a) explicit consent is a basis, the withdrawal right "
    "is stated: high when missing or denied; medium when limited to some cases (a normalised "
    "condition such as 'only where consent is the sole basis'); info when the condition is not "
    "normalised (a channel such as 'by e-mail' does not limit the right). Where the notice "
    "says consent is collected (`consents`, e.g. a newsletter opt-in) without calling consent "
    "a basis, the withdrawal "
    "right is still stated (medium when missing).",
    why="Art. 13(2)(c) and Art. 7(3): 'The data subject shall have the right to withdraw his or "
    "her consent at any time ... It shall be as easy to withdraw as to give consent'; Art. 7(3) "
    "asks the subject to be told before consenting, whatever the notice calls its basis "
    "(catalogue DEF-10, §10).",
    example="A `6(1)(a)` basis and no `withdraw-consent` right; `consents: [newsletter opt-in]` "
    "and no `withdraw-consent` right (medium).",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_7_GDPR"),
)
def art13_2_c(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    consents = register.consents
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    consent = has_consent(f)
    if not consent and not consents:
        return ()
    right = f.rights.get(_WITHDRAW)
    if right is None:
        if consent:
            return (hit(at(register, ctx, "rights"), problem="missing", status="not stated",
                        condition=None, consents=consents),)
        return (hit(at(register, ctx, "rights"), problem="consent-collected",
                    status="not stated", condition=None, consents=consents,
                    severity=Severity.MEDIUM),)
    status = right.status
    if status is not _DENIED and status is not _CONDITIONAL:
        return ()  # granted: nothing to report
    path = right_path(register, ctx, _WITHDRAW)
    kind = condition_kind(right)
    if status is _DENIED:
        return (hit(path, problem="denied", status="denied", condition=None,
                    consents=consents),)
    if kind is RightCondition.AS_IN_LAW:
        return ()
    if kind in NARROWING:
        return (hit(path, problem="narrowed", status="conditional", condition=right.condition,
                    consents=consents, severity=Severity.MEDIUM),)
    return (hit(path, problem="conditional", status="conditional", condition=right.condition,
                consents=consents, severity=Severity.INFO),)


@notice_rule(
    "ART13_2_d",
    title="The right to lodge a complaint with a supervisory authority",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(2)(d), 14(2)(e), 77",
    message="The register does not state the right to lodge a complaint with a supervisory "
    "authority",
    fix="State the right to complain to the supervisory authority (in Finland the Data "
    "Protection Ombudsman, tietosuojavaltuutettu)",
    variants={
        "no-authority": (
            "The notice does not name the supervisory authority",
            "Name the supervisory authority and its contact details (FI: tietosuojavaltuutettu, "
            "tietosuoja.fi)",
        )
    },
    enforces="Art. 13(2)(d): 'the right to lodge a complaint with a supervisory authority'",
    advice="Naming the authority and its contact details helps the data subject but is not in "
    "the article's words (info)",
    sections=("rights", "complaint-authority"),
    what="Every register states the complaint right (not denied); a register whose rights are "
    "stated elsewhere or not assessed is not judged. A notice that names no supervisory "
    "authority gets an info hint.",
    why="Art. 13(2)(d): 'the right to lodge a complaint with a supervisory authority'; Art. 77. "
    "The article asks for the right, not the authority's name (issue 10 item 12).",
    example="A register without a `complaint` right (high); a notice without "
    "`supervisory_authority` (info).",
    references=(ART13, "https://tietosuoja.fi/en/home"),
)
def art13_2_d(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for register in notice.registers:
        f = facts(notice, register, ctx)
        if f.section_state(_RIGHTS) in UNJUDGED:
            continue
        right = f.rights.get(_COMPLAINT)
        if right is None or right.status is _DENIED:
            yield hit(f.path("rights"), register=register.id, problem="no-right")
    if notice.supervisory_authority is None and (
        section_state(notice, Section.COMPLAINT_AUTHORITY) not in UNJUDGED
    ):
        yield hit("$", problem="no-authority", severity=Severity.INFO)


# Rights whose applicability other rules decide (ART13_2_c, ART13_2_d, ART20_1, ART21_1,
# ART21_2): a correct "does not apply" statement is no denial without reason.
_CONDITIONAL_RIGHTS = frozenset({
    RightKind.PORTABILITY, RightKind.OBJECTION, RightKind.DIRECT_MARKETING_OBJECTION,
    RightKind.WITHDRAW_CONSENT, RightKind.AUTOMATED_DECISIONS,
})


def _applies(f: RegisterFacts, right: RightKind) -> bool:
    register = f.register
    if right is RightKind.PORTABILITY:
        return bool(portability_bases(f))
    if right is RightKind.OBJECTION:
        return bool(objection_bases(f))
    if right is RightKind.DIRECT_MARKETING_OBJECTION:
        return bool(f.marketing)
    if right is RightKind.WITHDRAW_CONSENT:
        return has_consent(f) or bool(register.consents)
    if right is RightKind.AUTOMATED_DECISIONS:
        adm = register.automated_decisions
        return adm is not None and adm.automated_decisions is True
    return True


@rule(
    "ART23_1",
    title="A right denied without a lawful reason",
    severity=Severity.HIGH,
    citation="GDPR Art. 23(1), 12(4)",
    message="The {right} right is denied without stating the lawful reason",
    fix="Grant the right, or state the Union or Member State law (Art. 23) or the GDPR "
    "exception that restricts it",
    enforces="Art. 23(1): the rights may be restricted only 'by way of a legislative measure'; "
    "Art. 13(2)(b)-(d): the existence of the rights",
    sections=("rights",),
    what="A right the notice states as denied, where the law gives it for this processing, "
    "carries the lawful reason for the denial. A right correctly stated as not applying "
    "(portability for a register on 6(1)(c) alone, objection without 6(1)(e)/(f), ...) is no "
    "finding.",
    why="Rights can be restricted only by Union or Member State law under Art. 23(1), or by "
    "the exceptions in the articles themselves (e.g. Art. 17(3)); a notice that denies a right "
    "the law gives, with no such reason, misstates its existence.",
    example="`rights: [{right: erasure, status: denied}]` with no `reason`.",
    references=("https://gdprhub.eu/index.php?title=Article_23_GDPR",),
)
def art23_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.denied:
        return []  # no right is stated as denied
    hits: list[Hit] = []
    for i, right in enumerate(register.rights):
        if right.status is _DENIED and not right.reason and (
            right.right not in _CONDITIONAL_RIGHTS
            or _applies(f, right.right)
        ):
            hits.append(hit(f"{at(register, ctx, 'rights')}[{i}]", right=right.right.value))
    return hits
