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


@rule(
    "ART6_1_SUBPARA2",
    title="Public authorities cannot rely on legitimate interests for their tasks",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 6(1) second subparagraph, Recital 47",
    message="Purpose {purpose} of a public authority rests on legitimate interests (6(1)(f))",
    fix="Rest the task on 6(1)(e) public task or 6(1)(c) legal obligation, naming the law",
    what="Where the controller is a public authority, no purpose rests on 6(1)(f) (mapped or "
    "pooled).",
    why="Art. 6(1), second subparagraph: 'Point (f) of the first subparagraph shall not apply "
    "to processing carried out by public authorities in the performance of their tasks' "
    "(catalogue §2.1).",
    example="`controller: {public_authority: true}` and a purpose with `bases: [6(1)(f)]`.",
    references=(ART6,),
)
def art6_1_subpara2(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    if not notice.controller.public_authority:
        return
    pooled = any(b.article is LawfulBasis.LEGITIMATE_INTERESTS for b in register.pooled_bases)
    for i, purpose in enumerate(register.purposes):
        if pooled or any(b.article is LawfulBasis.LEGITIMATE_INTERESTS for b in purpose.bases):
            yield hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id)


@rule(
    "ART8_1",
    title="Consent of children for information society services",
    severity=Severity.LOW,
    citation="GDPR Art. 8(1); Finnish Data Protection Act 1050/2018 (age 13)",
    message="Subjects include children and consent is a basis: consent of a child under 13 "
    "for an online service needs the holder of parental responsibility",
    fix="Say how the age is checked and how parental consent is obtained for children under 13",
    what="A register whose data subjects include children and which relies on 6(1)(a) consent "
    "is flagged to explain age verification and parental consent.",
    why="Art. 8(1): for information society services offered directly to a child, consent is "
    "lawful only from the age set by the Member State (Finland: 13, catalogue §2.3, S); below "
    "it, the holder of parental responsibility must give or authorise it.",
    example="`data_subjects: [{id: pupils, name: Pupils, includes_children: true}]` with a "
    "6(1)(a) basis.",
    references=("https://gdprhub.eu/index.php?title=Article_8_GDPR",),
)
def art8_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    if LawfulBasis.CONSENT not in register.articles():
        return
    for i, subjects in enumerate(register.data_subjects):
        if subjects.includes_children:
            yield hit(f"{ctx.path}.data_subjects[{i}]", subjects=subjects.id, age=13)


_ADM_BASES = frozenset({LawfulBasis.CONTRACT, LawfulBasis.CONSENT, LawfulBasis.LEGAL_OBLIGATION})


@rule(
    "ART22_2",
    title="Automated decisions need a contract, a law or explicit consent",
    severity=Severity.HIGH,
    citation="GDPR Art. 22(1), 22(2), 22(4)",
    message="The register makes automated decisions with legal or similar effects, but none "
    "of its bases allows it ({bases})",
    fix="Base the decisions on necessity for a contract (22(2)(a)), a law (22(2)(b)) or "
    "explicit consent (22(2)(c)), with human intervention on request",
    variants={
        "special-category": (
            "Automated decisions use special-category data ({categories}) without explicit "
            "consent (9(2)(a)) or substantial public interest (9(2)(g))",
            "Do not base automated decisions on special-category data unless 9(2)(a) or "
            "9(2)(g) applies, with suitable safeguards",
        )
    },
    what="Where a register states automated decision-making (Art. 22(1)), one of its bases "
    "is 6(1)(b) contract, 6(1)(c) law or 6(1)(a) consent (explicit consent is required; the "
    "model cannot tell 'explicit', so consent counts). Where it also holds special-category "
    "data, a 9(2)(a) or 9(2)(g) condition is stated (22(4)).",
    why="Art. 22(1) gives the right not to be subject to such decisions; 22(2) lists the only "
    "exceptions; 22(4) limits special categories to 9(2)(a) and (g) (catalogue §2.4 ADM).",
    example="`automated_decisions: {automated_decisions: true, ...}` with only 6(1)(f).",
    references=("https://gdprhub.eu/index.php?title=Article_22_GDPR",),
)
def art22_2(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    adm = register.automated_decisions
    if adm is None or not adm.automated_decisions:
        return
    path = ctx.path + ".automated_decisions"
    articles = register.articles()
    if not articles & _ADM_BASES:
        yield hit(path, problem="no-basis", bases=tuple(sorted(a.value for a in articles)),
                  categories=())
    special = tuple(c.id for c in register.data_categories if c.special is not None)
    allowed = {"9(2)(a)", "9(2)(g)"}
    conditions = {
        c.article.value for p in register.purposes for c in p.special_conditions if c.article
    }
    if special and not conditions & allowed:
        yield hit(path, problem="special-category", bases=(), categories=special)
