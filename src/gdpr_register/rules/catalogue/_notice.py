"""Notice-wide rules: representative, identity, obsolete law, review, joint controllers, waivers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdpr_register._dates import add_months
from gdpr_register.law.eea import is_eea
from gdpr_register.law.statutes import PERSONAL_DATA_ACT, repealed_law_cited
from gdpr_register.model.enums import NoticeKind, RecipientRole
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import all_bases


@notice_rule(
    "ART27",
    title="A controller outside the EEA names its EU representative",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 27(1), 13(1)(a)",
    message="The controller is established in {country}, outside the EEA, and names no "
    "representative in the Union",
    fix="Designate a representative in a Member State and name it in the notice",
    what="A controller whose Member State (country, else the address's country) is not an "
    "EEA country on `as_of` names an Art. 27 representative.",
    why="Art. 27(1) requires a written designation of a representative in the Union; Art. "
    "13(1)(a) asks for its identity and contact details.",
    example="`controller: {country: US}` with no `representative`.",
    references=("https://gdprhub.eu/index.php?title=Article_27_GDPR",),
)
def art27(notice: Notice, ctx: Context) -> Iterator[Hit]:
    country = notice.controller.member_state
    if country and not is_eea(country, ctx.as_of) and notice.controller.representative is None:
        yield hit("$.controller", country=country)


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
    references=("https://www.ytj.fi/en/",),
)
def fi_business_id(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if notice.controller.member_state == "FI" and notice.controller.business_id is None:
        yield hit("$.controller")


_CONNECTION = re.compile(r"asiallinen yhteys|asiallisen yhteyden|appropriate connection|"
                         r"saklig(?:t)? samband", re.IGNORECASE)
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
    what="From 2018-05-25, a notice that cites the Personal Data Act (henkilötietolaki "
    "523/1999), calls itself a register description (rekisteriseloste, §10), or states the "
    "Act's 'connection requirement' (asiallinen yhteys) as a basis is obsolete.",
    why="The Data Protection Act 1050/2018, in force 2019-01-01, repealed the Personal Data "
    "Act; GDPR applies from 2018-05-25 and its bases are those of Art. 6(1) (catalogue §9 "
    "FI_TSL_REPEALED, DEF-15).",
    example="`cited_laws: ['Henkilötietolaki 523/1999']` as of 2026-11-25.",
    references=("https://finlex.fi/fi/laki/alkup/2018/20181050",),
)
def fi_tsl_repealed(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if ctx.as_of < PERSONAL_DATA_ACT.superseded:
        return
    for i, law in enumerate(notice.cited_laws):
        if repealed_law_cited(law, ctx.as_of):
            yield hit(f"$.cited_laws[{i}]", what="A cited law", text=law)
    if notice.kind is NoticeKind.REGISTER_DESCRIPTION:
        yield hit("$.kind", what="The register description", text=notice.kind.value)
    for index, register in enumerate(notice.registers):
        for path, basis in all_bases(register):
            text = " ".join(t for t in (basis.text, basis.law) if t)
            folded = text.lower()
            if not any(h in folded for h in _HINTS):
                continue
            if _CONNECTION.search(text) or repealed_law_cited(text, ctx.as_of):
                yield hit(f"$.registers[{index}]{path}", register=register.id,
                          what="The 'connection requirement' basis", text=text)


@notice_rule(
    "ART24_1_REVIEW",
    title="The notice has not been reviewed recently",
    severity=Severity.LOW,
    citation="GDPR Art. 24(1), 5(2)",
    message="The notice was last updated {updated}, more than {months} months before {as_of}",
    fix="Review the notice against current law and practice and update its date",
    what="A notice whose `updated` date is missing or older than 24 months on `as_of` is "
    "flagged for review.",
    why="Art. 24(1): the controller's measures 'shall be reviewed and updated where "
    "necessary'; the law moves (Privacy Shield, SCCs, adequacy decisions), so an old notice "
    "is likely out of date (catalogue DEF-15).",
    example="`updated: 2018-09-05` as of 2026-11-25.",
    references=("https://gdprhub.eu/index.php?title=Article_24_GDPR",),
)
def art24_1_review(notice: Notice, ctx: Context) -> Iterator[Hit]:
    months = 24
    if notice.updated is None:
        stale = True
    else:
        try:
            stale = add_months(notice.updated.latest(), months) < ctx.as_of
        except ValueError:  # past year 9999: not stale on any representable date
            stale = False
    if stale:
        yield hit("$", updated=notice.updated_on, months=months, as_of=ctx.as_of)


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
    references=("https://curia.europa.eu/juris/liste.jsf?num=C-40/17",),
)
def art26(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, recipient in enumerate(register.recipients):
        if recipient.role is RecipientRole.JOINT_CONTROLLER and not recipient.arrangement:
            yield hit(f"{ctx.path}.recipients[{i}]", recipient=recipient.id)


@notice_rule(
    "WAIVER_EXPIRED",
    title="A waiver has expired",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 5(2) (accountability)",
    message="The waiver of {rule} expired on {expires}; the findings it acknowledged are "
    "active again",
    fix="Fix the findings, or renew the waiver with a fresh justification and expiry date",
    what="A waiver in `notice.waivers` whose `expires` date is before `as_of`. Expired "
    "waivers waive nothing: the findings they covered are reported as active.",
    why="An acknowledgement of a finding is an accountability record (Art. 5(2)); one that "
    "has lapsed must be re-assessed, not silently kept.",
    example="`waivers: [{rule: ART5_2, justification: ..., expires: 2025-12-31}]` as of "
    "2026-11-25.",
    references=(),
)
def waiver_expired(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for i, waiver in enumerate(notice.waivers):
        if waiver.expires is not None and waiver.expires < ctx.as_of:
            yield hit(f"$.waivers[{i}]", rule=waiver.rule, expires=waiver.expires)
