"""Storage limitation (Art. 5(1)(e)) and the Art. 13(2)(a) storage period, per data category."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gdpr_register.law.statutes import statute
from gdpr_register.model.enums import DurationUnit, RetentionKind, RightKind, RightStatus
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register, RetentionRule
from gdpr_register.rules._engine import Context, Hit, Severity, hit, rule
from gdpr_register.rules.catalogue._common import VAGUE, LazyPattern, facts

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).

STORAGE = "https://tietosuoja.fi/sailytyksen-rajoittaminen"
DPO_4359 = "https://www.finlex.fi/fi/viranomaiset/tsv/2020/20200521"


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_DENIED = RightStatus.DENIED
_ERASURE = RightKind.ERASURE
_INFO = Severity.INFO
_MONTHS = DurationUnit.MONTHS
_PERIOD = RetentionKind.PERIOD
_YEARS = DurationUnit.YEARS


def _covers(item: RetentionRule, category: str) -> bool:
    return not item.categories or category in item.categories


# Members read for every retention rule, as module constants (a member read from its class
# costs several times a global on Python 3.11: EnumType's __getattr__ hook).
_INDEFINITE, _WHILE = RetentionKind.INDEFINITE, RetentionKind.WHILE
_UNSPECIFIED, _HOLD = RetentionKind.UNSPECIFIED, RetentionKind.STATUTORY_HOLD


def _determinate(item: RetentionRule) -> bool:
    """Whether the rule gives a period or concrete criteria (Art. 13(2)(a))."""
    kind = item.kind
    if kind is _INDEFINITE:
        return True  # "kept indefinitely" answers the question (ART5_1_e-style limits aside)
    if kind is _WHILE:
        if item.condition is not None and not VAGUE.search(item.condition):
            return True
    elif kind is not _UNSPECIFIED and (
        item.period is not None
        or item.statute is not None
        or item.trigger is not None  # "until the contract ends": a criterion
        or (kind is _HOLD and item.law is not None)
    ):
        return True
    return any(_determinate(a) for a in item.alternatives)


@rule(
    "ART13_2_a",
    title="A storage period or criteria for every data category",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(2)(a), 14(2)(a), 5(1)(e)",
    message="No storage period or criteria cover the data category {category}",
    fix="State for each data category how long it is kept, from which event, or the criteria",
    variants={
        "vague": (
            "The retention rule is vague: {text!r}",
            "Replace the wording with a period from a trigger event (e.g. '2 years after the "
            "customer relationship ends') or concrete criteria",
        ),
        "none-stated": (
            "The register states no storage period at all",
            "State for each data category how long it is kept, from which event",
        ),
    },
    what="Every data category is covered by a retention rule that gives a period (with or "
    "without its trigger), a trigger ('until the contract ends'), a statute or named law, a "
    "concrete 'as long as' condition, or says the data are kept indefinitely. A vague rule "
    "('as long as necessary', 'longer where the law requires') is a finding only where it "
    "covers a category that no concrete rule covers: a category with a concrete period is "
    "covered even if a vague extra clause also applies to it. A category covered by no rule "
    "at all is a finding of its own.",
    why="Art. 13(2)(a): 'the period for which the personal data will be stored, or if that is "
    "not possible, the criteria used to determine that period'; Art. 5(1)(e) storage "
    "limitation (catalogue §5, DEF-05, §10).",
    example="`retention: [{kind: unspecified, text: as long as necessary}]`.",
    enforces="Art. 13(2)(a), 14(2)(a): 'the period for which the personal data will be stored, or "
    "if that is not possible, the criteria used to determine that period'",
    sections=("retention",),
    references=(STORAGE,),
)
def art13_2_a(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    if not register.retention:
        hits.append(hit(ctx.path, problem="none-stated", category=None, text=None))
        return hits
    flags = []
    determinate = []
    named: set[str] = set()
    for item in register.retention:
        ok = _determinate(item)
        flags.append(ok)
        if ok:
            if not item.categories:
                return hits  # a concrete rule for the whole register covers every category
            determinate.append(item)
            named.update(item.categories)
    if len(determinate) == len(register.retention):
        for category in register.data_categories:
            if category.id not in named:
                break
        else:  # every rule is concrete and covers some of the categories, which all are
            return hits
    concrete = {c.id for c in register.data_categories if c.id in named}
    reported: set[str] = set()
    for i, item in enumerate(register.retention):
        if flags[i] or item.kind is _HOLD:
            continue
        open_ = [c.id for c in register.data_categories
                 if _covers(item, c.id) and c.id not in concrete]
        if open_ or (not register.data_categories and not determinate):
            reported.update(open_)
            hits.append(hit(f"{ctx.path}.retention[{i}]", problem="vague", category=None,
                            text=item.text))
    for i, category in enumerate(register.data_categories):
        if category.id not in concrete and category.id not in reported:
            hits.append(hit(f"{ctx.path}.data_categories[{i}]", problem="not-covered",
                            category=category.id, text=None))
    return hits


@rule(
    "ART5_1_e",
    title="A statutory hold names its law and its period",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 5(1)(e), 13(2)(a), 17(3)(b)",
    message="The statutory hold {text!r} does not name {missing}",
    fix="Name the statute (e.g. Accounting Act 1336/1997 2:10), the period and the categories "
    "it covers",
    what="A retention rule of kind statutory-hold names its law (statute id or citation) and "
    "a period (given, or implied by a known statute). A hold naming neither law nor period "
    "tells the data subject nothing (medium); one naming its law but no period gives a "
    "criterion, so the missing period is `info`.",
    why="'Some data may be kept longer by law' tells the data subject nothing: Art. 13(2)(a) "
    "asks for the period, and Art. 17(3)(b) exempts only what a legal obligation really "
    "requires (catalogue DEF-05, FI_KPL_2_10_*).",
    example="`{kind: statutory-hold, text: 'Some data are kept longer by law.'}`.",
    enforces="Art. 13(2)(a): 'the period for which the personal data will be stored, or if that "
    "is not possible, the criteria used to determine that period'; Art. 5(1)(e): 'kept "
    "in a form which permits identification of data subjects for no longer than is "
    "necessary'",
    advice="Info where the hold names its law but no period: the law is a criterion",
    sections=("retention",),
    references=(STORAGE, "https://finlex.fi/fi/laki/ajantasa/1997/19971336"),
)
def art5_1_e(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    for i, item in enumerate(register.retention):
        if item.kind is not _HOLD:
            continue
        missing = []
        if item.statute is None and item.law is None:
            missing.append("law")
        if item.period is None and (item.statute is None or statute(item.statute) is None):
            missing.append("period")
        if missing:
            # A named law is a criterion (Art. 13(2)(a)): only its period is advice then.
            minor = _INFO if "law" not in missing else None
            hits.append(hit(f"{ctx.path}.retention[{i}]", severity=minor, text=item.text,
                            missing=tuple(missing)))
    return hits


def _months(item: RetentionRule) -> int:
    assert item.period is not None
    amount, unit = item.period.amount, item.period.unit
    if unit is _YEARS:
        return amount * 12
    if unit is _MONTHS:
        return amount
    minutes = item.period.minutes  # exact units: minutes, hours, days, weeks
    return 0 if minutes is None else minutes // (30 * 24 * 60)


@rule(
    "ART5_2",
    title="A long retention period needs a documented justification",
    severity=Severity.INFO,
    citation="GDPR Art. 5(1)(e), 5(2)",
    message="Data are kept {period} after {trigger} on the controller's own decision; document "
    "why that long is necessary",
    fix="Document the necessity of the period (Art. 5(2)) or shorten it",
    what="Advice (`info`): a GDPR retention period (not a statutory hold) of at least "
    "`retention_review_months` (default 36) is flagged for a documented justification; "
    "whether the justification is documented is not stated in a notice.",
    why="Art. 5(2) makes the controller responsible for, and able to demonstrate, storage "
    "limitation; customer data after the relationship ends need their own justification "
    "(tietosuoja.fi; catalogue DEF-06).",
    example="`{kind: period, period: {amount: 5, unit: years}, trigger: {kind: last-contact, "
    "...}}`.",
    enforces="",
    advice="Art. 5(2) accountability: document why a long period (36 months or more by default) "
    "is necessary; whether it is documented is not stated",
    sections=("retention",),
    references=(STORAGE,),
)
def art5_2(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    limit = ctx.options.retention_review_months
    hits: list[Hit] = []
    for i, item in enumerate(register.retention):
        if (
            item.kind is _PERIOD
            and item.statute is None
            and item.period is not None
            and _months(item) >= limit
        ):
            trigger = str(item.trigger.kind) if item.trigger else None  # its value, read faster
            hits.append(hit(f"{ctx.path}.retention[{i}]", period=str(item.period), trigger=trigger))
    return hits


@rule(
    "ART17_3_b",
    title="A statutory hold covers only the material the statute names",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 17(3)(b), 5(1)(e); Finnish DPO decision 4359/163/2018",
    message="The statutory hold {text!r} also covers categories that hold no such material: "
    "{categories}",
    fix="Limit the hold to the categories holding the statutory material (e.g. accounting "
    "vouchers); erase the rest on schedule",
    variants={
        "denial-too-wide": (
            "Erasure is refused for the whole register on a legal obligation, but the notice "
            "itself keeps {categories} on no legal obligation",
            "Refuse erasure only for the data the law requires to keep; erase the rest on "
            "request (Art. 17(1))",
        ),
    },
    what="A statutory hold applies only to data categories holding the material its statute "
    "covers (e.g. the Accounting Act: vouchers and books). A hold with a known statute that "
    "covers other categories, or a hold without categories in a register where only some "
    "categories hold statutory material, is a finding listing the categories wrongly held. "
    "The right to erasure stated as denied for the whole register on a legal obligation, "
    "where rules stated for some categories keep them on no statute or law (and they hold "
    "no statutory material), is a finding naming those categories (`denial-too-wide`).",
    why="The Finnish DPO ordered a collection agency to erase data kept 'for bookkeeping' "
    "that were not accounting material (19 Mar 2020, 4359/163/2018); Art. 17(3)(b) exempts "
    "only what the legal obligation requires (catalogue DEF-07, FI_DPO_4359).",
    example="`{kind: statutory-hold, statute: FI_KPL_2_10_SHORT}` covering `contact-details`.",
    enforces="Art. 17(3)(b): erasure does not apply to the extent that processing is necessary "
    "'for compliance with a legal obligation which requires processing by Union or "
    "Member State law'; Art. 5(1)(e): 'no longer than is necessary for the purposes'",
    sections=("retention", "rights"),
    references=(DPO_4359,),
)
def art17_3_b(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    for i, item in enumerate(register.retention):
        if item.kind is not _HOLD:
            continue
        covered = [
            c for c in register.data_categories if not item.categories or c.id in item.categories
        ]
        known = statute(item.statute) if item.statute else None
        if known is not None:
            wrong = tuple(c.id for c in covered if not set(c.material) & set(known.material))
        elif not item.categories and any(c.material for c in covered):
            wrong = tuple(c.id for c in covered if not c.material)
        else:
            wrong = ()
        if wrong:
            hits.append(hit(f"{ctx.path}.retention[{i}]", text=item.text, categories=wrong))
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if _ERASURE in f.denied:  # else nothing is refused
        hits.extend(_denial_too_wide(register, ctx))
    return hits


# A refusal grounded on a legal obligation: a law's name or number, or the words for it.
_LEGAL_OBLIGATION = LazyPattern(
    r"laki\b|lain\b|lakisää|\b\d{1,4}/\d{4}\b|\blag(?:en)?\b|lagstadg|\blaws?\b|"
    r"legal(?:ly)? (?:obligation|required)|statutory|17\s*\(3\)\s*\(b\)",
    re.IGNORECASE,
)


def _statutory(item: RetentionRule) -> bool:
    return (
        item.kind is _HOLD or item.statute is not None
        or item.law is not None
    )


def _denial_too_wide(register: Register, ctx: Context) -> Iterator[Hit]:
    """Art. 17(3)(b) 'to the extent that': a wholesale refusal on a legal obligation covers
    only what the law requires; categories the notice keeps on its own rules are not."""
    for j, right in enumerate(register.rights):
        if right.right is not _ERASURE or right.status is not _DENIED:
            continue
        grounds = " ".join(t for t in (right.reason, right.condition) if t)
        if not _LEGAL_OBLIGATION.search(grounds):
            continue
        own = []
        for category in register.data_categories:
            # Only a rule stated for this category is evidence of why it is kept: a
            # register-wide "until no longer needed" says nothing about the member list.
            rules = [r for r in register.retention if category.id in r.categories]
            if category.material or not rules or any(_statutory(r) for r in rules):
                continue
            own.append(category.id)
        if own:
            yield hit(f"{ctx.path}.rights[{j}]", problem="denial-too-wide", text=right.reason,
                      categories=tuple(own))
