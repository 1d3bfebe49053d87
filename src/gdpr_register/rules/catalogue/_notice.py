"""Notice-wide rules: representative, identity, obsolete law, review, joint controllers, waivers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from gdpr_register._dates import add_months
from gdpr_register.law.eea import GDPR_APPLIES_FROM, is_eea
from gdpr_register.law.statutes import PERSONAL_DATA_ACT, repealed_law_cited
from gdpr_register.model.enums import NoticeKind, RecipientRole
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register, StatedBasis
from gdpr_register.rules._engine import Context, Hit, Options, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import LazyPattern, contains_any, facts


def _art27_2_a(notice: Notice) -> bool | None:
    """Art. 27(2)(a) for every register: True exempt, False not exempt, None cannot tell."""
    answers = []
    for register in notice.registers:
        heavy = any(c.special is not None or c.criminal for c in register.data_categories)
        if (
            register.occasional is False
            or register.likely_risk is True
            or (register.large_scale is True and heavy)
        ):
            return False
        exempt = (
            register.occasional is True
            and register.likely_risk is False
            and (not heavy or register.large_scale is False)
        )
        answers.append(exempt)
    return True if answers and all(answers) else None


@notice_rule(
    "ART27",
    title="A controller outside the EEA names its EU representative",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 27(1)-(2), 3(2), 13(1)(a)",
    message="The controller is established in {country}, outside the EEA, offers goods or "
    "services to or monitors people in the Union, and names no representative in the Union",
    fix="Designate a representative in a Member State and name it in the notice",
    variants={
        "cannot-tell": (
            "The controller is established in {country}, outside the EEA, and names no "
            "representative in the Union; whether Art. 27 applies cannot be told ({unknown})",
            "State whether the controller targets or monitors people in the Union (Art. 3(2)) "
            "and whether the Art. 27(2) exemptions apply, or name the representative",
        ),
    },
    what="A controller whose Member State (country, else the address's country) is not an "
    "EEA country on `as_of`, that is within Art. 3(2) (`targets_union: true`), is not a "
    "public authority (`public_authority: false`) and is not exempt under Art. 27(2)(a) "
    "(some register is not occasional, is likely to result in a risk, or processes Art. 9/10 "
    "data on a large scale) names an Art. 27 representative (medium). Where one of these "
    "facts is not stated, an `info` says what is missing; `targets_union: false`, a public "
    "authority, or every register occasional, unlikely to result in a risk and without "
    "large-scale Art. 9/10 data: no finding.",
    why="Art. 27(1): 'Where Article 3(2) applies, the controller or the processor shall "
    "designate in writing a representative in the Union.' Art. 27(2): 'The obligation ... "
    "shall not apply to: (a) processing which is occasional, does not include, on a large "
    "scale, processing of special categories of data as referred to in Article 9(1) or "
    "processing of personal data relating to criminal convictions and offences referred to in "
    "Article 10, and is unlikely to result in a risk to the rights and freedoms of natural "
    "persons ...; or (b) a public authority or body.'",
    example="`controller: {country: US, targets_union: true, public_authority: false}` with "
    "a register `occasional: false` and no `representative`.",
    enforces="Art. 27(1): 'Where Article 3(2) applies, the controller or the processor shall "
    "designate in writing a representative in the Union'; Art. 13(1)(a): 'the identity "
    "and the contact details of the controller and, where applicable, of the "
    "controller's representative'",
    advice="Info where the notice does not say whether Art. 3(2) applies or the Art. 27(2) "
    "exemptions do",
    sections=("controller", "representative"),
    references=("https://gdprhub.eu/index.php?title=Article_27_GDPR",),
)
def art27(notice: Notice, ctx: Context) -> Iterator[Hit]:
    controller = notice.controller
    country = controller.member_state
    if not country or is_eea(country, ctx.as_of) or controller.representative is not None:
        return
    if controller.targets_union is False or controller.public_authority is True:
        return
    exempt = _art27_2_a(notice)
    if exempt is True:
        return
    unknown = []
    if controller.targets_union is None:
        unknown.append("targets_union (Art. 3(2))")
    if controller.public_authority is None:
        unknown.append("public_authority (Art. 27(2)(b))")
    if exempt is None:
        unknown.append("occasional / likely_risk / large_scale (Art. 27(2)(a))")
    if unknown:
        yield hit("$.controller", problem="cannot-tell", severity=Severity.INFO,
                  country=country, unknown=tuple(unknown))
    else:
        yield hit("$.controller", problem="missing", country=country, unknown=())


@notice_rule(
    "FI_BUSINESS_ID",
    title="A Finnish controller gives its business ID",
    severity=Severity.INFO,
    citation="GDPR Art. 13(1)(a); Finnish company law (unconfirmed)",
    message="The Finnish controller's business ID (Y-tunnus) is not given",
    fix="Add the business ID (business_id: {{scheme: fi-ytunnus, value: NNNNNNN-C}})",
    what="A controller in Finland gives its Y-tunnus. GDPR does not require it; it identifies "
    "the controller unambiguously (catalogue DEF-14, confidence U).",
    why="Art. 13(1)(a) asks for the controller's identity; a registered business ID removes "
    "any doubt about which legal person is meant.",
    example="`controller: {country: FI}` without `business_id`.",
    enforces="",
    advice="Give the Finnish business ID (Y-tunnus): it identifies the controller "
    "unambiguously; GDPR does not require it",
    sections=("controller",),
    references=("https://www.ytj.fi/en/",),
)
def fi_business_id(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if notice.controller.member_state == "FI" and notice.controller.business_id is None:
        yield hit("$.controller")


_CONNECTION = LazyPattern(r"asiallinen yhteys|asiallisen yhteyden|appropriate connection|"
                         r"saklig(?:t)? samband", re.IGNORECASE)
# The pattern's words as written: one found in the text is a match of the pattern, which is
# then compiled only for a text that holds them in other letter cases (or none of them).
_CONNECTION_WORDS = ("asiallinen yhteys", "asiallisen yhteyden", "appropriate connection",
                     "saklig samband", "sakligt samband")
_HINTS = ("yhtey", "connection", "samband", "523/1999", "henkilötietolak", "personuppgiftslag",
          "personal data act")


@notice_rule(
    "FI_TSL_REPEALED",
    title="The notice relies on the repealed Personal Data Act",
    severity=Severity.MEDIUM,
    citation="Finnish Data Protection Act 1050/2018; Personal Data Act 523/1999 (repealed)",
    message="{what} belongs to the Personal Data Act 523/1999, superseded by GDPR on "
    "2018-05-25 and repealed on 2019-01-01: {text!r}",
    fix="Rewrite the notice against GDPR and the Data Protection Act 1050/2018",
    variants={
        "superseded": (
            "{what} belongs to the Personal Data Act 523/1999, which GDPR displaced from "
            "2018-05-25 (the Act itself stayed in force until 2019-01-01): {text!r}",
            "Rewrite the notice against GDPR (Art. 6(1) bases, Art. 13/14 information)",
        ),
    },
    what="From 2019-01-01 (the Act repealed), a notice that cites the Personal Data Act "
    "(henkilötietolaki 523/1999), calls itself a register description (rekisteriseloste, "
    "§10), or states the Act's 'connection requirement' (asiallinen yhteys) as a basis is "
    "obsolete (medium). From 2018-05-25 to 2018-12-31 the Act was still in force where GDPR "
    "left room for national law: only the 'connection requirement' stated as a basis is a "
    "finding (medium: GDPR's bases are those of Art. 6(1)); citing the Act or calling the "
    "notice a register description is `info`, and the fix does not point to the Data "
    "Protection Act 1050/2018, which was not yet in force. Before 2018-05-25 the Act "
    "applied: no finding. For a controller established outside Finland only the number "
    "523/1999 is recognised (another country's 'Personal Data Act' is another law).",
    why="GDPR applies from 2018-05-25 (Art. 99(2)) and its bases are those of Art. 6(1); the "
    "Data Protection Act 1050/2018, in force 2019-01-01, repealed the Personal Data Act "
    "(catalogue §9 FI_TSL_REPEALED, DEF-15).",
    example="`cited_laws: ['Henkilötietolaki 523/1999']` as of 2026-11-25.",
    enforces="Data Protection Act 1050/2018 (in force 2019-01-01), repealing the Personal Data "
    "Act 523/1999; GDPR Art. 6(1): 'Processing shall be lawful only if and to the extent "
    "that at least one of the following applies'",
    advice="Info between 2018-05-25 and 2018-12-31 for citing the Act or calling the notice a "
    "register description (the Act was still in force)",
    references=("https://finlex.fi/fi/laki/alkup/2018/20181050",),
)
def fi_tsl_repealed(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if ctx.as_of < PERSONAL_DATA_ACT.superseded:
        return
    in_force = ctx.as_of < PERSONAL_DATA_ACT.repealed  # superseded by GDPR, not yet repealed
    finnish = notice.controller.member_state in (None, "FI")

    def cites(text: str) -> bool:
        if not finnish:
            return "523/1999" in text
        return repealed_law_cited(text, ctx.as_of) is not None

    problem = "superseded" if in_force else "repealed"
    minor = Severity.INFO if in_force else None
    for i, law in enumerate(notice.cited_laws):
        if cites(law):
            yield hit(f"$.cited_laws[{i}]", problem=problem, severity=minor,
                      what="A cited law", text=law)
    if notice.kind is NoticeKind.REGISTER_DESCRIPTION and finnish:
        yield hit("$.kind", problem=problem, severity=minor,
                  what="The register description", text=notice.kind.value)
    for index, register in enumerate(notice.registers):
        if not _may_cite(register):
            continue
        for path, basis in facts(notice, register, ctx).all_bases:
            text = _basis_text(basis)
            if not contains_any(text.lower(), _HINTS):
                continue
            if (finnish and _connection(text)) or cites(text):
                yield hit(f"$.registers[{index}]{path}", register=register.id, problem=problem,
                          what="The 'connection requirement' basis", text=text)


def _connection(text: str) -> bool:
    """Whether ``text`` states the connection requirement (:data:`_CONNECTION`)."""
    return contains_any(text, _CONNECTION_WORDS) or _CONNECTION.search(text) is not None


def _may_cite(register: Register) -> bool:
    """The prefilter: whether any hint is in the texts and laws of the register's bases.

    One search over them all, joined by spaces: every basis's own text (its text, a space, its
    law: :func:`_basis_text`) is a substring of the whole, so a hint found there is found here
    (a hint across two bases only costs the exact search). Plain loops: this runs for every
    register.
    """
    parts = []
    for b in register.pooled_bases:
        parts.append(b.text or "")
        parts.append(b.law or "")
    for p in register.purposes:
        for b in p.bases:
            parts.append(b.text or "")
            parts.append(b.law or "")
    return contains_any(" ".join(parts).lower(), _HINTS)


def _basis_text(basis: StatedBasis) -> str:
    """A basis's text and law, as one text (the prefilter and the search read the same)."""
    text, law = basis.text, basis.law
    return f"{text} {law}" if text and law else text or law or ""


def _review_due(notice: Notice, options: Options) -> Iterator[date]:
    """The first day ART24_1_REVIEW reports a dated notice as stale (its ``changes`` hook:
    the interval is an option, so no table of dated facts holds the day)."""
    if notice.updated_on is not None:
        try:
            yield add_months(notice.updated_on, options.notice_review_months) + timedelta(days=1)
        except (ValueError, OverflowError):  # past year 9999: never stale
            return


@notice_rule(
    "ART24_1_REVIEW",
    title="The notice has not been reviewed recently",
    severity=Severity.INFO,
    citation="GDPR Art. 24(1), 5(2)",
    message="The notice was last updated {updated}, more than {months} months before {as_of}",
    fix="Review the notice against current law and practice and update its date",
    variants={
        "not-dated": (
            "The notice does not say when it was last updated",
            "Date the notice (updated: YYYY-MM-DD) so readers can tell it is current",
        ),
    },
    what="Advice (`info`): a notice whose `updated` date is older than "
    "`notice_review_months` (default 24; `notice-review-months` in the configuration) on "
    "`as_of` is flagged for review, and an undated notice is asked for a date. The interval "
    "is good practice, not law. A partial date "
    "(`2026-05`, `2026`) counts from the last day of the stated period. A date alone does "
    "not show that the measures were not 'reviewed and updated where necessary', and no "
    "article requires a date, so this never asserts a breach.",
    why="Art. 24(1): the controller's measures 'shall be reviewed and updated where "
    "necessary'; the law moves (Privacy Shield, SCCs, adequacy decisions), so an old notice "
    "is likely out of date (catalogue DEF-15).",
    example="`updated: 2018-09-05` as of 2026-11-25.",
    enforces="",
    advice="Art. 24(1) 'Those measures shall be reviewed and updated where necessary': review "
    "a notice older than the review interval (default 24 months), and date it",
    references=("https://gdprhub.eu/index.php?title=Article_24_GDPR",),
    changes=_review_due,
)
def art24_1_review(notice: Notice, ctx: Context) -> Iterator[Hit]:
    months = ctx.options.notice_review_months
    updated = notice.updated_on  # the latest day of a partial date (CONTRACT §6)
    if updated is None:
        yield hit("$", problem="not-dated", severity=Severity.INFO, updated=None,
                  months=months, as_of=ctx.as_of)
        return
    try:
        stale = add_months(updated, months) < ctx.as_of
    except ValueError:  # past year 9999: not stale on any representable date
        stale = False
    if stale:
        shown = updated if str(notice.updated) == updated.isoformat() else str(notice.updated)
        yield hit("$", problem="stale", updated=shown, months=months, as_of=ctx.as_of)


@rule(
    "ART26",
    title="Joint controllers disclose the essence of their arrangement",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 26(1)-(2); CJEU C-40/17 Fashion ID",
    message="{recipient} is a joint controller but the essence of the arrangement is not "
    "stated",
    fix="State who does what under the Art. 26 arrangement and where data subjects exercise "
    "their rights",
    what="A recipient in the joint-controller role carries the essence of the Art. 26 "
    "arrangement (`arrangement`).",
    why="Art. 26(2): 'The essence of the arrangement shall be made available to the data "
    "subject'; a website's social plug-in makes the site a joint controller for collection "
    "and transmission (C-40/17 Fashion ID, 29 Jul 2019; catalogue DEF-11).",
    example="`recipients: [{id: meta, role: joint-controller}]` without `arrangement`.",
    enforces="Art. 26(2): 'The essence of the arrangement shall be made available to the data "
    "subject.'",
    sections=("recipients",),
    references=("https://curia.europa.eu/juris/liste.jsf?num=C-40/17",),
)
def art26(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    for i, recipient in enumerate(register.recipients):
        if recipient.role is _JOINT and not recipient.arrangement:
            hits.append(hit(f"{ctx.path}.recipients[{i}]", recipient=recipient.id))
    return hits


# Read for every recipient, as a module constant: on Python 3.11 a member read from its class
# costs several times a global (EnumType's attribute lookup).
_JOINT = RecipientRole.JOINT_CONTROLLER


@notice_rule(
    "WAIVER_EXPIRED",
    title="A waiver has expired",
    severity=Severity.INFO,
    citation="GDPR Art. 5(2) (accountability)",
    message="The waiver of {rule} expired on {expires}; the findings it acknowledged are "
    "active again",
    fix="Fix the findings, or renew the waiver with a fresh justification and expiry date",
    what="A waiver in `notice.waivers` whose `expires` date is before `as_of`. Expired "
    "waivers waive nothing: the findings they covered are reported as active.",
    why="An acknowledgement of a finding is an accountability record (Art. 5(2)); one that "
    "has lapsed must be re-assessed, not silently kept. The lapse itself breaches no "
    "article: the findings it covered are reported again at their own severity, and they carry "
    "the legal claim, so this is advice (info).",
    example="`waivers: [{rule: ART5_2, justification: ..., expires: 2025-12-31}]` as of "
    "2026-11-25.",
    enforces="",
    advice="Renew or drop a lapsed waiver (Art. 5(2) accountability record keeping)",
    references=(),
)
def waiver_expired(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for i, waiver in enumerate(notice.waivers):
        if waiver.expires is not None and waiver.expires < ctx.as_of:
            yield hit(f"$.waivers[{i}]", rule=waiver.rule, expires=waiver.expires)


@notice_rule(
    "GDPR_NOT_YET_APPLICABLE",
    title="GDPR did not yet apply on the date",
    severity=Severity.INFO,
    citation="GDPR Art. 99(2); Directive 95/46/EC",
    message="GDPR applies from {applies_from}; on {as_of} it did not yet apply, so the notice "
    "is not checked against it",
    fix="Evaluate on a date from 2018-05-25, or check the period against the national law of "
    "the time (in Finland the Personal Data Act 523/1999)",
    what="An `as_of` date before 2018-05-25: `evaluate` runs no rule whose citation is GDPR "
    "and reports this one `info` finding instead; rules citing national law only run on "
    "their own dates.",
    why="Art. 99(2): GDPR 'shall apply from 25 May 2018'; before that date Directive 95/46/EC "
    "and the national laws implementing it applied, and a finding under GDPR would assert "
    "a breach of a law not yet in force.",
    example="`evaluate(notice, as_of='2017-06-01')` -> one GDPR_NOT_YET_APPLICABLE finding.",
    enforces="",
    advice="Art. 99(2): GDPR 'shall apply from 25 May 2018'; nothing is checked against it "
    "before",
    references=("https://eur-lex.europa.eu/eli/reg/2016/679/oj",),
)
def art99_2(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if ctx.as_of < GDPR_APPLIES_FROM:
        yield hit("$", applies_from=GDPR_APPLIES_FROM, as_of=ctx.as_of)
