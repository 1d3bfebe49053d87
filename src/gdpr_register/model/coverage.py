"""What a notice covers: sections stated elsewhere or not assessed, and a section's state.

A section of a notice (rights, retention, recipients ...) is in one of five states
(:class:`~gdpr_register.model.enums.SectionState`): stated, explicitly none, stated elsewhere,
not assessed, or silent. Rules read the state instead of guessing from an empty list.
"""


from typing import Any

import attrs

from gdpr_register.model._validators import ModelValueError, optional_text
from gdpr_register.model.enums import Section, SectionState

__all__ = ["Coverage", "SectionNote", "SectionReference"]


def _section(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Section):
        raise ModelValueError(attribute.name, f"{value!r} is not a section")


@attrs.frozen(kw_only=True)
class SectionReference:
    """A section stated in another layer or document, and where (``reference``)."""

    section: Section = attrs.field(validator=_section)
    # Where the information is: "Privacy policy, section 7", a URL, "the cookie banner".
    reference: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Coverage:
    """Sections of a notice (or one register) that this document does not state itself.

    ``elsewhere``: stated in another layer or document; ``not_assessed``: the encoder did not
    have or did not assess that part. Rules report such a section at ``info`` only.
    """

    elsewhere: tuple[SectionReference, ...] = ()
    not_assessed: tuple[Section, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(_section)
    )
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        seen: dict[Section, str] = {}
        for index, ref in enumerate(self.elsewhere):
            if ref.section in seen:
                raise ModelValueError(
                    f"elsewhere[{index}].section",
                    f"section {ref.section.value!r} is listed twice (first at {seen[ref.section]})",
                )
            seen[ref.section] = f"elsewhere[{index}]"
        for index, section in enumerate(self.not_assessed):
            if section in seen:
                raise ModelValueError(
                    f"not_assessed[{index}]",
                    f"section {section.value!r} is listed twice (first at {seen[section]})",
                )
            seen[section] = f"not_assessed[{index}]"

    def note_for(self, section: Section) -> "SectionNote | None":
        for ref in self.elsewhere:
            if ref.section is section:
                return SectionNote(
                    section=section,
                    state=SectionState.ELSEWHERE,
                    reference=ref.reference,
                    text=ref.text,
                )
        if section in self.not_assessed:
            return SectionNote(section=section, state=SectionState.NOT_ASSESSED, text=self.note)
        return None

    @property
    def sections(self) -> frozenset[Section]:
        return frozenset(r.section for r in self.elsewhere) | frozenset(self.not_assessed)


@attrs.frozen(kw_only=True)
class SectionNote:
    """The state of one section as a value, with where it is stated when elsewhere."""

    section: Section
    state: SectionState
    reference: str | None = None
    text: str | None = None
