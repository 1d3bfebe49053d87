"""A register (or one processing activity) as a notice describes it, defects included.

Structural nonsense is rejected here (unknown cross-references, duplicate ids, an end before a
start); legal incompleteness is not: a purpose without a GDPR basis, a transfer with no
mechanism and a vague retention rule are all representable, so that rules can flag them. The
parts of a register live in private modules by concern (purposes and bases, what is processed,
stated rights); this module re-exports them.
"""


from collections.abc import Iterator

import attrs

from gdpr_register._display import Displayable
from gdpr_register.model._contents import (
    AutomatedDecisions,
    DataCategory,
    Provision,
    SecurityMeasure,
    Source,
    SubjectCategory,
)
from gdpr_register.model._purposes import Purpose, SpecialCondition, StatedBasis
from gdpr_register.model._sections import (
    NOTICE_SECTIONS,
    SECTION_FIELDS,
    check_none,
    section_order,
    states,
)
from gdpr_register.model._stated_rights import RequestProcedure, StatedRight
from gdpr_register.model._validators import (
    ModelValueError,
    ModelValueErrors,
    check_unique,
    enum_tuple,
    identifier,
    optional_text,
    raise_all,
    text,
)
from gdpr_register.model.assessments import DpiaReference
from gdpr_register.model.coverage import Coverage
from gdpr_register.model.enums import EntryKind, LawfulBasis, RightKind, Section
from gdpr_register.model.recipients import Recipient, Transfer
from gdpr_register.model.retention import RetentionRule, Trigger

__all__ = [
    "NOTICE_SECTIONS",
    "SECTION_FIELDS",
    "AutomatedDecisions",
    "DataCategory",
    "Provision",
    "Purpose",
    "Recipient",
    "Register",
    "RequestProcedure",
    "RetentionRule",
    "SecurityMeasure",
    "Source",
    "SpecialCondition",
    "StatedBasis",
    "StatedRight",
    "SubjectCategory",
    "Transfer",
    "Trigger",
]


@attrs.frozen(kw_only=True, repr=False)
class Register(Displayable):
    """A personal-data register or one processing activity.

    ``none`` lists the sections the notice says explicitly there is none of (no transfers, no
    recipients, no special categories); documents may also write ``transfers: none`` on the
    list itself. ``coverage`` marks sections stated elsewhere or not assessed. Inside a
    :class:`~gdpr_register.model.notice.Notice`, a register inherits what it does not state
    from the notice's ``shared`` block; ``inherited`` names those fields.
    """

    id: str = attrs.field(validator=identifier)
    name: str | None = attrs.field(default=None, validator=optional_text)
    kind: EntryKind = attrs.field(
        default=EntryKind.REGISTER, validator=attrs.validators.instance_of(EntryKind)
    )
    description: str | None = attrs.field(default=None, validator=optional_text)
    purposes: tuple[Purpose, ...] = ()
    # "such as", "etc.", "among others": the list is not exhaustive (Art. 5(1)(b)).
    purposes_non_exhaustive: bool = False
    # Bases stated for the register as a whole, not mapped to any purpose: each purpose rests
    # on one or more of these, unknown which.
    pooled_bases: tuple[StatedBasis, ...] = ()
    data_subjects: tuple[SubjectCategory, ...] = ()
    data_categories: tuple[DataCategory, ...] = ()
    categories_non_exhaustive: bool = False
    sources: tuple[Source, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    recipients_non_exhaustive: bool = False
    transfers: tuple[Transfer, ...] = ()
    retention: tuple[RetentionRule, ...] = ()
    security: tuple[SecurityMeasure, ...] = ()
    automated_decisions: AutomatedDecisions | None = None
    rights: tuple[StatedRight, ...] = ()
    request_procedure: RequestProcedure | None = None
    provision: Provision | None = None
    # Consents the notice says are collected (opt-ins, a consent box), as written.
    consents: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(text)
    )
    none: tuple[Section, ...] = attrs.field(
        default=(), converter=section_order, validator=enum_tuple(Section)
    )
    coverage: Coverage | None = None
    # Processing by automated means (Art. 20(1)(b)); None: not stated.
    automated_processing: bool | None = None
    # Art. 8(1): an information society service offered directly to a child (None: unsaid).
    information_society_service: bool | None = None
    # Art. 30(5) counter-exceptions and Art. 37(1) triggers, as assessed by the controller.
    occasional: bool | None = None
    likely_risk: bool | None = None
    large_scale: bool | None = None
    systematic_monitoring: bool | None = None
    # Whether the controller keeps an Art. 30 record for this register (None: not stated).
    record_kept: bool | None = None
    # Where its Art. 35 impact assessment is kept (None: not stated; no rule reads it yet).
    dpia: DpiaReference | None = None
    # Fields taken from the notice's shared block (set by the notice; never in documents).
    inherited: frozenset[str] = attrs.field(init=False, factory=frozenset)

    def __attrs_post_init__(self) -> None:
        # Every check runs, so a document's author sees every problem in one pass. A register
        # inside a notice may refer to the shared block's categories, recipients and
        # subjects: references into an empty list are checked by the notice, after inheritance.
        raise_all(
            [
                lambda: check_unique(self.purposes, lambda p: p.id, "purposes", "purpose id"),
                lambda: check_unique(
                    self.data_subjects, lambda s: s.id, "data_subjects", "subject category id"
                ),
                lambda: check_unique(
                    self.data_categories, lambda c: c.id, "data_categories", "data category id"
                ),
                lambda: check_unique(self.sources, lambda s: s.id, "sources", "source id"),
                lambda: check_unique(self.recipients, lambda r: r.id, "recipients", "recipient id"),
                lambda: check_unique(self.rights, lambda r: r.right, "rights", "right"),
                lambda: check_none(self, self.coverage),
                lambda: check_references(self, partial=True),
            ]
        )

    def _category_refs(self) -> Iterator[tuple[str, str]]:
        referring: dict[str, list[tuple[str, ...]]] = {
            "purposes": [p.categories for p in self.purposes],
            "sources": [s.categories for s in self.sources],
            "recipients": [r.categories for r in self.recipients],
            "retention": [r.categories for r in self.retention],
        }
        for field, lists in referring.items():
            for i, refs in enumerate(lists):
                for j, ref in enumerate(refs):
                    yield f"{field}[{i}].categories[{j}]", ref

    def _subject_refs(self) -> Iterator[tuple[str, str]]:
        for i, basis in enumerate(self.pooled_bases):
            for j, ref in enumerate(basis.subjects):
                yield f"pooled_bases[{i}].subjects[{j}]", ref
        for i, purpose in enumerate(self.purposes):
            for k, basis in enumerate(purpose.bases):
                for j, ref in enumerate(basis.subjects):
                    yield f"purposes[{i}].bases[{k}].subjects[{j}]", ref
        for i, rule in enumerate(self.retention):
            for j, ref in enumerate(rule.subjects):
                yield f"retention[{i}].subjects[{j}]", ref

    # Convenience views used by rules, retention and rights.
    def category(self, category_id: str) -> DataCategory:
        for category in self.data_categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def recipient(self, recipient_id: str) -> Recipient:
        for recipient in self.recipients:
            if recipient.id == recipient_id:
                return recipient
        raise KeyError(recipient_id)

    def stated_right(self, right: RightKind) -> StatedRight | None:
        return next((r for r in self.rights if r.right is right), None)

    def bases_for(self, purpose: Purpose) -> tuple[StatedBasis, ...]:
        """The bases that apply to a purpose: those mapped to it plus the pooled ones."""
        return purpose.bases + self.pooled_bases

    def articles(self) -> frozenset[LawfulBasis]:
        """Every Art. 6(1) point stated anywhere in the register."""
        found = {b.article for b in self.pooled_bases if b.article is not None}
        for purpose in self.purposes:
            found.update(b.article for b in purpose.bases if b.article is not None)
        return frozenset(found)

    def states(self, section: Section) -> bool:
        """Whether the register states ``section`` (inherited statements included)."""
        return states(self, section)


def check_references(register: Register, *, partial: bool = False) -> None:
    """Cross-references resolve; with ``partial``, references into an empty list pass.

    Raises every unresolved reference at once.
    """
    errors: list[ModelValueError] = []
    categories = {c.id for c in register.data_categories}
    if categories or not partial:
        for path, ref in register._category_refs():
            if ref not in categories:
                errors.append(ModelValueError(path, _unknown("data category", ref, categories)))
    recipients = {r.id for r in register.recipients}
    if recipients or not partial:
        for index, transfer in enumerate(register.transfers):
            if transfer.recipient is not None and transfer.recipient not in recipients:
                message = _unknown("recipient", transfer.recipient, recipients)
                errors.append(ModelValueError(f"transfers[{index}].recipient", message))
    subjects = {s.id for s in register.data_subjects}
    if subjects or not partial:
        for path, ref in register._subject_refs():
            if ref not in subjects:
                errors.append(ModelValueError(path, _unknown("subject category", ref, subjects)))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ModelValueErrors(errors)


def _unknown(what: str, ref: str, known: set[str]) -> str:
    from gdpr_register.model._suggest import suggestion

    close = suggestion(ref, sorted(known))
    hint = f"; did you mean {close!r}?" if close else ""
    listed = ", ".join(sorted(known)) or "none defined"
    return f"unknown {what} {ref!r} (defined: {listed}){hint}"
