"""What each section of a notice says, as paragraphs and lists: only what the notice states.

Texts the notice writes are taken in the requested language when the notice has a
translation (``translated``), else as written and marked with the notice's language; labels
of legal items come from the catalogues.
"""

from __future__ import annotations

from gdpr_register.model import (
    ContactPoint,
    DpoStatus,
    LawfulBasis,
    Notice,
    Purpose,
    PurposeKind,
    Register,
    RightStatus,
    Section,
    TransferMechanism,
)
from gdpr_register.render._catalog import label
from gdpr_register.render._format import Formatter
from gdpr_register.render._tree import Items, Node, Para, Span

__all__ = ["Bodies"]

_MARKETING = frozenset({PurposeKind.MARKETING, PurposeKind.DIRECT_MARKETING})


class Bodies:
    """Builds the body of each section for one notice in one language."""

    def __init__(self, notice: Notice, lang: str) -> None:
        self.notice = notice
        self.lang = lang
        self.fmt = Formatter(lang)
        self._own = notice.language.split("-")[0].lower()

    # Text helpers -------------------------------------------------------------------
    def l(self, key: str) -> str:  # noqa: E743 - short on purpose, used everywhere
        return label(key, self.lang)

    def pick(self, path: str, value: str) -> Span:
        """The field at ``path`` in the requested language, else as written (marked)."""
        if self._own == self.lang:
            return Span(value)
        translated = self.notice.text_in(path, self.lang)
        if translated is not None:
            return Span(translated)
        return Span(value, lang=self.notice.language)

    def plain(self, text: str) -> Span:
        return Span(text)

    def field(self, key: str, *parts: Span) -> Para:
        return Para(parts=parts, label=self.l(key))

    # Notice-level sections ------------------------------------------------------------
    def controller(self, *, with_contacts: bool = True) -> tuple[Node, ...]:
        c = self.notice.controller
        out: list[Node] = []
        if c.name is not None:
            name = [self.pick("$.controller.name", c.name)]
            if c.short_name is not None:
                name.extend((Span(" ("), self.pick("$.controller.short_name", c.short_name),
                             Span(")")))
            out.append(Para(parts=tuple(name)))
        if c.business_id is not None:
            out.append(self.field("field.business-id", Span(str(c.business_id))))
        if c.address is not None:
            out.append(self.field("field.address", Span(self.address(c.address))))
        for key, value in (("field.phone", c.phone), ("field.email", c.email),
                           ("field.website", c.website)):
            if value is not None:
                out.append(self.field(key, Span(value)))
        contacts = [self.contact(p, f"$.contact_points[{i}]")
                    for i, p in enumerate(self.notice.contact_points)]
        if contacts and with_contacts:
            out.append(Para(parts=(), label=self.l("section.contacts")))
            out.append(Items(items=tuple(contacts)))
        return tuple(out)

    def contact_points(self) -> tuple[Node, ...]:
        contacts = [self.contact(p, f"$.contact_points[{i}]")
                    for i, p in enumerate(self.notice.contact_points)]
        return (Items(items=tuple(contacts)),) if contacts else ()

    def address(self, address: object) -> str:
        parts = [getattr(address, "street", None),
                 " ".join(p for p in (getattr(address, "postal_code", None),
                                      getattr(address, "city", None)) if p)]
        country = getattr(address, "country", None)
        if country is not None:
            parts.append(self.fmt.country(country))
        return ", ".join(p for p in parts if p)

    def contact(self, point: ContactPoint, path: str) -> tuple[Para, ...]:
        head: list[Span] = []
        if point.name is not None:
            head.append(self.pick(f"{path}.name", point.name))
        if point.note is not None:
            head.extend((Span(" — "), self.pick(f"{path}.note", point.note)))
        lines = [Para(parts=tuple(head))] if head else []
        lines.extend(self.field(f"channel.{ch.kind.value}", Span(ch.value))
                     for ch in point.channels)
        return tuple(lines) or (Para(parts=()),)

    def representative(self) -> tuple[Node, ...]:
        party = self.notice.controller.representative
        if party is None:
            return ()
        out: list[Node] = [Para(parts=(self.pick("$.controller.representative.name",
                                                  party.name),))]
        if party.address is not None:
            out.append(self.field("field.address", Span(self.address(party.address))))
        if party.contact is not None:
            out.append(Items(items=(self.contact(party.contact,
                                                 "$.controller.representative.contact"),)))
        return tuple(out)

    def dpo(self) -> tuple[Node, ...]:
        dpo = self.notice.controller.dpo
        if dpo.status is DpoStatus.APPOINTED and dpo.contact is not None:
            return (Items(items=(self.contact(dpo.contact, "$.controller.dpo.contact"),)),)
        if dpo.status is DpoStatus.APPOINTED:
            return ()
        return (Para(parts=(Span(self.l("phrase.no-dpo")),)),)

    def complaint_authority(self) -> tuple[Node, ...]:
        authority = self.notice.supervisory_authority
        if authority is None:
            return ()
        out: list[Node] = []
        name = (self.pick("$.supervisory_authority.name", authority.name)
                if authority.name is not None else Span(self.l("phrase.authority-default")))
        out.append(Para(parts=(name,)))
        if authority.country is not None:
            out.append(self.field("field.country", Span(self.fmt.country(authority.country))))
        if authority.website is not None:
            out.append(self.field("field.website", Span(authority.website)))
        if authority.contact is not None:
            out.append(Items(items=(self.contact(authority.contact,
                                                 "$.supervisory_authority.contact"),)))
        return tuple(out)

    # Register-level sections ------------------------------------------------------------
    def section(self, section: Section, register: Register, base: str) -> tuple[Node, ...]:
        from gdpr_register.render._register_bodies import BUILDERS

        return BUILDERS[section](self, register, base)

    def purpose_names(self, register: Register, base: str) -> tuple[Node, ...]:
        path = self.notice.path_of(register, "purposes")
        return (Items(items=tuple(
            (Para(parts=(self.pick(f"{path}[{i}].name", p.name),)),)
            for i, p in enumerate(register.purposes))),)

    def right_label(self, register: Register, index: int) -> tuple[Para, ...]:
        right = register.rights[index]
        name = self.l(f"right.{right.right.value}")
        path = f"{self.notice.path_of(register, 'rights')}[{index}]"
        lines: list[Para] = []
        if right.status is RightStatus.CONDITIONAL and right.condition is not None:
            head, _, tail = self.l("phrase.conditional").partition("{condition}")
            lines.append(Para(parts=(Span(head.format(right=name)),
                                     self.pick(f"{path}.condition", right.condition),
                                     Span(tail))))
        elif right.status is RightStatus.DENIED:
            lines.append(Para(parts=(Span(self.l("phrase.denied").format(right=name)),)))
        else:
            lines.append(Para(parts=(Span(name),)))
        if right.text is not None:
            lines.append(Para(parts=(self.pick(f"{path}.text", right.text),)))
        if right.reason is not None:
            lines.append(Para(parts=(self.pick(f"{path}.reason", right.reason),)))
        return tuple(lines)

    def basis_line(self, basis: object, path: str) -> tuple[Para, ...]:
        article: LawfulBasis | None = getattr(basis, "article", None)
        stated: str | None = getattr(basis, "text", None)
        lines: list[Para] = []
        if article is not None:
            lines.append(Para(parts=(Span(self.fmt.citation(article.value) + ": "),
                                     Span(self.l(f"basis.{article.value}")))))
            if stated is not None:
                lines.append(Para(parts=(self.pick(f"{path}.text", stated),)))
        elif stated is not None:
            head, _, tail = self.l("phrase.basis-unmapped").partition("{text}")
            lines.append(Para(parts=(Span(head), self.pick(f"{path}.text", stated),
                                     Span(tail))))
        law = getattr(basis, "law", None)
        if law is not None:
            lines.append(self.field("field.law", self.pick(f"{path}.law", law)))
        return tuple(lines)

    def marketing(self, register: Register, base: str) -> tuple[Node, ...]:
        path = self.notice.path_of(register, "purposes")
        found = [(Para(parts=(self.pick(f"{path}[{i}].name", p.name),)),)
                 for i, p in enumerate(register.purposes) if _is_marketing(p)]
        return (Items(items=tuple(found)),) if found else ()

    def mechanism(self, mechanism: TransferMechanism) -> str:
        return self.l(f"mechanism.{mechanism.value}")


def _is_marketing(purpose: Purpose) -> bool:
    return not _MARKETING.isdisjoint(purpose.kinds)
