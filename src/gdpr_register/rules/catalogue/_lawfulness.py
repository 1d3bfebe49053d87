"""Lawfulness: an Art. 6(1) basis per purpose, Art. 9(2) conditions, contradictory bases."""

from __future__ import annotations

from collections.abc import Iterator

from gdpr_register.model.enums import LawfulBasis, PurposeKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Lifecycle, Severity, hit, rule

ART6 = "https://gdprhub.eu/index.php?title=Article_6_GDPR"
ART9 = "https://gdprhub.eu/index.php?title=Article_9_GDPR"


@rule(
    "ART6_1",
    title="Every purpose has an Art. 6(1) lawful basis",
    severity=Severity.HIGH,
    citation="GDPR Art. 6(1), 5(1)(a)",
    message="Purpose {purpose} has no Art. 6(1) lawful basis (stated: {stated})",
    fix="Give the purpose the Art. 6(1) point it rests on (consent, contract, legal "
    "obligation, vital interests, public task or legitimate interests)",
    what="Each purpose has at least one basis that normalises to an Art. 6(1) point, either "
    "mapped to it or pooled for the register. Bases stated only as text that is no GDPR basis "
    "do not count; the stated texts are named.",
    why="Art. 6(1): 'Processing shall be lawful only if and to the extent that at least one of "
    "the following applies'. Without a basis the processing is unlawful (Art. 5(1)(a)).",
    example="A purpose `marketing` with `bases: [{text: customer relationship}]` and no pooled "
    "basis with an article.",
    references=(ART6,),
)
def art6_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, purpose in enumerate(register.purposes):
        bases = register.bases_for(purpose)
        if not any(b.article is not None for b in bases):
            yield hit(
                f"{ctx.path}.purposes[{i}]",
                purpose=purpose.id,
                stated=tuple(b.text for b in bases if b.text),
            )


@rule(
    "ART6_1_CONFLICT",
    title="Consent and contract claimed for the same purpose",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 6(1)(a),(b), 7(4); EDPB Guidelines 05/2020 on consent §121-123",
    message="Purpose {purpose} claims both consent and contract ({bases})",
    fix="Choose the one basis that applies; consent cannot be a condition of a contract for "
    "data the contract needs",
    what="A purpose mapped to both 6(1)(a) consent and 6(1)(b) contract is contradictory: "
    "if the processing is necessary for the contract, consent is not freely given and its "
    "withdrawal would not stop the processing.",
    why="EDPB Guidelines 05/2020 §121-123: the controller must decide the basis in advance and "
    "cannot swap to another; Art. 7(4) on conditional consent.",
    example="`bases: [{article: 6(1)(a)}, {article: 6(1)(b)}]` on one purpose.",
    references=(ART6, "https://edpb.europa.eu/our-work-tools/our-documents/guidelines/"
                "guidelines-052020-consent-under-regulation-2016679_en"),
)
def art6_1_conflict(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, purpose in enumerate(register.purposes):
        articles = {b.article for b in purpose.bases}
        if LawfulBasis.CONSENT in articles and LawfulBasis.CONTRACT in articles:
            yield hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id,
                      bases=(LawfulBasis.CONSENT.value, LawfulBasis.CONTRACT.value))


@rule(
    "ART9_2",
    title="Special-category data need an Art. 9(2) condition",
    severity=Severity.HIGH,
    citation="GDPR Art. 9(1), 9(2)",
    message="Purpose {purpose} uses special-category data ({categories}) without an Art. 9(2) "
    "condition (stated: {stated})",
    fix="State the Art. 9(2) condition (e.g. 9(2)(a) explicit consent) in addition to the "
    "Art. 6(1) basis",
    what="A purpose that uses a data category flagged special (Art. 9(1)) has an Art. 9(2) "
    "condition with its article, in addition to its Art. 6(1) basis. A purpose without its own "
    "category list uses all the register's categories.",
    why="Art. 9(1) prohibits processing special categories unless one of the Art. 9(2) "
    "conditions applies; that condition is in addition to an Art. 6 basis (catalogue §2.2).",
    example="A `health` category and a purpose with only `bases: [{article: 6(1)(b)}]`.",
    references=(ART9,),
)
def art9_2(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    special = {c.id for c in register.data_categories if c.special is not None}
    if not special:
        return
    for i, purpose in enumerate(register.purposes):
        used = special.intersection(purpose.categories) if purpose.categories else special
        if used and not any(c.article is not None for c in purpose.special_conditions):
            yield hit(
                f"{ctx.path}.purposes[{i}]",
                purpose=purpose.id,
                categories=tuple(sorted(used)),
                stated=tuple(c.text for c in purpose.special_conditions if c.text),
            )


_TRACKING = frozenset({PurposeKind.ANALYTICS, PurposeKind.AD_TARGETING})


@rule(
    "FI_SVPL_COOKIES",
    title="Analytics and ad targeting need prior cookie consent (ePrivacy)",
    severity=Severity.INFO,
    citation="Directive 2002/58/EC Art. 5(3); Finnish Act 917/2014 (section unconfirmed)",
    message="Purpose {purpose} ({kinds}) usually reads or stores data on the user's device, "
    "which needs prior consent, but the purpose has no consent basis",
    fix="Collect prior consent for analytics and advertising cookies and map the purpose to "
    "6(1)(a)",
    lifecycle=Lifecycle.PREVIEW,
    what="A purpose tagged analytics or ad targeting without a mapped 6(1)(a) consent gets an "
    "info hint about the ePrivacy cookie-consent rule. Outside GDPR; preview because the "
    "model cannot see whether cookies are used.",
    why="Art. 5(3) of the ePrivacy Directive (in Finland the Electronic Communications Services "
    "Act 917/2014; section unconfirmed, catalogue DEF-17) requires prior consent for "
    "non-essential cookies; Planet49 (C-673/17).",
    example="A purpose `kinds: [analytics]` with `bases: [{article: 6(1)(f), ...}]`.",
    references=("https://eur-lex.europa.eu/eli/dir/2002/58/oj",),
)
def fi_svpl_cookies(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, purpose in enumerate(register.purposes):
        kinds = _TRACKING.intersection(purpose.kinds)
        if kinds and not any(b.article is LawfulBasis.CONSENT for b in purpose.bases):
            yield hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id,
                      kinds=tuple(sorted(k.value for k in kinds)))
