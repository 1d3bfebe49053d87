"""Rights as stated: a right that applies must not be stated narrower than the law gives it
(Art. 17(1), 20(1), 21(1)-(4); catalogue §2.4 and §10)."""

from __future__ import annotations

from collections.abc import Sequence

from gdpr_register.model.enums import RightCondition, RightKind, RightStatus
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register, StatedRight
from gdpr_register.rules._engine import ArgValue, Context, Hit, Severity, hit, rule
from gdpr_register.rules.catalogue._common import (
    NARROWING,
    at,
    facts,
    narrowing,
    objection_bases,
    portability_bases,
    right_path,
)

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``): the
# same facts, without a function call per rule and register on the hot path.

ART21 = "https://overview.legal/laws/gdpr/art-21"

# Members read on every register, as module constants: on Python 3.11 a member read from its
# class costs several times a global (EnumType's attribute lookup).
_ERASURE, _PORTABILITY = RightKind.ERASURE, RightKind.PORTABILITY
_OBJECTION, _DM_OBJECTION = RightKind.OBJECTION, RightKind.DIRECT_MARKETING_OBJECTION
_CONDITIONAL = RightStatus.CONDITIONAL
_OBJECTION_VALUE = _OBJECTION.value


@rule(
    "ART17_1",
    title="Erasure stated with a condition the law does not have",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 17(1), 13(2)(b)",
    message="The erasure right is limited to {condition!r}, dropping grounds Art. 17(1) gives "
    "(consent withdrawn, objection, unlawful processing, a legal obligation to erase)",
    fix="State the erasure right with all of its Art. 17(1) grounds (or plainly, without "
    "conditions), and name the Art. 17(3) exceptions that apply",
    variants={
        "some-cases": (
            "The erasure right is stated for some cases only ({condition!r}); check that every "
            "Art. 17(1) ground that applies to the processing is among them",
            "State the erasure right with all of its Art. 17(1) grounds that apply (no longer "
            "necessary, consent withdrawn, objection, unlawful processing, a legal obligation)",
        ),
    },
    enforces="Art. 17(1): erasure where the data are no longer necessary '(a)', consent is "
    "withdrawn '(b)', the subject objects '(c)', the processing is unlawful '(d)', a legal "
    "obligation requires it '(e)' or the data were collected under Art. 8(1) '(f)'; Art. "
    "13(2)(b): 'the existence of the right to request ... erasure'",
    sections=("rights",),
    what="A stated erasure right whose condition is normalised as 'only if no longer "
    "necessary' (or only if unlawful, only where consent is the sole basis) misstates it "
    "(medium): Art. 17(1) gives the right on six grounds, of which unlawful processing (d) and "
    "a legal obligation to erase (e) exist whatever the basis. A condition normalised as "
    "'some cases' is info (the article itself lists cases; the stated ones may be them). "
    "Unnormalised conditions are not judged.",
    why="Art. 13(2)(b) asks for the existence of the erasure right; telling the data subject "
    "that it exists only on one ground tells them it does not exist on the others "
    "(catalogue §10: a right conditioned contrary to the law is a defect).",
    example="`rights: [{right: erasure, status: conditional, condition_kind: "
    "only-if-not-necessary}]`.",
    references=("https://gdprhub.eu/Article%2017%20GDPR",),
)
def art17_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    right = f.rights.get(_ERASURE)
    if right is None or right.status is not _CONDITIONAL:
        return ()
    kind = right.condition_kind
    if kind not in NARROWING:
        return ()
    path = right_path(register, ctx, _ERASURE)
    condition = right.condition or kind
    if kind is RightCondition.SOME_CASES:
        # Art. 17(1) itself grants erasure in listed cases: "in some cases" may restate some of
        # them. Only a reading of the text tells whether a ground that applies is left out.
        return (hit(path, problem="some-cases", condition=condition, severity=Severity.INFO),)
    return (hit(path, problem="narrowed", condition=condition),)


@rule(
    "ART20_1",
    title="Data portability applies (consent or contract, automated processing)",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 20(1)",
    message="Portability applies to processing on {bases} by automated means, but the notice "
    "states it as {status}",
    fix="State the portability right without the condition or refusal",
    variants={
        "unclear": (
            "The {right} right is stated with a condition ({condition}) that may narrow it; "
            "cannot tell whether it matches the law's own",
            "State the right on the law's own terms, or record how the condition reads "
            "(condition_kind)",
        ),
    },
    enforces="Art. 20(1): 'The data subject shall have the right to receive the personal data "
    "concerning him or her, which he or she has provided to a controller ... where (a) the "
    "processing is based on consent ... or on a contract ...; and (b) the processing is "
    "carried out by automated means'",
    sections=("rights",),
    what="Where a purpose may rest on consent (6(1)(a), 9(2)(a)) or contract (6(1)(b)) "
    "(pooled bases count), the register is processed by automated means and data are "
    "provided by the subject, the portability right must not be denied or made conditional "
    "beyond the law's own terms (a condition the encoder did not normalise is info: cannot "
    "tell). A register that does not say whether processing is "
    "automated counts as automated (option `assume_automated_processing`); a register whose "
    "stated sources are all others, or whose categories are all derived, gives no "
    "portability. A missing right is ART13_2_b.",
    why="Art. 20(1)(a),(b): the right applies where processing is based on consent or on a "
    "contract and is carried out by automated means, to data the subject provided (WP242 "
    "rev.01; catalogue §2.4 RIGHT_PORTABILITY).",
    example="Basis 6(1)(b), `automated_processing: true`, `portability` with `status: denied`.",
    references=("https://overview.legal/laws/gdpr/art-20",),
)
def art20_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    right = f.rights.get(_PORTABILITY)
    how = None if right is None else narrowing(right)
    if right is None or how is None:
        return ()
    bases = portability_bases(f)
    return (_stated_hit(register, ctx, right, how, bases=bases),) if bases else ()


@rule(
    "ART21_1",
    title="The right to object applies (public task or legitimate interests)",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 21(1)",
    message="Processing on {bases} can be objected to on grounds relating to the data "
    "subject's situation, but the notice states the right as {status}",
    fix="State the objection right as Art. 21(1) gives it: the controller must stop unless it "
    "demonstrates compelling legitimate grounds",
    variants={
        "unclear": (
            "The {right} right is stated with a condition ({condition}) that may narrow it; "
            "cannot tell whether it matches the law's own",
            "State the right on the law's own terms, or record how the condition reads "
            "(condition_kind)",
        ),
    },
    enforces="Art. 21(1): 'The data subject shall have the right to object, on grounds "
    "relating to his or her particular situation, at any time to processing of personal data "
    "concerning him or her which is based on point (e) or (f) of Article 6(1)'",
    sections=("rights",),
    what="Where a purpose may rest on 6(1)(e) or 6(1)(f) (pooled bases count), the objection "
    "right must not be denied or made conditional on anything but Art. 21(1)'s own terms "
    "(e.g. 'only if the processing is unlawful'). A condition normalised as the law's own "
    "(`condition_kind: as-in-law`) is no finding, one not normalised is info (cannot tell); "
    "missing rights are ART13_2_b.",
    why="Art. 21(1): the data subject may object at any time to processing based on point (e) "
    "or (f) of Art. 6(1); the controller must stop unless it demonstrates compelling "
    "legitimate grounds (catalogue §2.4 RIGHT_OBJECT_GENERAL, §10).",
    example="Basis 6(1)(f) and `objection` with `status: conditional, condition: 'if processed "
    "unlawfully'`.",
    references=(ART21,),
)
def art21_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    right = f.rights.get(_OBJECTION)
    how = None if right is None else narrowing(right)
    if right is None or how is None:
        return ()
    bases = objection_bases(f)
    return (_stated_hit(register, ctx, right, how, bases=bases),) if bases else ()


def _stated_hit(
    register: Register, ctx: Context, right: StatedRight, how: str, **args: tuple[str, ...]
) -> Hit:
    """A stated right that departs from the law; an unnormalised condition is info only."""
    values: dict[str, ArgValue] = {"problem": how, "status": right.status.value,
                                   "right": right.right.value, "condition": right.condition}
    values.update(args)
    return Hit(right_path(register, ctx, right.right), values,
               severity=Severity.INFO if how == "unclear" else None)


@rule(
    "ART21_2",
    title="The absolute right to object to direct marketing",
    severity=Severity.HIGH,
    citation="GDPR Art. 21(2), 21(3)",
    message="Purpose {purposes} is direct marketing, but the right to object to it is {status}",
    fix="State that the data subject can object to direct marketing at any time, after which "
    "the data are no longer processed for it",
    variants={
        "unclear": (
            "The {right} right is stated with a condition ({condition}) that may narrow it; "
            "cannot tell whether it matches the law's own",
            "State the right on the law's own terms, or record how the condition reads "
            "(condition_kind)",
        ),
    },
    enforces="Art. 21(2): 'Where personal data are processed for direct marketing purposes, "
    "the data subject shall have the right to object at any time to processing of personal "
    "data concerning him or her for such marketing'; 21(3): the data 'shall no longer be "
    "processed for such purposes'",
    sections=("rights",),
    what="Where any purpose is direct marketing, whatever its basis, the direct-marketing "
    "objection right is stated, unconditionally (a condition not normalised is info).",
    why="Art. 21(2)-(3): the right to object to direct marketing, including related profiling, "
    "is absolute: the data 'shall no longer be processed for such purposes'.",
    example="A purpose `kinds: [direct-marketing]` and no `direct-marketing-objection` right.",
    references=(ART21,),
)
def art21_2(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    purposes = f.marketing
    if not purposes:
        return ()
    right = f.rights.get(_DM_OBJECTION)
    if right is None:
        return (hit(at(register, ctx, "rights"), purposes=purposes, status="not stated"),)
    how = narrowing(right)
    return () if how is None else (_stated_hit(register, ctx, right, how, purposes=purposes),)


@rule(
    "ART21_4",
    title="The objection rights brought to the data subject's attention",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 21(4)",
    message="The {right} right applies ({reason}) but is not brought to the data subject's "
    "attention",
    fix="State the right to object explicitly, clearly and separately from other information",
    enforces="Art. 21(4): 'At the latest at the time of the first communication with the data "
    "subject, the right referred to in paragraphs 1 and 2 shall be explicitly brought to the "
    "attention of the data subject'",
    advice="Art. 21(4) also asks that the right be 'presented clearly and separately from any "
    "other information'; a list of rights cannot show that, so it is not judged",
    sections=("rights",),
    what="Where a purpose may rest on 6(1)(e)/(f) and the notice states no objection right at "
    "all, the Art. 21(1) right is not brought to attention. A stated right is never reported "
    "here (how it is laid out cannot be judged from the document); a stated right narrower "
    "than the law is ART21_1's (or ART21_2's) finding, and a missing direct-marketing "
    "objection is ART21_2's: one breach is reported once.",
    why="Art. 21(4) requires the rights of paragraphs 1 and 2 to be explicitly brought to the "
    "subject's attention; a right that is not stated at all is not (catalogue DEF-09, "
    "issue 9).",
    example="Basis 6(1)(f) and no `objection` or `direct-marketing-objection` right.",
    references=(ART21,),
)
def art21_4(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    rights = f.rights
    # Any stated objection right is brought to attention in words this document does not hold:
    # only a notice that states none at all is reported as missing. A missing direct-marketing
    # objection is ART21_2's claim (Art. 21(2)-(3)); saying it again under 21(4) would be one
    # breach reported twice: only the general objection right (21(1)) is reported here.
    if _OBJECTION in rights or _DM_OBJECTION in rights:
        return ()
    reason = objection_bases(f)
    if not reason:
        return ()
    return (hit(at(register, ctx, "rights"), problem="missing", right=_OBJECTION_VALUE,
                reason="on " + ", ".join(reason), condition=None),)
