"""A notice laid out as a document tree: which sections, in which order, under which headings.

Two layouts: ``art13`` (the order of Art. 13/14) and ``fi-model-form`` (the numbered Finnish
register-description form: 1 Rekisterinpitäjä ... 12 Yhteydenotot). Two layers: ``full``
(every item the notice holds) and ``first`` (controller, purposes, rights, how to exercise
them, where the full notice is). A section the notice leaves silent is omitted, or shown as
missing in draft mode; a section stated as none, elsewhere or not assessed says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from gdpr_register.model import LawfulBasis, Notice, Register, Section, SectionState
from gdpr_register.render._bodies import Bodies
from gdpr_register.render._tree import Block, Document, Items, Node, Para, Span

if TYPE_CHECKING:
    from gdpr_register.rules import Report

__all__ = ["ITEMS", "build_document"]

#: The article each section answers (``None``: not an Art. 13/14 item).
ITEMS: dict[Section, str | None] = {
    Section.CONTROLLER: "13(1)(a)", Section.REPRESENTATIVE: "13(1)(a)",
    Section.DPO: "13(1)(b)", Section.PURPOSES: "13(1)(c)", Section.BASES: "13(1)(c)",
    Section.LEGITIMATE_INTERESTS: "13(1)(d)", Section.DATA_CATEGORIES: "14(1)(d)",
    Section.SPECIAL_CATEGORIES: "9", Section.DATA_SUBJECTS: "30(1)(c)",
    Section.SOURCES: "14(2)(f)", Section.RECIPIENTS: "13(1)(e)",
    Section.TRANSFERS: "13(1)(f)", Section.RETENTION: "13(2)(a)", Section.RIGHTS: "13(2)(b)",
    Section.REQUEST_PROCEDURE: "12(2)", Section.COMPLAINT_AUTHORITY: "13(2)(d)",
    Section.PROVISION: "13(2)(e)", Section.AUTOMATED_DECISIONS: "13(2)(f)",
    Section.SECURITY: "32", Section.MARKETING: "21(2)", Section.SALE: None,
    Section.COOKIES: None,
}
# Sections shown as missing in a draft when the notice is silent (what Art. 13/14 ask of
# every notice; the representative and special categories only apply in some cases).
_REQUIRED = frozenset({
    Section.CONTROLLER, Section.DPO, Section.PURPOSES, Section.BASES, Section.DATA_CATEGORIES,
    Section.RECIPIENTS, Section.TRANSFERS, Section.RETENTION, Section.RIGHTS,
    Section.COMPLAINT_AUTHORITY, Section.PROVISION, Section.AUTOMATED_DECISIONS,
})
_REGISTER_ORDER = (
    Section.PURPOSES, Section.BASES, Section.LEGITIMATE_INTERESTS, Section.DATA_SUBJECTS,
    Section.DATA_CATEGORIES, Section.SPECIAL_CATEGORIES, Section.SOURCES, Section.RECIPIENTS,
    Section.TRANSFERS, Section.RETENTION, Section.RIGHTS, Section.REQUEST_PROCEDURE,
    Section.PROVISION, Section.AUTOMATED_DECISIONS, Section.SECURITY, Section.MARKETING,
    Section.SALE, Section.COOKIES,
)
# The Finnish model form: group number -> the sections it holds.
_FORM_REGISTER: tuple[tuple[str, tuple[Section, ...]], ...] = (
    ("4", (Section.PURPOSES, Section.BASES, Section.LEGITIMATE_INTERESTS)),
    ("5", (Section.DATA_SUBJECTS, Section.DATA_CATEGORIES, Section.SPECIAL_CATEGORIES,
           Section.PROVISION)),
    ("6", (Section.RETENTION,)),
    ("7", (Section.SOURCES,)),
    ("8", (Section.RECIPIENTS, Section.TRANSFERS)),
    ("9", (Section.SECURITY,)),
    ("10", (Section.AUTOMATED_DECISIONS,)),
    ("11", (Section.RIGHTS,)),
    ("12", (Section.REQUEST_PROCEDURE,)),
    ("13", (Section.MARKETING, Section.SALE, Section.COOKIES)),
)
_FIRST_LAYER = (Section.PURPOSES, Section.RIGHTS, Section.REQUEST_PROCEDURE)


class _Builder:
    def __init__(self, notice: Notice, lang: str, draft: bool) -> None:
        self.notice = notice
        self.b = Bodies(notice, lang)
        self.draft = draft
        self.contacts_apart = False  # the model form gives contact persons a group (2)

    def heading(self, section: Section) -> str:
        return self.b.l(f"section.{section.value}")

    def block(self, section: Section, register: Register | None, prefix: str,
              index: int | None = None) -> Block | None:
        notice, b = self.notice, self.b
        state = notice.section_state(section, register)
        if (section is Section.BASES and state is SectionState.STATED
                and notice.section_state(Section.PURPOSES, register) is SectionState.STATED):
            return None  # stated bases are part of the purposes block
        body: tuple[Node, ...]
        if state is SectionState.STATED:
            if section is Section.CONTROLLER:
                body = b.controller(with_contacts=not self.contacts_apart)
            elif register is None:
                body = getattr(b, section.value.replace("-", "_"))()
            else:
                base = f"$.registers[{index}]"
                body = b.section(section, register, base)
        elif state is SectionState.NONE:
            key = f"none.{section.value}"
            from gdpr_register.render._messages import MESSAGES

            body = (Para(parts=(Span(b.l(key if key in MESSAGES else "none.default")),)),)
        elif state is SectionState.SILENT:
            if not (self.draft and self._expected(section, register)):
                return None
            citation = b.fmt.citation(ITEMS[section] or "13")
            body = (Para(parts=(Span(b.l("phrase.missing").format(citation=citation),
                                     kind="missing"),)),)
        else:
            body = self._note(section, register, state)
        sections = [section.value]
        if (section is Section.PURPOSES and register is not None and state is SectionState.STATED
                and notice.section_state(Section.BASES, register) is SectionState.STATED):
            sections.append(Section.BASES.value)
        return Block(id=f"{prefix}{section.value}", heading=self.heading(section), body=body,
                     sections=tuple(sections), item=ITEMS[section], state=state.value)

    def _expected(self, section: Section, register: Register | None) -> bool:
        if section is Section.LEGITIMATE_INTERESTS and register is not None:
            return LawfulBasis.LEGITIMATE_INTERESTS in register.articles()
        return section in _REQUIRED

    def _note(self, section: Section, register: Register | None,
              state: SectionState) -> tuple[Node, ...]:
        note = self.notice.section_note(section, register)
        b = self.b
        if state is SectionState.ELSEWHERE:
            out: list[Node] = [Para(parts=(Span(b.l("phrase.stated-elsewhere")),))]
            if note is not None and note.reference is not None:
                head, _, tail = b.l("phrase.see").partition("{reference}")
                out.append(Para(parts=(Span(head), Span(note.reference), Span(tail))))
        else:
            out = [Para(parts=(Span(b.l("phrase.not-assessed")),))]
        if note is not None and note.text is not None:
            out.append(Para(parts=(Span(note.text, lang=self.notice.language),)))
        return tuple(out)

    # Layouts ------------------------------------------------------------------------
    def art13(self) -> list[Block]:
        blocks = [self.block(s, None, "") for s in
                  (Section.CONTROLLER, Section.REPRESENTATIVE, Section.DPO)]
        several = len(self.notice.registers) > 1
        for index, register in enumerate(self.notice.registers):
            prefix = f"r{index + 1}-" if several else ""
            inner = [self.block(s, register, prefix, index) for s in _REGISTER_ORDER]
            kept = tuple(x for x in inner if x is not None)
            if several:
                blocks.append(self._register_block(register, index, prefix, kept))
            else:
                blocks.extend(kept)
        blocks.append(self.block(Section.COMPLAINT_AUTHORITY, None, ""))
        return [x for x in blocks if x is not None]

    def _register_block(self, register: Register, index: int, prefix: str,
                        children: tuple[Block, ...]) -> Block:
        name = self.b.pick(f"$.registers[{index}].name", register.name or register.id)
        return Block(id=f"{prefix}register", heading=self.b.l("phrase.register").format(
            name=name.text), children=children, sections=(), state="stated")

    def form(self) -> list[Block]:
        b = self.b
        self.contacts_apart = bool(self.notice.contact_points)
        first = [x for x in (self.block(s, None, "") for s in
                             (Section.CONTROLLER, Section.REPRESENTATIVE, Section.DPO))
                 if x is not None]
        blocks: list[Block | None] = [self._group("1", "", first)]
        if self.notice.contact_points:
            blocks.append(Block(id="contacts", heading=b.l("form.2"), number="2",
                                body=b.contact_points()))
        several = len(self.notice.registers) > 1
        for index, register in enumerate(self.notice.registers):
            prefix = f"r{index + 1}-" if several else ""
            name = b.pick(f"$.registers[{index}].name", register.name or register.id)
            name_block = Block(id=f"{prefix}name", heading=b.l("form.3"), number="3",
                               body=(Para(parts=(name,)),))
            groups: list[Block | None] = [name_block]
            for number, sections in _FORM_REGISTER:
                inner = [self.block(s, register, prefix, index) for s in sections]
                if number == "11" and not several:
                    inner.append(self.block(Section.COMPLAINT_AUTHORITY, None, ""))
                groups.append(self._group(number, prefix, [x for x in inner if x is not None]))
            kept = tuple(g for g in groups if g is not None)
            if several:
                blocks.append(self._register_block(register, index, prefix, kept))
            else:
                blocks.extend(kept)
        if several:
            blocks.append(self.block(Section.COMPLAINT_AUTHORITY, None, ""))
        return [x for x in blocks if x is not None]

    def _group(self, number: str, prefix: str, children: Sequence[Block]) -> Block | None:
        heading = self.b.l(f"form.{number}")
        if not children:
            return None
        if len(children) == 1:  # one section: the group is that section, under its number
            only = children[0]
            return Block(id=only.id, heading=heading, number=number, body=only.body,
                         children=only.children, sections=only.sections, item=only.item,
                         state=only.state)
        return Block(id=f"{prefix}group-{number}", heading=heading, number=number,
                     children=tuple(children))

    def first_layer(self) -> list[Block]:
        b = self.b
        blocks = [self.block(Section.CONTROLLER, None, "")]
        several = len(self.notice.registers) > 1
        for index, register in enumerate(self.notice.registers):
            prefix = f"r{index + 1}-" if several else ""
            inner: list[Block | None] = []
            for section in _FIRST_LAYER:
                full = self.block(section, register, prefix, index)
                if full is not None and section is Section.PURPOSES and full.state == "stated":
                    full = Block(id=full.id, heading=b.l("field.purposes-short"),
                                 body=b.purpose_names(register, f"$.registers[{index}]"),
                                 sections=(section.value,), item=full.item)
                inner.append(full)
            kept = tuple(x for x in inner if x is not None)
            if several:
                blocks.append(self._register_block(register, index, prefix, kept))
            else:
                blocks.extend(kept)
        blocks.append(self._full_notice())
        return [x for x in blocks if x is not None]

    def _full_notice(self) -> Block | None:
        """Where the full notice is: ``published_at``, else a web ``source`` (the page the
        notice was read from); a draft shows it missing, else it is left out."""
        b, published, source = self.b, self.notice.published_at, self.notice.source
        if published is not None:
            where = Span(published) if _is_url(published) else b.pick("$.published_at",
                                                                        published)
        elif source is not None and _is_url(source):
            where = Span(source)
        elif self.draft:
            # Art. 12(1) asks for easily accessible information: a first layer that does not
            # lead to the rest (WP260 rev.01, para. 35-38).
            missing = b.l("phrase.missing").format(citation=b.fmt.citation("12(1)"))
            return Block(id="full-notice", heading=b.l("field.full-notice"),
                         body=(Para(parts=(Span(missing, kind="missing"),)),), state="silent")
        else:
            return None
        return Block(id="full-notice", heading=b.l("field.full-notice"),
                     body=(Para(parts=(where,)),))


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def build_document(notice: Notice, *, lang: str, layer: str, layout: str, draft: bool,
                   report: Report | None, as_of: date | None) -> Document:
    """The document tree of ``notice`` (``report``: the findings a draft lists)."""
    builder = _Builder(notice, lang, draft)
    b = builder.b
    if layer == "first":
        blocks = builder.first_layer()
    else:
        blocks = builder.form() if layout == "fi-model-form" else builder.art13()
    if draft and report is not None and as_of is not None:
        blocks.append(_findings(b, report, as_of))
    title_text = notice.title or notice.controller.name or notice.id
    title = [b.pick("$.title", title_text) if notice.title else Span(title_text)]
    if layer == "first":
        title = [Span(b.l("phrase.first-layer") + ": "), *title]
    if draft:
        title = [Span(b.l("phrase.draft") + ": "), *title]
    meta: list[Para] = []
    if notice.updated is not None:
        meta.append(b.field("field.updated", Span(b.fmt.date(notice.updated))))
    if notice.version is not None:
        meta.append(b.field("field.version", Span(notice.version)))
    if notice.cited_laws and layer == "full":
        meta.append(b.field("phrase.law-cited", *_joined(
            [b.pick(f"$.cited_laws[{i}]", law) for i, law in enumerate(notice.cited_laws)])))
    if draft:
        meta.append(Para(parts=(Span(b.l("phrase.draft-note")),)))
    return Document(lang=lang, title=tuple(title), meta=tuple(meta), blocks=tuple(blocks),
                    draft=draft, layer=layer)


def _joined(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for index, span in enumerate(spans):
        if index:
            out.append(Span("; "))
        out.append(span)
    return tuple(out)


def _findings(b: Bodies, report: Report, as_of: date) -> Block:
    items = []
    for finding in report.findings:
        waived = f" ({b.l('phrase.waived')})" if finding.waived else ""
        # Findings are written in English: marked as such, never machine-translated.
        severity = b.l(f"severity.{finding.severity.value}")
        items.append((Para(parts=(Span(f"{severity} {finding.rule}{waived}: "),
                                  Span(finding.text, lang=None if b.lang == "en" else "en"),
                                  Span(f" ({finding.path})"))),))
    body: tuple[Node, ...] = (
        Para(parts=(Span(b.l("phrase.findings-as-of").format(date=b.fmt.date(as_of))),)),
        Items(items=tuple(items)) if items else Para(parts=(Span(b.l("phrase.no-findings")),)),
    )
    return Block(id="findings", heading=b.l("section.findings"), body=body)
