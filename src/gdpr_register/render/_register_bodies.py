"""The bodies of a register's sections (purposes, categories, recipients, transfers ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from gdpr_register.model import Register, RetentionRule, Section
from gdpr_register.render._tree import Items, Node, Para, Span

if TYPE_CHECKING:
    from gdpr_register.render._bodies import Bodies

__all__ = ["BUILDERS"]

Builder = Callable[["Bodies", Register, str], tuple[Node, ...]]


def _purposes(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    out: list[Node] = []
    if register.description is not None:
        out.append(Para(parts=(b.pick(f"{base}.description", register.description),)))
    path = b.notice.path_of(register, "purposes")
    items = []
    for i, purpose in enumerate(register.purposes):
        lines = [Para(parts=(b.pick(f"{path}[{i}].name", purpose.name),))]
        if purpose.description is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].description", purpose.description),)))
        for k, basis in enumerate(purpose.bases):
            lines.extend(b.basis_line(basis, f"{path}[{i}].bases[{k}]"))
        for k, cond in enumerate(purpose.special_conditions):
            if cond.article is not None:
                lines.append(Para(parts=(Span(b.l("phrase.special-condition").format(
                    citation=b.fmt.citation(cond.article.value))),)))
            if cond.text is not None:
                lines.append(Para(parts=(b.pick(f"{path}[{i}].special_conditions[{k}].text",
                                                cond.text),)))
        items.append(tuple(lines))
    if items:
        out.append(Items(items=tuple(items)))
    if register.purposes_non_exhaustive:
        out.append(Para(parts=(Span(b.l("phrase.non-exhaustive")),)))
    if register.pooled_bases:
        out.append(Para(parts=(), label=b.l("phrase.pooled-bases")))
        out.append(Items(items=tuple(
            b.basis_line(basis, f"{base}.pooled_bases[{k}]")
            for k, basis in enumerate(register.pooled_bases))))
    return tuple(out)


def _pooled(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    # Bases stated without purposes: only the register's pooled bases can state them.
    return (Items(items=tuple(
        b.basis_line(basis, f"{base}.pooled_bases[{k}]")
        for k, basis in enumerate(register.pooled_bases))),)


def _interests(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "purposes")
    items: list[tuple[Para, ...]] = []
    for i, purpose in enumerate(register.purposes):
        for k, basis in enumerate(purpose.bases):
            if basis.interests is not None:
                items.append((Para(parts=(b.pick(f"{path}[{i}].name", purpose.name),)),
                              Para(parts=(b.pick(f"{path}[{i}].bases[{k}].interests",
                                                 basis.interests),))))
    for k, basis in enumerate(register.pooled_bases):
        if basis.interests is not None:
            items.append((Para(parts=(b.pick(f"{base}.pooled_bases[{k}].interests",
                                             basis.interests),)),))
    return (Items(items=tuple(items)),) if items else ()


def _named_list(b: Bodies, register: Register, field: str) -> list[list[Para]]:
    path = b.notice.path_of(register, field)
    items = []
    for i, entry in enumerate(getattr(register, field)):
        head = [b.pick(f"{path}[{i}].name", entry.name)]
        lines = [Para(parts=tuple(head))]
        if entry.description is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].description", entry.description),)))
        items.append(lines)
    return items


def _subjects(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    items = _named_list(b, register, "data_subjects")
    for lines, subject in zip(items, register.data_subjects, strict=True):
        if subject.includes_children:
            lines.append(Para(parts=(Span(b.l("field.children")),)))
    return (Items(items=tuple(tuple(i) for i in items)),)


def _categories(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    items = _named_list(b, register, "data_categories")
    for lines, cat in zip(items, register.data_categories, strict=True):
        if cat.special is not None:
            lines.append(b.field("field.special", Span(b.l(f"special.{cat.special.value}"))))
        if cat.criminal:
            lines.append(Para(parts=(Span(b.l("field.criminal")),)))
        if cat.national_id:
            lines.append(Para(parts=(Span(b.l("field.national-id")),)))
        if cat.provision is not None:
            lines.append(Para(parts=(Span(b.l(f"provision.{cat.provision.value}")),)))
    out: list[Node] = [Items(items=tuple(tuple(i) for i in items))]
    if register.categories_non_exhaustive:
        out.append(Para(parts=(Span(b.l("phrase.non-exhaustive")),)))
    return tuple(out)


def _special(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "data_categories")
    items = []
    for i, cat in enumerate(register.data_categories):
        if cat.special is not None or cat.criminal:
            kind = b.l(f"special.{cat.special.value}") if cat.special else b.l("field.criminal")
            items.append((Para(parts=(b.pick(f"{path}[{i}].name", cat.name), Span(f" ({kind})"))),))
    for purpose in register.purposes:
        for cond in purpose.special_conditions:
            if cond.article is not None:
                items.append((Para(parts=(Span(b.l("phrase.special-condition").format(
                    citation=b.fmt.citation(cond.article.value))),)),))
    return (Items(items=tuple(items)),) if items else ()


def _sources(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "sources")
    items = []
    for i, src in enumerate(register.sources):
        head = (b.pick(f"{path}[{i}].name", src.name) if src.name is not None
                else Span(b.l(f"source.{src.kind.value}")))
        lines = [Para(parts=(head,))]
        if src.description is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].description", src.description),)))
        if src.publicly_accessible:
            lines.append(Para(parts=(Span(b.l("field.public-source")),)))
        items.append(tuple(lines))
    return (Items(items=tuple(items)),)


def _recipients(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "recipients")
    items = []
    for i, rec in enumerate(register.recipients):
        lines = [Para(parts=(b.pick(f"{path}[{i}].name", rec.name),
                             Span(f" ({b.l(f'role.{rec.role.value}')})")))]
        if rec.description is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].description", rec.description),)))
        if rec.country is not None:
            lines.append(b.field("field.country", Span(b.fmt.country(rec.country))))
        if rec.law is not None:
            lines.append(b.field("field.law", b.pick(f"{path}[{i}].law", rec.law)))
        if rec.arrangement is not None:
            lines.append(b.field("field.arrangement",
                                 b.pick(f"{path}[{i}].arrangement", rec.arrangement)))
        if rec.valid_from is not None or rec.valid_until is not None:
            start = b.fmt.date(rec.valid_from) if rec.valid_from else ""
            end = b.fmt.date(rec.valid_until) if rec.valid_until else ""
            lines.append(b.field("field.valid", Span(f"{start} – {end}".strip())))
        items.append(tuple(lines))
    out: list[Node] = [Items(items=tuple(items))]
    if register.recipients_non_exhaustive:
        out.append(Para(parts=(Span(b.l("phrase.non-exhaustive")),)))
    return tuple(out)


def _transfers(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "transfers")
    names = {r.id: r.name for r in register.recipients}
    items = []
    for i, tr in enumerate(register.transfers):
        where = (b.l(f"region.{tr.region.value}") if tr.region is not None
                 and tr.country == "unknown" else b.fmt.country(tr.country))
        who = names.get(tr.recipient or "") or tr.international_organisation
        head = f"{who} ({where})" if who else where
        lines = [Para(parts=(Span(head),))]
        mechanisms = [b.mechanism(tr.mechanism), *(b.mechanism(m) for m in tr.alternatives)]
        lines.append(b.field("field.mechanism", Span(b.fmt.listing(mechanisms))))
        if tr.derogation is not None:
            lines.append(Para(parts=(Span(b.l("phrase.derogation").format(
                citation=b.fmt.citation(tr.derogation.value))),)))
        if tr.mechanism_text is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].mechanism_text", tr.mechanism_text),)))
        if tr.fallback is not None:
            lines.append(b.field("field.fallback", Span(b.mechanism(tr.fallback))))
        if tr.copy_available is not None:
            lines.append(b.field("field.copy", b.pick(f"{path}[{i}].copy_available",
                                                      tr.copy_available)))
        if tr.description is not None:
            lines.append(Para(parts=(b.pick(f"{path}[{i}].description", tr.description),)))
        if tr.possible:
            lines.append(Para(parts=(Span(b.l("field.possible")),)))
        items.append(tuple(lines))
    return (Items(items=tuple(items)),)


def _rule(b: Bodies, register: Register, rule: RetentionRule, path: str) -> tuple[Para, ...]:
    lines = [Para(parts=(b.pick(f"{path}.text", rule.text),))]
    if rule.categories:
        names = {c.id: c.name for c in register.data_categories}
        lines.append(b.field("field.applies-to", Span(b.fmt.listing(
            [names.get(c, c) for c in rule.categories]))))
    if rule.law is not None:
        lines.append(b.field("field.law", b.pick(f"{path}.law", rule.law)))
    for k, alt in enumerate(rule.alternatives):
        lines.extend(_rule(b, register, alt, f"{path}.alternatives[{k}]"))
    return tuple(lines)


def _retention(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "retention")
    return (Items(items=tuple(_rule(b, register, r, f"{path}[{i}]")
                              for i, r in enumerate(register.retention))),)


def _rights(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    return (Items(items=tuple(b.right_label(register, i) for i in range(len(register.rights)))),)


def _procedure(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    proc = register.request_procedure
    if proc is None:
        return ()
    path = b.notice.path_of(register, "request_procedure")
    out: list[Node] = []
    if proc.channels:
        out.append(Items(items=tuple((b.field(f"channel.{ch.kind.value}", Span(ch.value)),)
                                     for ch in proc.channels)))
    if proc.text is not None:
        out.append(Para(parts=(b.pick(f"{path}.text", proc.text),)))
    if proc.identity_check.value != "not-stated":
        out.append(b.field("field.identity-check",
                           Span(b.l(f"identity.{proc.identity_check.value}"))))
    if proc.response_time is not None:
        out.append(b.field("field.response-time", Span(b.fmt.duration(proc.response_time))))
    if proc.charge is not None:
        out.append(b.field("field.charge", Span(b.l(f"charge.{proc.charge.value}"))))
    return tuple(out)


def _provision(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    prov = register.provision
    if prov is None:
        return ()
    path = b.notice.path_of(register, "provision")
    out: list[Node] = [Para(parts=(Span(b.l(f"provision.{prov.requirement.value}")),))]
    if prov.obliged is not None:
        out.append(Para(parts=(Span(b.l("phrase.obliged-yes" if prov.obliged
                                        else "phrase.obliged-no")),)))
    if prov.consequences is not None:
        out.append(b.field("field.consequences", b.pick(f"{path}.consequences",
                                                        prov.consequences)))
    if prov.text is not None:
        out.append(Para(parts=(b.pick(f"{path}.text", prov.text),)))
    return tuple(out)


def _automated(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    ad = register.automated_decisions
    if ad is None:
        return ()
    path = b.notice.path_of(register, "automated_decisions")
    out: list[Node] = []
    if ad.automated_decisions is not None:
        key = "phrase.automated-yes" if ad.automated_decisions else "phrase.automated-none"
        out.append(Para(parts=(Span(b.l(key)),)))
    if ad.profiling is not None:
        key = "phrase.profiling-yes" if ad.profiling else "phrase.profiling-none"
        out.append(Para(parts=(Span(b.l(key)),)))
    fields: tuple[tuple[str, str | None], ...] = (
        ("text", None), ("logic", "field.logic"), ("significance", "field.significance"))
    for field, name in fields:
        value = getattr(ad, field)
        if value is not None:
            span = b.pick(f"{path}.{field}", value)
            out.append(b.field(name, span) if name else Para(parts=(span,)))
    return tuple(out)


def _security(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    path = b.notice.path_of(register, "security")
    return (Items(items=tuple(
        (b.field(f"security.{m.kind.value}", b.pick(f"{path}[{i}].text", m.text)),)
        for i, m in enumerate(register.security))),)


def _nothing(b: Bodies, register: Register, base: str) -> tuple[Node, ...]:
    return ()  # sale, cookies: no field states them; only their none/elsewhere notes show


BUILDERS: dict[Section, Builder] = {
    Section.PURPOSES: _purposes,
    Section.BASES: _pooled,  # with purposes stated, rendered inside the purposes
    Section.LEGITIMATE_INTERESTS: _interests,
    Section.DATA_SUBJECTS: _subjects,
    Section.DATA_CATEGORIES: _categories,
    Section.SPECIAL_CATEGORIES: _special,
    Section.SOURCES: _sources,
    Section.RECIPIENTS: _recipients,
    Section.TRANSFERS: _transfers,
    Section.RETENTION: _retention,
    Section.RIGHTS: _rights,
    Section.REQUEST_PROCEDURE: _procedure,
    Section.PROVISION: _provision,
    Section.AUTOMATED_DECISIONS: _automated,
    Section.SECURITY: _security,
    Section.MARKETING: lambda b, register, base: b.marketing(register, base),
    Section.SALE: _nothing,
    Section.COOKIES: _nothing,
}
