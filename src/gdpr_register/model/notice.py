"""The notice: a controller and the registers it describes."""


from datetime import date
from typing import Any

import attrs

from gdpr_register._display import Displayable
from gdpr_register.model._validators import (
    ModelValueError,
    ModelValueErrors,
    check_unique,
    identifier,
    optional_text,
    text,
)
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.coverage import Coverage, SectionNote
from gdpr_register.model.enums import DpoStatus, NoticeKind, Section, SectionState
from gdpr_register.model.register import NOTICE_SECTIONS, Register, check_references
from gdpr_register.model.shared import SharedStatements, resolve_register
from gdpr_register.model.values import (
    BusinessId,
    ContactPoint,
    MonthDay,
    PartialDate,
    PostalAddress,
    to_optional_date,
    to_optional_partial_date,
)

__all__ = [
    "Controller",
    "DpoStatement",
    "LanguageVersion",
    "Notice",
    "Party",
    "SupervisoryAuthority",
    "TranslatedText",
    "Waiver",
]


@attrs.frozen(kw_only=True)
class Party:
    """Another organisation named in a notice: an Art. 27 representative, a joint controller."""

    name: str = attrs.field(validator=text)
    business_id: BusinessId | None = None
    address: PostalAddress | None = None
    contact: ContactPoint | None = None


@attrs.frozen(kw_only=True)
class DpoStatement:
    """What the notice says about a data protection officer."""

    status: DpoStatus = attrs.field(
        default=DpoStatus.NOT_STATED, validator=attrs.validators.instance_of(DpoStatus)
    )
    contact: ContactPoint | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is not DpoStatus.APPOINTED and self.contact is not None:
            raise ModelValueError(
                "contact", f"DPO contact details given, but status is {self.status.value!r}"
            )


def _country(_instance: object, attribute: Any, value: str | None) -> None:
    if value is not None and not is_country_code(value):
        raise ModelValueError(
            attribute.name, f"{value!r} is not an ISO 3166-1 alpha-2 country code"
        )


def _non_negative(_instance: object, attribute: Any, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelValueError(attribute.name, "expected an integer")
    if value < 0:
        raise ModelValueError(attribute.name, "must not be negative")


@attrs.frozen(kw_only=True)
class Controller:
    """The controller: identity, contacts, DPO, representative and facts rules need.

    ``name`` may be absent (a notice that only says "the association"): rules report the
    unidentified controller (Art. 13(1)(a)), the loader does not.
    """

    name: str | None = attrs.field(default=None, validator=optional_text)
    short_name: str | None = attrs.field(default=None, validator=optional_text)
    business_id: BusinessId | None = None
    address: PostalAddress | None = None
    phone: str | None = attrs.field(default=None, validator=optional_text)
    email: str | None = attrs.field(default=None, validator=optional_text)
    website: str | None = attrs.field(default=None, validator=optional_text)
    # Member State of the main establishment: its holidays count in Art. 12(3) deadlines.
    country: str | None = attrs.field(default=None, validator=_country)
    representative: Party | None = None  # Art. 27
    dpo: DpoStatement = DpoStatement()
    employees: int | None = attrs.field(default=None, validator=_non_negative)
    # A staff count stated as a range, as written ("fewer than 250", "10-49").
    employees_range: str | None = attrs.field(default=None, validator=optional_text)
    public_authority: bool | None = None  # None: not stated
    # Art. 3(2): not established in the Union, but offers goods or services to, or monitors,
    # data subjects in the Union (None: not stated).
    targets_union: bool | None = None
    # Default 12-31 (calendar year) applies when None.
    financial_year_end: MonthDay | None = None

    @property
    def member_state(self) -> str | None:
        """The country whose calendar governs deadlines: ``country``, else the address's."""
        if self.country is not None:
            return self.country
        return self.address.country if self.address is not None else None


@attrs.frozen(kw_only=True)
class SupervisoryAuthority:
    """The authority a complaint goes to; ``name`` absent: "the authority of your country"."""

    name: str | None = attrs.field(default=None, validator=optional_text)
    country: str | None = attrs.field(default=None, validator=_country)
    website: str | None = attrs.field(default=None, validator=optional_text)
    contact: ContactPoint | None = None


@attrs.frozen(kw_only=True)
class Waiver:
    """An acknowledged finding: reported as waived, never hidden; expires on ``expires``."""

    rule: str = attrs.field(validator=identifier)
    justification: str = attrs.field(validator=text)
    path: str | None = attrs.field(default=None, validator=optional_text)
    expires: date | None = attrs.field(default=None, converter=to_optional_date)
    acknowledged_by: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class LanguageVersion:
    """Another language version of the same notice (versions may disagree: each is encoded
    as its own document, and they link each other)."""

    language: str = attrs.field(validator=text)  # BCP 47: fi, sv, en
    # The other version's notice id, when it is encoded too.
    notice: str | None = attrs.field(default=None, validator=attrs.validators.optional(identifier))
    source: str | None = attrs.field(default=None, validator=optional_text)  # a URL, a file
    title: str | None = attrs.field(default=None, validator=optional_text)


def _path(_instance: object, attribute: Any, value: Any) -> None:
    text(_instance, attribute, value)
    if not value.startswith("$"):
        raise ModelValueError(
            attribute.name, f"{value!r} is not a path (e.g. '$.registers[0].purposes[1].name')"
        )


@attrs.frozen(kw_only=True)
class TranslatedText:
    """A field's text in another language: the field at ``path`` says ``text`` in
    ``language`` (renderers in fi/sv/en read these; rules read the notice's own text)."""

    language: str = attrs.field(validator=text)  # BCP 47: fi, sv, en
    path: str = attrs.field(validator=_path)  # e.g. $.registers[0].purposes[1].name
    text: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True, repr=False)
class Notice(Displayable):
    """A privacy notice, register description or Art. 30 record, as written.

    ``updated`` keeps the precision stated (``2026``, ``2026-05``, ``2026-05-04``);
    :attr:`updated_on` is its last day. ``shared`` states what every register inherits unless
    it states it itself; ``coverage`` marks sections stated elsewhere or not assessed, for
    every register (a register's own ``coverage`` adds to it).
    """

    id: str = attrs.field(validator=identifier)
    title: str | None = attrs.field(default=None, validator=optional_text)
    kind: NoticeKind = attrs.field(
        default=NoticeKind.PRIVACY_NOTICE, validator=attrs.validators.instance_of(NoticeKind)
    )
    language: str = attrs.field(default="en", validator=text)
    updated: PartialDate | None = attrs.field(default=None, converter=to_optional_partial_date)
    version: str | None = attrs.field(default=None, validator=optional_text)
    source: str | None = attrs.field(default=None, validator=optional_text)
    # Where data subjects find the full notice (a URL, or where it is available), as the
    # controller publishes it; a first layer points there. Not ``source``: that is where the
    # encoded text came from.
    published_at: str | None = attrs.field(default=None, validator=optional_text)
    controller: Controller
    joint_controllers: tuple[Party, ...] = ()
    contact_points: tuple[ContactPoint, ...] = ()
    registers: tuple[Register, ...] = ()
    supervisory_authority: SupervisoryAuthority | None = None
    # Laws the notice cites as its framework, as written (e.g. "Henkilötietolaki 523/1999").
    cited_laws: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(text)
    )
    waivers: tuple[Waiver, ...] = ()
    shared: SharedStatements | None = None
    coverage: Coverage | None = None
    # Other language versions of this notice ("the Swedish version prevails").
    translations: tuple[LanguageVersion, ...] = ()
    # Fields' text in other languages, by document path.
    translated: tuple[TranslatedText, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.registers:
            raise ModelValueError("registers", "a notice describes at least one register")
        check_unique(self.registers, lambda r: r.id, "registers", "register id")
        check_unique(self.translations, lambda t: t.language, "translations", "language")
        check_unique(
            self.translated, lambda t: (t.language, t.path), "translated", "translation"
        )
        named = [r for r in self.registers if r.name is not None]
        names = {id(r): f"registers[{i}]" for i, r in enumerate(self.registers)}
        seen: dict[str, Register] = {}
        for register in named:
            assert register.name is not None
            key = register.name.strip().casefold()
            if key in seen:
                raise ModelValueError(
                    names[id(register)],
                    f"duplicate register name {register.name!r} (first at {names[id(seen[key])]})",
                )
            seen[key] = register
        resolved = tuple(resolve_register(r, self.shared) for r in self.registers)
        errors: list[ModelValueError] = []
        for index, register in enumerate(resolved):
            try:
                check_references(register)
            except ModelValueErrors as exc:
                errors.extend(_under(f"registers[{index}]", e) for e in exc.errors)
            except ModelValueError as exc:
                errors.append(_under(f"registers[{index}]", exc))
        if errors:
            raise errors[0] if len(errors) == 1 else ModelValueErrors(errors)
        if any(a is not b for a, b in zip(resolved, self.registers, strict=True)):
            object.__setattr__(self, "registers", resolved)

    def text_in(self, path: str, language: str) -> str | None:
        """The text the field at ``path`` has in ``language``, when the notice gives one
        (its own language is the field itself)."""
        for entry in self.translated:
            if entry.path == path and entry.language == language:
                return entry.text
        return None

    @property
    def updated_on(self) -> date | None:
        """The last day of the stated ``updated`` date (a month-only date: its last day)."""
        return None if self.updated is None else self.updated.latest()

    def path_of(self, register: Register, field: str) -> str:
        """The document path where ``register``'s ``field`` is stated: the shared block when
        the register inherits it, else the register's own key."""
        if field in register.inherited:
            return f"$.shared.{field}"
        # Identity first: comparing registers by value is dear, and ids are unique.
        for index, candidate in enumerate(self.registers):
            if candidate is register:
                return f"$.registers[{index}].{field}"
        for index, candidate in enumerate(self.registers):
            if candidate == register:
                return f"$.registers[{index}].{field}"
        raise KeyError(register.id)

    def section_note(
        self, section: Section, register: Register | None = None
    ) -> SectionNote | None:
        """What the notice (or one register) says about ``section`` when it is not simply
        stated or silent: none, elsewhere (with the reference) or not assessed."""
        state = self.section_state(section, register)
        if state is SectionState.STATED or state is SectionState.SILENT:
            return None
        if state is SectionState.NONE:
            return SectionNote(section=section, state=state)
        for coverage in self._coverages(register):
            note = coverage.note_for(section)
            if note is not None:
                return note
        return SectionNote(section=section, state=state)  # pragma: no cover - by construction

    def section_state(self, section: Section, register: Register | None = None) -> SectionState:
        """The state of ``section`` for ``register`` (or the notice as a whole).

        For a register: its own marking (``none``, ``coverage``) first, then what it states
        (inherited statements included), then the notice's ``shared.none`` and ``coverage``,
        else silent. For the notice as a whole (``register`` None): notice-level sections
        read the notice; a register-level section is the registers' common state, or stated
        when any register states it, else silent.
        """
        if register is None and section not in NOTICE_SECTIONS:
            found = {self.section_state(section, r) for r in self.registers}
            if len(found) == 1:
                return found.pop()
            return SectionState.STATED if SectionState.STATED in found else SectionState.SILENT
        if register is not None and section not in NOTICE_SECTIONS:
            own = _marked(register.none, register.coverage, section)
            if own is not None:
                return own
            if register.states(section):
                return SectionState.STATED
        elif self._notice_states(section):
            return SectionState.STATED
        dpo_none = section is Section.DPO and self.controller.dpo.status is DpoStatus.NONE
        if dpo_none:
            return SectionState.NONE
        shared_none = self.shared.none if self.shared is not None else ()
        marked = _marked(shared_none, self.coverage, section)
        return marked if marked is not None else SectionState.SILENT

    def _coverages(self, register: Register | None) -> list[Coverage]:
        found = [register.coverage] if register is not None else []
        return [c for c in (*found, self.coverage) if c is not None]

    def _notice_states(self, section: Section) -> bool:
        if section is Section.CONTROLLER:
            return self.controller.name is not None
        if section is Section.REPRESENTATIVE:
            return self.controller.representative is not None
        if section is Section.DPO:
            return self.controller.dpo.status is DpoStatus.APPOINTED
        return self.supervisory_authority is not None  # COMPLAINT_AUTHORITY

    def register(self, register_id: str) -> Register:
        for register in self.registers:
            if register.id == register_id:
                return register
        raise KeyError(register_id)


def _under(prefix: str, error: ModelValueError) -> ModelValueError:
    return ModelValueError(f"{prefix}.{error.path}" if error.path else prefix, error.message)


def _marked(
    none: tuple[Section, ...], coverage: Coverage | None, section: Section
) -> SectionState | None:
    if section in none:
        return SectionState.NONE
    if coverage is not None:
        note = coverage.note_for(section)
        if note is not None:
            return note.state
    return None
