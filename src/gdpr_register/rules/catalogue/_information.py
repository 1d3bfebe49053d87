"""Art. 13(2)(e)-(f): whether providing the data is required, and automated decisions."""

from __future__ import annotations

from collections.abc import Sequence

from gdpr_register.model.enums import ProvisionRequirement, Section, SectionState
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, rule
from gdpr_register.rules.catalogue._common import INDIRECT, at, facts

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).

ART13 = "https://gdprhub.eu/index.php?title=Article_13_GDPR"


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_ADM_SECTION = Section.AUTOMATED_DECISIONS
_INFO = Severity.INFO
_STATED_NONE = SectionState.NONE
_VOLUNTARY = ProvisionRequirement.VOLUNTARY


@rule(
    "ART13_2_e",
    title="Whether providing the data is required, and the consequences of not",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(2)(e)",
    message="The notice does not say whether providing the data is a statutory or contractual "
    "requirement or needed to enter a contract",
    fix="Add a provision statement: required by law / by the contract / to enter the "
    "contract, or voluntary",
    variants={
        "incomplete": (
            "The provision statement does not say what happens if the data are not provided",
            "State the possible consequences of not providing the data",
        ),
        "per-category": (
            "Which data must be provided is stated per data category, but not the possible "
            "consequences of not providing them",
            "State the possible consequences of not providing the required data",
        ),
    },
    enforces="Art. 13(2)(e): 'whether the provision of personal data is a statutory or "
    "contractual requirement, or a requirement necessary to enter into a contract, as well as "
    "whether the data subject is obliged to provide the personal data and of the possible "
    "consequences of failure to provide such data'",
    sections=("provision",),
    what="A register whose data are collected from the data subject says whether providing "
    "them is a statutory or contractual requirement or needed to enter a contract (problem "
    "`not-stated`, `missing: requirement`), and, unless provision is voluntary, the possible "
    "consequences of not providing them (`incomplete`, `missing: consequences`). One finding "
    "per missing element. Stating the requirement answers whether the subject is obliged (a "
    "statutory requirement obliges; a contract prerequisite does not, but the contract needs "
    "the data). A requirement stated per data category only, without consequences, is info. "
    "A register whose stated sources are all others than the subject and supply every category "
    "is under Art. 14, which has no such item.",
    why="Art. 13(2)(e) lists the requirement, whether the subject is obliged, and the "
    "consequences (catalogue DEF-08); the finding names only what is missing (issue 9).",
    example="A register without `provision`; or `provision: {requirement: contractual}` with "
    "no `consequences`.",
    references=(ART13,),
)
def art13_2_e(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if _art14_only(register):
        return ()  # 13(2)(e) is not among Art. 14's items
    provision = register.provision
    hits: list[Hit] = []
    if provision is None:
        stated = required = False  # per data category: some stated, some not voluntary
        for category in register.data_categories:
            given = category.provision
            if given is not None:
                stated = True
                if given is not _VOLUNTARY:
                    required = True
                    break
        if not stated:
            hits.append(hit(ctx.path, problem="not-stated", missing=("requirement",)))
        elif required:
            hits.append(hit(ctx.path, problem="per-category", missing=("consequences",),
                            severity=_INFO))
        return hits
    if provision.requirement is not _VOLUNTARY and not provision.consequences:
        hits.append(hit(at(register, ctx, "provision"), problem="incomplete",
                        missing=("consequences",)))
    return hits


def _art14_only(register: Register) -> bool:
    """Every stated source is someone other than the subject, and between them they supply
    every category: nothing is shown to be collected from the subject (Art. 13)."""
    if not register.sources:
        return False
    for source in register.sources:  # a loop: any() over a generator costs more here
        if source.kind not in INDIRECT:
            return False
    supplied = {c for s in register.sources for c in s.categories}
    return all(c.id in supplied for c in register.data_categories)


@rule(
    "ART13_2_f",
    title="Automated decision-making: the logic, significance and consequences",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(2)(f), 14(2)(g), 22(1), 22(4)",
    message="Automated decisions (Art. 22(1)) are made, but the notice gives no meaningful "
    "information about {missing}",
    fix="Explain the logic involved and the significance and envisaged consequences of the "
    "decisions",
    variants={
        "not-stated": (
            "The notice does not say whether automated decision-making or profiling is used",
            "Add a statement on automated decision-making and profiling",
        ),
        "decisions-unknown": (
            "Profiling is used; the notice does not say whether it leads to automated "
            "decisions with legal or similarly significant effects (Art. 22(1))",
            "Say whether decisions are made solely by automated means; if so, explain the "
            "logic, significance and consequences",
        ),
    },
    enforces="Art. 13(2)(f): 'the existence of automated decision-making, including profiling, "
    "referred to in Article 22(1) and (4) and, at least in those cases, meaningful information "
    "about the logic involved, as well as the significance and the envisaged consequences of "
    "such processing for the data subject'",
    advice="Saying explicitly that no automated decisions are made is good practice (info)",
    sections=("automated-decisions",),
    what="Where decisions based solely on automated processing (Art. 22(1), (4)) are made, "
    "the notice explains the logic involved (`missing: logic`) and the significance and "
    "envisaged consequences (`missing: significance`), one finding per missing element. "
    "Profiling without such decisions does not call for them. A register with no statement "
    "gets an info finding (none where the notice says explicitly there are none); profiling "
    "with the decisions not stated gets an info finding.",
    why="Art. 13(2)(f) asks for the logic, significance and consequences 'at least in those "
    "cases', i.e. for Art. 22(1) and (4) decisions; profiling alone is not one (issue 9 item "
    "8, catalogue §10).",
    example="`automated_decisions: {automated_decisions: true, profiling: false}` without "
    "`logic`.",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_22_GDPR"),
)
def art13_2_f(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    adm = register.automated_decisions
    hits: list[Hit] = []
    if adm is None:
        if (f := ctx.facts) is None or f.register is not register:
            f = facts(notice, register, ctx)
        if f.section_state(_ADM_SECTION) is not _STATED_NONE:
            hits.append(hit(ctx.path, problem="not-stated", missing=(), severity=_INFO))
        return hits
    path = at(register, ctx, "automated_decisions")
    if adm.automated_decisions is True:
        for name, value in (("logic", adm.logic), ("significance", adm.significance)):
            if not value:
                hits.append(hit(path, problem="incomplete", missing=(name,)))
    elif adm.automated_decisions is None and adm.profiling:
        hits.append(hit(path, problem="decisions-unknown", missing=(), severity=_INFO))
    return hits
