"""The layout of the Art. 30(1) record: its columns and controller items, and their headers.

Headers are the rendering catalogues' ``record.<column id>`` labels, one table per language
(:func:`header_tables`: fi, sv, en); the import reads a header in any of them. The
English headers follow the CNIL's model record (*registre des activités de traitement*,
basic model) where it has the item; ``docs/interop.md`` gives the mapping.
"""

from __future__ import annotations

import enum
import functools

import attrs

__all__ = [
    "ACTIVITY_COLUMNS",
    "CONTROLLER_ITEMS",
    "DROPPED_NOTICE",
    "DROPPED_REGISTER",
    "CellKind",
    "Column",
    "header_index",
    "header_language",
    "header_tables",
    "headers_for",
    "none_words",
]


class CellKind(enum.Enum):
    TEXT = "text"  # the text as written
    ITEM = "item"  # one item: label {mapping}
    ITEMS = "items"  # one item a line
    MAPPING = "mapping"  # the remaining fields as one flow mapping
    WORDS = "words"  # computed for readers; not read back


@attrs.frozen(kw_only=True)
class Column:
    """A column of the activities sheet or an item of the controller sheet.

    ``key`` is the field in the document format (a register's, or a dotted path in the
    notice's); ``label`` the item field shown as the line's text; ``flag`` the boolean
    field a ``…`` line sets (the list is not exhaustive).
    """

    id: str
    key: str | None
    kind: CellKind
    label: str | None = None
    flag: str | None = None
    article: str = ""  # the GDPR provision the column answers


ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column(id="activity_id", key="id", kind=CellKind.TEXT),
    Column(id="activity", key="name", kind=CellKind.TEXT),
    Column(id="description", key="description", kind=CellKind.TEXT),
    Column(id="purposes", key="purposes", kind=CellKind.ITEMS, label="name",
           flag="purposes_non_exhaustive", article="30(1)(b)"),
    Column(id="lawful_bases", key=None, kind=CellKind.ITEMS, label="text", article="6(1)"),
    Column(id="special_conditions", key=None, kind=CellKind.ITEMS, label="text",
           article="9(2)"),
    Column(id="data_subjects", key="data_subjects", kind=CellKind.ITEMS, label="name",
           article="30(1)(c)"),
    Column(id="data_categories", key="data_categories", kind=CellKind.ITEMS, label="name",
           flag="categories_non_exhaustive", article="30(1)(c)"),
    Column(id="sources", key="sources", kind=CellKind.ITEMS, label="name", article="14(2)(f)"),
    Column(id="recipients", key="recipients", kind=CellKind.ITEMS, label="name",
           flag="recipients_non_exhaustive", article="30(1)(d)"),
    Column(id="transfers", key="transfers", kind=CellKind.ITEMS, label="country",
           article="30(1)(e)"),
    Column(id="erasure", key=None, kind=CellKind.WORDS, article="30(1)(f)"),
    Column(id="retention", key="retention", kind=CellKind.ITEMS, label="text",
           article="30(1)(f)"),
    Column(id="security", key="security", kind=CellKind.ITEMS, label="text",
           article="30(1)(g)"),
    Column(id="dpia", key="dpia", kind=CellKind.ITEM, label="reference", article="35"),
    Column(id="other", key=None, kind=CellKind.MAPPING),
)

CONTROLLER_ITEMS: tuple[Column, ...] = (
    Column(id="record_id", key="id", kind=CellKind.TEXT),
    Column(id="title", key="title", kind=CellKind.TEXT),
    Column(id="document_kind", key="kind", kind=CellKind.TEXT),
    Column(id="language", key="language", kind=CellKind.TEXT),
    Column(id="updated", key="updated", kind=CellKind.TEXT),
    Column(id="version", key="version", kind=CellKind.TEXT),
    Column(id="source", key="source", kind=CellKind.TEXT),
    Column(id="controller", key="controller.name", kind=CellKind.TEXT, article="30(1)(a)"),
    Column(id="short_name", key="controller.short_name", kind=CellKind.TEXT),
    Column(id="business_id", key="controller.business_id", kind=CellKind.ITEM, label="value"),
    Column(id="address", key="controller.address", kind=CellKind.ITEM, label="street"),
    Column(id="phone", key="controller.phone", kind=CellKind.TEXT, article="30(1)(a)"),
    Column(id="email", key="controller.email", kind=CellKind.TEXT, article="30(1)(a)"),
    Column(id="website", key="controller.website", kind=CellKind.TEXT),
    Column(id="country", key="controller.country", kind=CellKind.TEXT),
    Column(id="contact_points", key="contact_points", kind=CellKind.ITEMS, label="name",
           article="30(1)(a)"),
    Column(id="joint_controllers", key="joint_controllers", kind=CellKind.ITEMS, label="name",
           article="30(1)(a)"),
    Column(id="representative", key="controller.representative", kind=CellKind.ITEM,
           label="name", article="30(1)(a)"),
    Column(id="dpo", key="controller.dpo", kind=CellKind.ITEM, label="status",
           article="30(1)(a)"),
    Column(id="controller_other", key="controller", kind=CellKind.MAPPING),
    Column(id="record_other", key=None, kind=CellKind.MAPPING),
)

# What an Art. 30 record does not carry: the notice's Art. 13/14 wording and its own
# bookkeeping. The import reports them as not stated.
DROPPED_REGISTER = frozenset(
    {"automated_decisions", "rights", "request_procedure", "provision", "consents", "coverage"}
)
DROPPED_NOTICE = frozenset(
    {"supervisory_authority", "cited_laws", "waivers", "shared", "coverage", "translations",
     "translated", "registers"}
)

# Labels that are not columns: the sheets, the controller sheet's two headers, the word for
# "the notice says there is none".
_WORDS = ("sheet_controller", "sheet_activities", "item", "value", "none")


@functools.cache
def header_tables() -> dict[str, dict[str, str]]:
    """Every header, sheet name and fixed word of the record by id, per language (fi, sv, en),
    from the rendering catalogues' ``record.<id>`` labels."""
    from gdpr_register.render import LANGUAGES, label

    ids = [c.id for c in ACTIVITY_COLUMNS + CONTROLLER_ITEMS] + list(_WORDS)
    return {lang: {i: label(f"record.{i}", lang) for i in ids} for lang in LANGUAGES}


def none_words() -> frozenset[str]:
    """The word for "there is none" in every language, as written."""
    return frozenset(t["none"] for t in header_tables().values())


def headers_for(lang: str) -> dict[str, str]:
    """The header table of ``lang``; a UsageError naming the languages there are."""
    table = header_tables().get(lang)
    if table is None:
        from gdpr_register.errors import UsageError

        known = ", ".join(header_tables())
        raise UsageError(f"record headers are not available in {lang!r}; available: {known}")
    return table


def header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every language's header of ``columns``, folded, to its column."""
    by_id = {c.id: c for c in columns}
    index: dict[str, Column] = {}
    for table in header_tables().values():
        for column_id, header in table.items():
            if column_id in by_id:
                index[header.strip().casefold()] = by_id[column_id]
    return index


def header_language(headers: list[str], columns: tuple[Column, ...]) -> str:
    """The language most of ``headers`` are in (English when none is known)."""
    folded = {h.strip().casefold() for h in headers}
    ids = {c.id for c in columns}
    best, count = "en", 0
    for lang, table in header_tables().items():
        found = sum(1 for i, h in table.items() if i in ids and h.casefold() in folded)
        if found > count:
            best, count = lang, found
    return best
