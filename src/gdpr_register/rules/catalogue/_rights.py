"""Data-subject rights: Art. 13(2)(b)-(d) and the basis x right matrix (catalogue §2.4)."""

from __future__ import annotations

from collections.abc import Iterator

from gdpr_register.model.enums import LawfulBasis, RightKind, RightStatus
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import has_consent

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


def _index(register: Register, right: RightKind) -> int:
    return next(i for i, r in enumerate(register.rights) if r.right is right)


@rule(
    "ART13_2_b",
    title="The existence of the data subject's rights",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(2)(b), 14(2)(c), 15-18, 20-21",
    message="The rights list omits {missing}",
    fix="State the rights of access, rectification, erasure, restriction, objection and data "
    "portability",
    what="The register's rights list states all six rights Art. 13(2)(b) names: access (15), "
    "rectification (16), erasure (17), restriction (18), objection (21) and portability (20). "
    "The finding's `missing` argument lists the absent ones in that order. Whether a right "
    "applies to the bases used is checked by ART20_1, ART21_1 and ART21_2.",
    why="Art. 13(2)(b): 'the existence of the right to request from the controller access to "
    "and rectification or erasure of personal data or restriction of processing concerning the "
    "data subject or to object to processing as well as the right to data portability' "
    "(catalogue DEF-04).",
    example="Rights `access, rectification, erasure, objection` -> missing `restriction, "
    "portability`.",
    references=(ART13,),
)
def art13_2_b(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    stated = {r.right for r in register.rights}
    missing = tuple(r.value for r in SIX if r not in stated)
    if missing:
        yield hit(ctx.path + ".rights", missing=missing)


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
            "The right to withdraw consent is made conditional ({condition})",
            "State the withdrawal right without conditions: at any time, as easily as consent "
            "was given, without affecting prior lawfulness",
        )
    },
    what="Where 6(1)(a) consent or 9(2)(a) explicit consent is a basis, the withdrawal right "
    "is stated (high when missing or denied, low when made conditional).",
    why="Art. 13(2)(c) and Art. 7(3): 'The data subject shall have the right to withdraw his or "
    "her consent at any time ... It shall be as easy to withdraw as to give consent' "
    "(catalogue DEF-10).",
    example="A `6(1)(a)` basis and no `withdraw-consent` right.",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_7_GDPR"),
)
def art13_2_c(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    if not has_consent(register):
        return
    right = register.stated_right(RightKind.WITHDRAW_CONSENT)
    if right is None:
        yield hit(ctx.path + ".rights", problem="missing", status="not stated", condition=None)
    elif right.status is RightStatus.DENIED:
        path = f"{ctx.path}.rights[{_index(register, RightKind.WITHDRAW_CONSENT)}]"
        yield hit(path, problem="denied", status="denied", condition=None)
    elif right.status is RightStatus.CONDITIONAL:
        path = f"{ctx.path}.rights[{_index(register, RightKind.WITHDRAW_CONSENT)}]"
        yield hit(path, problem="conditional", status="conditional", condition=right.condition,
                  severity=Severity.LOW)


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
    what="Every register states the complaint right (not denied), and the notice names the "
    "supervisory authority.",
    why="Art. 13(2)(d): 'the right to lodge a complaint with a supervisory authority'; Art. 77.",
    example="A register without a `complaint` right; a notice without `supervisory_authority`.",
    references=(ART13, "https://tietosuoja.fi/en/home"),
)
def art13_2_d(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for index, register in enumerate(notice.registers):
        right = register.stated_right(RightKind.COMPLAINT)
        if right is None or right.status is RightStatus.DENIED:
            yield hit(f"$.registers[{index}].rights", register=register.id, problem="no-right")
    if notice.supervisory_authority is None:
        yield hit("$", problem="no-authority")


@rule(
    "ART20_1",
    title="Data portability applies (consent or contract, automated processing)",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 20(1)",
    message="Portability applies to processing on {bases} by automated means, but the notice "
    "states it as {status}",
    fix="State the portability right without the condition or refusal",
    what="Where consent (6(1)(a), 9(2)(a)) or contract (6(1)(b)) is a basis and the register "
    "is processed by automated means, the portability right must not be denied or made "
    "conditional. A register that does not say whether processing is automated counts as "
    "automated (option `assume_automated_processing`).",
    why="Art. 20(1)(a),(b): the right applies where processing is based on consent or on a "
    "contract and is carried out by automated means (catalogue §2.4 RIGHT_PORTABILITY).",
    example="Basis 6(1)(b), `automated_processing: true`, `portability` with `status: denied`.",
    references=("https://overview.legal/laws/gdpr/art-20",),
)
def art20_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    right = register.stated_right(RightKind.PORTABILITY)
    if right is None or right.status is RightStatus.GRANTED:
        return
    automated = register.automated_processing
    if automated is False or (automated is None and not ctx.options.assume_automated_processing):
        return
    articles = register.articles()
    bases = tuple(
        b.value for b in (LawfulBasis.CONSENT, LawfulBasis.CONTRACT) if b in articles
    )
    if not bases and has_consent(register):
        bases = ("9(2)(a)",)
    if bases:
        path = f"{ctx.path}.rights[{_index(register, RightKind.PORTABILITY)}]"
        yield hit(path, bases=bases, status=right.status.value)


@rule(
    "ART21_1",
    title="The right to object applies (public task or legitimate interests)",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 21(1)",
    message="Processing on {bases} can be objected to on grounds relating to the data "
    "subject's situation, but the notice states the right as {status}",
    fix="State the objection right as Art. 21(1) gives it: the controller must stop unless it "
    "demonstrates compelling legitimate grounds",
    what="Where 6(1)(e) or 6(1)(f) is a basis, the objection right must not be denied or made "
    "conditional on anything but Art. 21(1)'s own terms (missing rights are ART13_2_b).",
    why="Art. 21(1): the data subject may object at any time to processing based on point (e) "
    "or (f) of Art. 6(1); the controller must stop unless it demonstrates compelling "
    "legitimate grounds (catalogue §2.4 RIGHT_OBJECT_GENERAL).",
    example="Basis 6(1)(f) and `objection` with `status: conditional, condition: 'if processed "
    "unlawfully'`.",
    references=(ART21,),
)
def art21_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    right = register.stated_right(RightKind.OBJECTION)
    if right is None or right.status is RightStatus.GRANTED:
        return
    articles = register.articles()
    bases = tuple(
        b.value
        for b in (LawfulBasis.PUBLIC_TASK, LawfulBasis.LEGITIMATE_INTERESTS)
        if b in articles
    )
    if bases:
        path = f"{ctx.path}.rights[{_index(register, RightKind.OBJECTION)}]"
        yield hit(path, bases=bases, status=right.status.value)


@rule(
    "ART21_2",
    title="The absolute right to object to direct marketing",
    severity=Severity.HIGH,
    citation="GDPR Art. 21(2), 21(3)",
    message="Purpose {purposes} is direct marketing, but the right to object to it is {status}",
    fix="State that the data subject can object to direct marketing at any time, after which "
    "the data are no longer processed for it",
    what="Where any purpose is direct marketing, the direct-marketing objection right is "
    "stated, unconditionally.",
    why="Art. 21(2)-(3): the right to object to direct marketing, including related profiling, "
    "is absolute: the data 'shall no longer be processed for such purposes'.",
    example="A purpose `kinds: [direct-marketing]` and no `direct-marketing-objection` right.",
    references=(ART21,),
)
def art21_2(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    purposes = tuple(p.id for p in register.purposes if p.is_direct_marketing)
    if not purposes:
        return
    right = register.stated_right(RightKind.DIRECT_MARKETING_OBJECTION)
    if right is None:
        yield hit(ctx.path + ".rights", purposes=purposes, status="not stated")
    elif right.status is not RightStatus.GRANTED:
        path = f"{ctx.path}.rights[{_index(register, RightKind.DIRECT_MARKETING_OBJECTION)}]"
        yield hit(path, purposes=purposes, status=right.status.value)


@rule(
    "ART21_4",
    title="Objection rights presented clearly and separately",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 21(4)",
    message="The {right} right is not presented clearly and separately from other information",
    fix="Present the right to object in its own, clearly marked paragraph (presented_separately: "
    "true)",
    what="A stated objection right (Art. 21(1)) or direct-marketing objection right (21(2)) "
    "is presented clearly and separately from any other information.",
    why="Art. 21(4): 'At the latest at the time of the first communication with the data "
    "subject, the right referred to in paragraphs 1 and 2 shall be explicitly brought to the "
    "attention of the data subject and shall be presented clearly and separately from any "
    "other information' (catalogue DEF-09).",
    example="`rights: [{right: objection}]` without `presented_separately: true`.",
    references=(ART21,),
)
def art21_4(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, right in enumerate(register.rights):
        if (
            right.right in (RightKind.OBJECTION, RightKind.DIRECT_MARKETING_OBJECTION)
            and right.status is not RightStatus.DENIED
            and not right.presented_separately
        ):
            yield hit(f"{ctx.path}.rights[{i}]", right=right.right.value)


@rule(
    "ART23_1",
    title="A right denied without a lawful reason",
    severity=Severity.HIGH,
    citation="GDPR Art. 23(1), 12(4)",
    message="The {right} right is denied without stating the lawful reason",
    fix="Grant the right, or state the Union or Member State law (Art. 23) or the GDPR "
    "exception that restricts it",
    what="A right the notice states as denied carries the lawful reason for the denial.",
    why="Rights can be restricted only by Union or Member State law under Art. 23(1), or by "
    "the exceptions in the articles themselves (e.g. Art. 17(3)); Art. 12(4) asks for the "
    "reasons of not acting.",
    example="`rights: [{right: erasure, status: denied}]` with no `reason`.",
    references=("https://gdprhub.eu/index.php?title=Article_23_GDPR",),
)
def art23_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, right in enumerate(register.rights):
        if right.status is RightStatus.DENIED and not right.reason:
            yield hit(f"{ctx.path}.rights[{i}]", right=right.right.value)
