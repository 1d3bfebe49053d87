"""Lawfulness: an Art. 6(1) basis per purpose, Art. 9(2) conditions, contradictory bases."""

from __future__ import annotations

from collections.abc import Sequence

from gdpr_register.model.enums import LawfulBasis, PurposeKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import ArgValue, Context, Hit, Lifecycle, Severity, hit, rule
from gdpr_register.rules.catalogue._common import at, facts

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).

ART6 = "https://gdprhub.eu/index.php?title=Article_6_GDPR"
ART9 = "https://gdprhub.eu/index.php?title=Article_9_GDPR"


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_CONSENT = LawfulBasis.CONSENT
_CONTRACT = LawfulBasis.CONTRACT
_INFO = Severity.INFO
_LEGITIMATE_INTERESTS = LawfulBasis.LEGITIMATE_INTERESTS
_PUBLIC_TASK = LawfulBasis.PUBLIC_TASK


@rule(
    "ART6_1",
    title="Every purpose has an Art. 6(1) lawful basis",
    severity=Severity.HIGH,
    citation="GDPR Art. 6(1), 5(1)(a)",
    message="Purpose {purpose} has no Art. 6(1) lawful basis (stated: {stated})",
    fix="Give the purpose the Art. 6(1) point it rests on (consent, contract, legal "
    "obligation, vital interests, public task or legitimate interests)",
    what="A purpose whose stated bases (mapped to it or pooled for the register) are all text "
    "that is no Art. 6(1) basis and names no law ('customer relationship', 'other appropriate "
    "connection') rests on no lawful basis; the stated texts are named. A purpose with no "
    "stated basis at all is not shown to be unlawful: that silence is ART13_1_c.",
    why="Art. 6(1): 'Processing shall be lawful only if and to the extent that at least one of "
    "the following applies'. Without a basis the processing is unlawful (Art. 5(1)(a)).",
    example="A purpose `marketing` with `bases: [{text: customer relationship}]` and no pooled "
    "basis with an article.",
    enforces="Art. 6(1): 'Processing shall be lawful only if and to the extent that at least "
    "one of the following applies'",
    sections=("purposes", "bases"),
    references=(ART6,),
)
def art6_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.lawless:
        return ()  # every stated basis names a point or a law: no purpose can be reported
    hits: list[Hit] = []
    for i, purpose in enumerate(register.purposes):
        bases = register.bases_for(purpose)
        # Silence on the basis is the information defect ART13_1_c, not proof of unlawfulness;
        # a basis naming a law (an obligation or task) is not shown to fail either.
        if bases and not any(b.article is not None or b.law for b in bases):
            hits.append(hit(
                f"{ctx.path}.purposes[{i}]",
                purpose=purpose.id,
                stated=tuple(b.text for b in bases if b.text),
            ))
    return hits


@rule(
    "ART6_1_CONFLICT",
    title="Consent and contract claimed for the same purpose",
    severity=Severity.INFO,
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
    advice="EDPB Guidelines 05/2020 §121-123: decide one basis per purpose in advance; the "
    "GDPR text allows several bases ('at least one'), so this is advice (info)",
    sections=("bases",),
    references=(ART6, "https://edpb.europa.eu/our-work-tools/our-documents/guidelines/"
                "guidelines-052020-consent-under-regulation-2016679_en"),
)
def art6_1_conflict(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.conflict:
        return ()
    hits: list[Hit] = []
    for i, purpose in enumerate(register.purposes):
        points = {b.article for b in purpose.bases}
        if _CONSENT in points and _CONTRACT in points:
            hits.append(hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id,
                            bases=(_CONSENT.value, _CONTRACT.value)))
    return hits


@rule(
    "ART9_2",
    title="Special-category data need an Art. 9(2) condition",
    severity=Severity.HIGH,
    citation="GDPR Art. 9(1), 9(2)",
    message="Purpose {purpose} uses special-category data ({categories}) without an Art. 9(2) "
    "condition (stated: {stated})",
    fix="State the Art. 9(2) condition (e.g. 9(2)(a) explicit consent) in addition to the "
    "Art. 6(1) basis",
    what="A purpose that uses a data category flagged special (Art. 9(1)) and states for it "
    "only text that is no Art. 9(2) condition and names no law is a finding (high). A purpose "
    "that states no condition at all gets an info finding: silence does not show that no "
    "condition applies (health care under professional secrecy is 9(2)(h) on its face). A "
    "purpose without its own category list may use all the register's categories.",
    why="Art. 9(1) prohibits processing special categories unless one of the Art. 9(2) "
    "conditions applies; that condition is in addition to an Art. 6 basis (catalogue §2.2). A "
    "fact the notice does not state is never read against the controller (issue 9).",
    example="A `health` category and a purpose with `special_conditions: [{text: asiakassuhde}]`"
    " (high); with no `special_conditions` (info).",
    enforces="Art. 9(1): processing of special categories 'shall be prohibited'; 9(2): 'Paragraph "
    "1 shall not apply if one of the following applies'",
    advice="WP260 Annex: name the Art. 9(2) condition beside the Art. 6(1) basis; a notice that "
    "names none is reported at info",
    variants={
        "not-stated": (
            "Purpose {purpose} uses special-category data ({categories}) and the notice names "
            "no Art. 9(2) condition for them",
            "State the Art. 9(2) condition the processing rests on (e.g. 9(2)(h) health care "
            "under professional secrecy, 9(2)(a) explicit consent)",
        ),
        "cannot-tell": (
            "Cannot tell whether purpose {purpose} uses the special-category data "
            "({categories}): it lists no categories, and other purposes have an Art. 9(2) "
            "condition",
            "List the categories each purpose uses, with its Art. 9(2) condition",
        ),
    },
    sections=("special-categories", "purposes"),
    references=(ART9, "https://ec.europa.eu/newsroom/article29/item-detail.cfm?item_id=622227"),
)
def art9_2(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    for category in register.data_categories:  # most registers have none: look first
        if category.special is not None:
            break
    else:
        return ()
    special = {c.id for c in register.data_categories if c.special is not None}
    covered = any(
        c.article is not None for p in register.purposes for c in p.special_conditions
    )
    hits: list[Hit] = []
    for i, purpose in enumerate(register.purposes):
        conditions = purpose.special_conditions
        if any(c.article is not None or c.law for c in conditions):
            continue
        used = special.intersection(purpose.categories) if purpose.categories else special
        if not used:
            continue
        if conditions:
            problem, severity = "no-condition", None  # stated, and no Art. 9(2) condition
        elif not purpose.categories and covered:
            # It may not use the special data at all: another purpose has the condition.
            problem, severity = "cannot-tell", _INFO
        else:
            problem, severity = "not-stated", _INFO
        hits.append(hit(
            f"{ctx.path}.purposes[{i}]",
            problem=problem,
            purpose=purpose.id,
            categories=tuple(sorted(used)),
            stated=tuple(c.text for c in conditions if c.text),
            severity=severity,
        ))
    return hits


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
    advice="Directive 2002/58/EC Art. 5(3): prior consent for non-essential cookies; the model "
    "cannot see whether cookies are used, so this is a hint (info)",
    sections=("purposes",),
    references=("https://eur-lex.europa.eu/eli/dir/2002/58/oj",),
)
def fi_svpl_cookies(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if _TRACKING.isdisjoint(f.kinds):
        return ()
    hits: list[Hit] = []
    for i, purpose in enumerate(register.purposes):
        kinds = _TRACKING.intersection(purpose.kinds)
        if kinds and not any(b.article is _CONSENT for b in purpose.bases):
            hits.append(hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id,
                            kinds=tuple(sorted(k.value for k in kinds))))
    return hits


@rule(
    "ART6_1_SUBPARA2",
    title="Public authorities cannot rely on legitimate interests for their tasks",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 6(1) second subparagraph, Recital 47",
    message="Purpose {purpose} of a public authority rests on legitimate interests (6(1)(f))",
    fix="Rest the task on 6(1)(e) public task or 6(1)(c) legal obligation, naming the law",
    variants={
        "pooled": (
            "A public authority lists legitimate interests (6(1)(f)) among the bases of its "
            "processing",
            "Rest the tasks on 6(1)(e) public task or 6(1)(c) legal obligation, naming the law",
        ),
    },
    what="Where the controller is a public authority, no purpose rests on 6(1)(f) (mapped or "
    "pooled).",
    why="Art. 6(1), second subparagraph: 'Point (f) of the first subparagraph shall not apply "
    "to processing carried out by public authorities in the performance of their tasks' "
    "(catalogue §2.1).",
    example="`controller: {public_authority: true}` and a purpose with `bases: [6(1)(f)]`.",
    enforces="Art. 6(1) second subparagraph: 'Point (f) of the first subparagraph shall not "
    "apply to processing carried out by public authorities in the performance of their tasks'",
    sections=("bases",),
    references=(ART6,),
)
def art6_1_subpara2(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if notice.controller.public_authority is not True:  # None: not stated, never assumed
        return ()
    hits: list[Hit] = []
    for i, basis in enumerate(register.pooled_bases):
        # A pooled basis is claimed for some purpose, unknown which: one finding, on the basis.
        if basis.article is _LEGITIMATE_INTERESTS:
            hits.append(hit(f"{ctx.path}.pooled_bases[{i}]", problem="pooled", purpose=None))
    for i, purpose in enumerate(register.purposes):
        if any(b.article is _LEGITIMATE_INTERESTS for b in purpose.bases):
            hits.append(hit(f"{ctx.path}.purposes[{i}]", problem="mapped", purpose=purpose.id))
    return hits


@rule(
    "ART8_1",
    title="Consent of children for information society services",
    severity=Severity.INFO,
    citation="GDPR Art. 8(1)-(2); national digital-consent age (FI: Data Protection Act "
    "1050/2018 s. 5, 13 years)",
    message="Subjects {subjects} include children and consent is a basis for an information "
    "society service offered to them: below {age} ({country}, {source}) consent must be given "
    "or authorised by the holder of parental responsibility",
    fix="Say how the age is checked and how consent of the holder of parental responsibility "
    "is obtained for children under {age}",
    variants={
        "service-unknown": (
            "Subjects {subjects} include children and consent is a basis; the notice does not "
            "say whether an information society service is offered directly to them",
            "State whether an information society service is offered directly to children "
            "(information_society_service); if so, how consent under {age} is authorised",
        ),
        "children-unknown": (
            "Consent is a basis for an information society service; the notice does not say "
            "whether its data subjects {subjects} include children",
            "State whether the data subjects include children (includes_children)",
        ),
    },
    advice="Art. 8(1)-(2) makes a child's consent to an information society service lawful "
    "only from the Member State's age (13-16) and asks reasonable efforts to verify parental "
    "consent below it; the notice need not describe them and the model cannot see whether "
    "they are made, so this is a reminder (info), never a breach",
    sections=("data-subjects", "bases"),
    what="A register that relies on consent (6(1)(a)) for an information society service "
    "offered directly to children (`information_society_service: true`, subjects with "
    "`includes_children: true`) gets an info reminder naming the digital-consent age of the "
    "controller's Member State on `as_of` (`gdpr_register.law.digital_consent`: Finland 13 "
    "from 2019-01-01, the GDPR's 16 before). Where either fact is not stated, an info finding "
    "says it cannot tell; nothing is assumed. No finding without consent or without children.",
    why="Art. 8(1): 'in relation to the offer of information society services directly to a "
    "child, the processing of the personal data of a child shall be lawful where the child is "
    "at least 16 years old' unless Member State law provides a lower age, not below 13; "
    "Art. 8(2): the controller makes reasonable efforts to verify parental consent (catalogue "
    "§2.3, §10).",
    example="`information_society_service: true`, `data_subjects: [{id: pupils, name: Pupils, "
    "includes_children: true}]` with a 6(1)(a) basis.",
    references=("https://gdprhub.eu/index.php?title=Article_8_GDPR",
                "https://finlex.fi/fi/laki/ajantasa/2018/20181050"),
)
def art8_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if _CONSENT not in f.articles:
        return ()
    service = register.information_society_service
    if service is False:
        return ()
    children = [(i, s) for i, s in enumerate(register.data_subjects) if s.includes_children]
    unknown = tuple(s.id for s in register.data_subjects if s.includes_children is None)
    if not children and not (service and unknown):
        return ()  # nothing to report: spare the age lookup
    age = f.law.digital_consent_age(notice.controller.country)
    args: dict[str, ArgValue] = {"age": age.age, "country": age.country or "(not stated)",
                                 "source": age.source.citation}
    hits: list[Hit] = []
    for i, subjects in children:
        problem = "applies" if service else "service-unknown"
        hits.append(Hit(f"{ctx.path}.data_subjects[{i}]",
                        {"problem": problem, "subjects": subjects.id, **args}))
    if service and unknown and not children:
        hits.append(Hit(f"{ctx.path}.data_subjects",
                        {"problem": "children-unknown", "subjects": unknown, **args}))
    return hits


# Art. 22(2): (a) contract, (c) explicit consent (the model cannot tell "explicit": consent
# counts), (b) law: a legal obligation, or a public task under a named law.
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
        ),
        "law-not-named": (
            "Automated decisions rest on a public task (6(1)(e)) whose law is not named: "
            "cannot tell whether a law authorises them (Art. 22(2)(b))",
            "Name the Union or Member State law that authorises the decisions and lays down "
            "the safeguards",
        ),
    },
    enforces="Art. 22(1): 'The data subject shall have the right not to be subject to a "
    "decision based solely on automated processing'; 22(2): except where the decision '(a) is "
    "necessary for entering into, or performance of, a contract ... (b) is authorised by Union "
    "or Member State law ... or (c) is based on the data subject's explicit consent'; 22(4): "
    "not on special categories 'unless point (a) or (g) of Article 9(2) applies'",
    sections=("automated-decisions", "bases"),
    what="Where a register states automated decision-making (Art. 22(1)), one of its bases "
    "is 6(1)(b) contract, 6(1)(a) consent (explicit consent is required; the model cannot tell "
    "'explicit', so consent counts), 6(1)(c) legal obligation, or 6(1)(e) public task with the "
    "law named (22(2)(b)); a public task whose law is not named is an info finding. Where it "
    "also holds special-category data, a 9(2)(a) or 9(2)(g) condition is stated (22(4)). An "
    "unstated `automated_decisions` is never read as 'yes'.",
    why="Art. 22(1) gives the right not to be subject to such decisions; 22(2) lists the only "
    "exceptions, of which (b) covers decisions authorised by law, e.g. a public task under a "
    "named act; 22(4) limits special categories to 9(2)(a) and (g) (catalogue §2.4, §10).",
    example="`automated_decisions: {automated_decisions: true, ...}` with only 6(1)(f).",
    references=("https://gdprhub.eu/index.php?title=Article_22_GDPR",),
)
def art22_2(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    adm = register.automated_decisions
    if adm is None or adm.automated_decisions is not True:
        return ()
    path = at(register, ctx, "automated_decisions")
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    stated = f.articles
    public_task = [b for _, b in f.all_bases if b.article is _PUBLIC_TASK]
    hits: list[Hit] = []
    if not stated & _ADM_BASES:
        if any(b.law for b in public_task):
            pass  # 22(2)(b): authorised by the named law
        elif public_task:
            hits.append(hit(path, problem="law-not-named", bases=(_PUBLIC_TASK.value,),
                            categories=(), severity=_INFO))
        else:
            hits.append(hit(path, problem="no-basis", bases=tuple(sorted(a.value for a in stated)),
                            categories=()))
    special = tuple(c.id for c in register.data_categories if c.special is not None)
    allowed = {"9(2)(a)", "9(2)(g)"}
    conditions = {
        c.article.value for p in register.purposes for c in p.special_conditions if c.article
    }
    if special and not conditions & allowed:
        hits.append(hit(path, problem="special-category", bases=(), categories=special))
    return hits
