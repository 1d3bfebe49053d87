"""Records of processing (Art. 30) and the data protection officer (Art. 37)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gdpr_register.model.enums import DpoStatus, NoticeKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule

ART30 = "https://tuto.provacy.com/en/?p=925"
EDPB_30_5 = "https://datenrecht.ch/en/edsa-positionspapier-zu-art-30-abs-5-dsgvo-kmu-ausnahme/"

# Read on every register, as a module constant: on Python 3.11 a member read from its class
# costs several times a global (EnumType's attribute lookup).
_RECORD = NoticeKind.RECORD_OF_PROCESSING


def _exemption_failures(notice: Notice, register: Register, threshold: int) -> tuple[str, ...]:
    reasons = []
    employees = notice.controller.employees
    if employees is None:
        reasons.append("employees-not-stated")
    elif employees >= threshold:
        reasons.append("employees-over-threshold")
    if register.occasional is not True:
        stated = register.occasional is False
        reasons.append("not-occasional" if stated else "occasional-not-stated")
    if register.likely_risk is not False:
        reasons.append("likely-risk" if register.likely_risk else "risk-not-assessed")
    if any(c.special is not None for c in register.data_categories):
        reasons.append("special-category-data")
    if any(c.criminal for c in register.data_categories):
        reasons.append("criminal-offence-data")
    return tuple(reasons)


@rule(
    "ART30_5",
    title="No Art. 30(5) exemption: keep a record of processing",
    severity=Severity.INFO,
    citation="GDPR Art. 30(1), 30(5); EDPB position paper of 19 Apr 2018",
    message="This activity is not shown to be exempt from the Art. 30 record ({reasons}) and "
    "the notice does not say a record is kept",
    fix="Keep an Art. 30 record for the activity (and set record_kept: true), or document why "
    "the exemption applies",
    what="Advice (`info`): a privacy notice need not say whether an Art. 30 record is kept, so "
    "this never asserts a breach. Unless the document is itself an Art. 30 record or says a "
    "record is kept (`record_kept: true`), a register is checked against the Art. 30(5) "
    "exemption: fewer than 250 employees (option `art30_employee_threshold`) AND occasional "
    "processing AND no likely risk AND no Art. 9/10 data. The finding lists the conditions "
    "that fail or are not stated.",
    why="Art. 30(5): the record duty does not apply to an organisation with fewer than 250 "
    "employees 'unless the processing it carries out is likely to result in a risk ..., the "
    "processing is not occasional, or the processing includes special categories ... or ... "
    "criminal convictions'; the EDPB applies it per activity. Continuous customer processing "
    "is not occasional (catalogue DEF-16). Art. 13/14 do not ask the notice to mention the "
    "record (catalogue §10).",
    example="A customer register with `occasional` not stated -> reasons "
    "`employees-not-stated, occasional-not-stated, risk-not-assessed`.",
    enforces="",
    advice="Keep an Art. 30 record unless the Art. 30(5) exemption applies; a privacy notice "
    "need not say whether one is kept",
    references=(ART30, EDPB_30_5),
)
def art30_5(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if notice.kind is _RECORD or register.record_kept is True:
        return ()
    reasons = _exemption_failures(notice, register, ctx.options.art30_employee_threshold)
    return (hit(ctx.path, reasons=reasons),) if reasons else ()


@rule(
    "ART30_1",
    title="The record of processing is complete",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 30(1)(a)-(g)",
    message="The record of this activity lacks Art. 30(1) point(s) {missing}",
    fix="Complete the record: controller contacts (a), purposes (b), subjects and data (c), "
    "recipients (d), transfers (e), erasure time limits (f), security measures (g)",
    what="In a document of kind record-of-processing, each register gives: (a) controller "
    "contact details, (b) purposes, (c) categories of data subjects and of personal data, "
    "(d) recipients named for every transfer, (e) the destination country of every transfer, "
    "(f) an erasure time limit or statute for every data category, (g) security measures.",
    why="Art. 30(1) lists the record's contents; (f) and (g) 'where possible' - a small "
    "register can always state them.",
    example="A record-of-processing register without `security` -> missing `g`.",
    enforces="Art. 30(1): 'Each controller and, where applicable, the controller's "
    "representative, shall maintain a record of processing activities under its "
    "responsibility. That record shall contain all of the following information' (points "
    "(a)-(g))",
    references=(ART30,),
)
def art30_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if notice.kind is not _RECORD:
        return ()
    c = notice.controller
    missing = []
    if not (c.address or c.email or c.phone or any(p.channels for p in notice.contact_points)):
        missing.append("a")
    if not register.purposes:
        missing.append("b")
    if not register.data_subjects or not register.data_categories:
        missing.append("c")
    # Plain loops rather than any() over generators: this runs for every register of a record.
    no_recipient = no_country = False
    for t in register.transfers:
        if t.recipient is None:
            no_recipient = True
        if t.country == "unknown" and not t.international_organisation:
            no_country = True
    if no_recipient:
        missing.append("d")
    if no_country:
        missing.append("e")
    if not _retention_covers(register):
        missing.append("f")
    if not register.security:
        missing.append("g")
    return (hit(ctx.path, missing=tuple(missing)),) if missing else ()


def _retention_covers(register: Register) -> bool:
    """Whether a timed retention rule (a period or a statute) covers every data category: one
    naming no categories covers them all; else a category is covered when a timed rule names
    it."""
    timed = False
    covered: set[str] = set()
    for r in register.retention:
        if r.period is not None or r.statute is not None:
            if not r.categories:
                return True
            timed = True
            covered.update(r.categories)
    if not timed:
        return False
    for cat in register.data_categories:  # noqa: SIM110 (a loop is cheaper than any())
        if cat.id not in covered:
            return False
    return True


@notice_rule(
    "ART37_1",
    title="A data protection officer is mandatory",
    severity=Severity.HIGH,
    citation="GDPR Art. 37(1)",
    message="A DPO is mandatory ({grounds}) but none is appointed",
    fix="Designate a DPO, publish the contact details and notify the supervisory authority "
    "(Art. 37(7))",
    what="A DPO must be appointed where the controller is a public authority (37(1)(a)), or a "
    "register does regular and systematic monitoring on a large scale (37(1)(b)), or large-"
    "scale processing of Art. 9/10 data (37(1)(c)), as the register's own flags state.",
    why="Art. 37(1)(a)-(c) (catalogue §1.4; Finnish extra cases unconfirmed and not encoded).",
    example="`controller: {public_authority: true, dpo: {status: none}}`.",
    enforces="Art. 37(1): 'The controller and the processor shall designate a data protection "
    "officer in any case where: (a) the processing is carried out by a public authority "
    "or body ...; (b) the core activities ... require regular and systematic monitoring "
    "of data subjects on a large scale; or (c) the core activities ... consist of "
    "processing on a large scale of special categories of data pursuant to Article 9 and "
    "personal data relating to criminal convictions and offences referred to in Article "
    "10'",
    sections=("dpo",),
    references=("http://gdpr-dpa.co.uk/cgi-bin/gdpr.py?article=37",),
)
def art37_1(notice: Notice, ctx: Context) -> Iterator[Hit]:
    if notice.controller.dpo.status is DpoStatus.APPOINTED:
        return
    grounds = []
    if notice.controller.public_authority:
        grounds.append("37(1)(a) public authority")
    for register in notice.registers:
        if register.large_scale and register.systematic_monitoring:
            grounds.append(f"37(1)(b) {register.id}")
        if register.large_scale and any(
            c.special is not None or c.criminal for c in register.data_categories
        ):
            grounds.append(f"37(1)(c) {register.id}")
    if grounds:
        yield hit("$.controller.dpo", grounds=tuple(grounds))
