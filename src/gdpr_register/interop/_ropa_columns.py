"""The layout of the Art. 30(1) record: its columns and controller items, and their headers.

Headers are kept in one table keyed by column id (:data:`HEADERS`), one entry per language,
so that other languages are one more entry; the import reads a header in any of them. The
English headers follow the CNIL's model record (*registre des activités de traitement*,
basic model) where it has the item; ``docs/interop.md`` gives the mapping.
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "ACTIVITY_COLUMNS",
    "CONTROLLER_ITEMS",
    "DROPPED_NOTICE",
    "DROPPED_REGISTER",
    "HEADERS",
    "CellKind",
    "Column",
    "header_index",
    "headers_for",
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

HEADERS: dict[str, dict[str, str]] = {
    "en": {
        # Activities sheet
        "activity_id": "Ref.",
        "activity": "Processing activity",
        "description": "Description",
        "purposes": "Purposes",
        "lawful_bases": "Lawful basis per purpose",
        "special_conditions": "Special categories: Art. 9(2) condition",
        "data_subjects": "Categories of data subjects",
        "data_categories": "Categories of personal data",
        "sources": "Source of the data",
        "recipients": "Recipients",
        "transfers": "Transfers outside the EU/EEA",
        "erasure": "Erasure time limits",
        "retention": "Retention rules as stated",
        "security": "Security measures",
        "other": "Other facts",
        # Controller sheet
        "record_id": "Record ID",
        "title": "Title",
        "document_kind": "Document kind",
        "language": "Language",
        "updated": "Updated",
        "version": "Version",
        "source": "Source document",
        "controller": "Controller",
        "short_name": "Short name",
        "business_id": "Business ID",
        "address": "Address",
        "phone": "Phone",
        "email": "Email",
        "website": "Website",
        "country": "Country of establishment",
        "contact_points": "Contact points",
        "joint_controllers": "Joint controllers",
        "representative": "Representative (Art. 27)",
        "dpo": "Data protection officer",
        "controller_other": "Other controller facts",
        "record_other": "Other record facts",
        # Sheet names and the controller sheet's column headers
        "sheet_controller": "Controller",
        "sheet_activities": "Activities",
        "item": "Item",
        "value": "Value",
    },
}


def headers_for(lang: str) -> dict[str, str]:
    """The header table of ``lang``; a UsageError naming the languages there are."""
    table = HEADERS.get(lang)
    if table is None:
        from gdpr_register.errors import UsageError

        known = ", ".join(sorted(HEADERS))
        raise UsageError(f"record headers are not available in {lang!r}; available: {known}")
    return table


def header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every language's header of ``columns``, folded, to its column."""
    by_id = {c.id: c for c in columns}
    index: dict[str, Column] = {}
    for table in HEADERS.values():
        for column_id, header in table.items():
            if column_id in by_id:
                index[header.strip().casefold()] = by_id[column_id]
    return index
