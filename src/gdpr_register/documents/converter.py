"""The library's one cattrs converter, and the translation of its errors into paths.

``make_converter()`` configures strict hooks: a string is never silently made of a number, a
list is never made of a string's characters, unknown keys are rejected with a did-you-mean
that never changes the meaning (:mod:`gdpr_register.model._suggest`).

``null`` means the same as leaving the key out, for every key that may be left out (optional
values and lists alike); a required key given ``null`` is an error. A section's list (or
value) may be written ``none`` for "the notice says there is none" (``transfers: none``).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Annotated, Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from gdpr_register import _codecache
from gdpr_register.documents._scalars import (
    _article_shorthand,
    _describe,
    _enum_hook,
    _enum_value,
    _is_homogeneous_tuple,
    _short,
    _structure_bool,
    _structure_date,
    _structure_datetime,
    _structure_int,
    _structure_month_day,
    _structure_partial_date,
    _structure_str,
)
from gdpr_register.errors import Problem
from gdpr_register.model._validators import ModelValueError, ModelValueErrors
from gdpr_register.model.enums import LawfulBasis, Section, SpecialCategoryCondition
from gdpr_register.model.notice import Notice, Waiver
from gdpr_register.model.register import SECTION_FIELDS, Register, SpecialCondition, StatedBasis
from gdpr_register.model.shared import SharedStatements
from gdpr_register.model.values import MonthDay, PartialDate

_codecache.install_cattrs()  # the structuring hooks' code compiled ahead

__all__ = ["converter_for", "make_converter", "problems_from"]


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """The converter for notice documents.

    ``detailed=True`` collects every error with its path (for users' documents);
    ``detailed=False`` is the fast path the loader tries first, re-running the detailed one only
    when something is wrong.
    """
    conv = cattrs.Converter(
        detailed_validation=detailed, forbid_extra_keys=True, omit_if_default=True
    )
    # By class, as cattrs registers them (single dispatch beats predicates); the enum hooks
    # below are registered for Enum and StrEnum, which a StrEnum's MRO reaches before str.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(MonthDay, _structure_month_day)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_unstructure_hook(MonthDay, str)
    conv.register_unstructure_hook(PartialDate, str)

    # cattrs dispatches str by class, and a StrEnum is a str: register the enum classes by class.
    enum_hooks: dict[type, Callable[[object, type], enum.Enum]] = {}

    def structure_enum(value: object, enum_type: type[enum.Enum]) -> enum.Enum:
        hook = enum_hooks.get(enum_type)
        if hook is None:
            hook = enum_hooks[enum_type] = _enum_hook(enum_type)
        return hook(value, enum_type)

    conv.register_structure_hook(enum.Enum, structure_enum)
    conv.register_structure_hook(enum.StrEnum, structure_enum)
    conv.register_unstructure_hook(enum.Enum, _enum_value)
    conv.register_unstructure_hook(enum.StrEnum, _enum_value)

    def tuple_factory(type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item_type = get_args(type_)[0]
        item_hook = conv.get_structure_hook(item_type)

        if detailed:

            def structure_detailed(value: object, _type: type) -> tuple[Any, ...]:
                if not isinstance(value, list | tuple):
                    raise TypeError(f"expected a list, got {_describe(value)}")
                items, errors = [], []
                for index, item in enumerate(value):
                    try:
                        items.append(item_hook(item, item_type))
                    except Exception as exc:  # collected and re-raised as a group below
                        exc.__notes__ = [
                            *getattr(exc, "__notes__", []),
                            IterableValidationNote(
                                f"Structuring item @ index {index}", index, item_type
                            ),
                        ]
                        errors.append(exc)
                if errors:
                    raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
                return tuple(items)

            return structure_detailed

        def structure_fast(value: object, _type: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {_describe(value)}")
            return tuple([item_hook(item, item_type) for item in value])

        return structure_fast

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    def attrs_factory(cls: type) -> Callable[[object, type], Any]:
        # Generated lazily: a class that contains itself (RetentionRule.alternatives) would
        # otherwise recurse while its hook is being made.
        inner: Callable[[Any, Any], Any] | None = None
        optional = frozenset(
            a.name for a in attrs.fields(cls) if a.init and a.default is not attrs.NOTHING
        )
        sugar = cls in (Register, SharedStatements)

        def structure(value: object, _type: type) -> Any:
            nonlocal inner
            if type(value) is not dict and not isinstance(value, Mapping):
                raise TypeError(f"expected a mapping of fields, got {_describe(value)}")
            if inner is None:
                inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True,
                                               **_field_hooks(conv, cls))
            # `None in values()` first: a C-level scan that is false for almost every mapping.
            if None in value.values() and any(
                v is None and k in optional for k, v in value.items()
            ):
                value = {k: v for k, v in value.items() if v is not None or k not in optional}
            if sugar:
                value = _none_sugar(value)
            return inner(value, cls)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)
    # Shorthand: a basis or condition may be written as its article alone (`- 6(1)(b)`).
    for cls, article_type in (
        (StatedBasis, LawfulBasis),
        (SpecialCondition, SpecialCategoryCondition),
    ):
        conv.register_structure_hook(cls, _article_shorthand(cls, article_type, attrs_factory(cls)))
    conv.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True),
    )
    for holder in (Register, SharedStatements):
        conv.register_unstructure_hook(holder, _unstructure_sections(conv, holder))
    conv.register_structure_hook(Waiver, _known_rule(attrs_factory(Waiver)))
    conv.register_structure_hook(Notice, _translated_paths(attrs_factory(Notice)))
    return conv


def _field_hooks(conv: cattrs.Converter, cls: type) -> dict[str, Any]:
    """Each field's hook, looked up once per type: cattrs looks every field's up afresh (no
    cache: ``str | None`` walks its predicates again for each of dozens of fields, and an
    attrs class gets a new hook, generated again, for each field holding it), a noticeable
    part of loading the first document. The hooks are the ones cattrs would find
    (``tests/test_startup.py``): a field cattrs treats otherwise (an attrs converter, a type
    written as text and resolved by cattrs, an ``Annotated`` override) is left to it."""
    return {
        a.name: override(struct_hook=conv.get_structure_hook(a.type))
        for a in attrs.fields(cls)
        if a.init and a.converter is None and a.type is not None
        and not isinstance(a.type, str) and get_origin(a.type) is not Annotated
    }


def _translated_paths(
    from_mapping: Callable[[object, type], Any],
) -> Callable[[object, type], Any]:
    """Each translated text names a text field of the document."""

    def structure(value: object, _type: type) -> Any:
        notice = from_mapping(value, Notice)
        if not notice.translated:
            return notice
        from gdpr_register.rules._paths import resolve_path

        errors: list[ModelValueError] = []
        for index, entry in enumerate(notice.translated):
            try:
                target = resolve_path(notice, entry.path)
            except ValueError as exc:
                errors.append(ModelValueError(f"translated[{index}].path", str(exc)))
                continue
            if not isinstance(target, str):
                errors.append(
                    ModelValueError(f"translated[{index}].path", f"{entry.path} is not a text")
                )
        if errors:
            raise errors[0] if len(errors) == 1 else ModelValueErrors(errors)
        return notice

    return structure


def _known_rule(from_mapping: Callable[[object, type], Any]) -> Callable[[object, type], Any]:
    """A waiver names a rule that exists: the catalogue's or an installed plugin's.

    The registry is imported only for a document that has waivers (it is not cheap).
    """

    def structure(value: object, _type: type) -> Any:
        waiver = from_mapping(value, Waiver)
        from gdpr_register.rules._engine import default_registry

        registry = default_registry()
        if waiver.rule not in registry:
            from gdpr_register.model._suggest import suggestion  # imported for errors only

            known = [item.id for item in registry]
            close = suggestion(waiver.rule, known)
            hint = f"; did you mean {close!r}?" if close else ""
            raise ModelValueError(
                "rule",
                f"no rule {_short(waiver.rule)} in the catalogue or an installed plugin "
                f"(`gdpr-register rules` lists them){hint}",
            )
        return waiver

    return structure


# Sections a document may write as `key: none` on their own list or value.
_SUGAR = {field: section for section, field in SECTION_FIELDS.items()}
NONE_WORD = "none"


def _none_sugar(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """``transfers: none`` -> ``none: [transfers]`` (the model keeps one list of nones)."""
    marked = [k for k, v in value.items() if k in _SUGAR and v == NONE_WORD]
    if not marked:
        return value
    result = {k: v for k, v in value.items() if k not in marked}
    existing = result.get("none")
    nones = list(existing) if isinstance(existing, list | tuple) else []
    if existing is not None and not isinstance(existing, list | tuple):
        return value  # a malformed `none:` is reported by the normal path
    nones.extend(_SUGAR[k].value for k in marked if _SUGAR[k].value not in nones)
    result["none"] = nones
    return result


def _unstructure_sections(conv: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    """Write a register without what it inherits, and its nones on their own keys."""
    # Generated on first use: loading never unstructures, and generating the hooks of every
    # class a register holds is a large share of a command's start.
    inner: Callable[[Any], dict[str, Any]] | None = None
    # `key: none` only for a section that is a field of this class (the shared block has no
    # `purposes`, say): the others stay in the `none:` list, which every class accepts.
    own_fields = frozenset(a.name for a in attrs.fields(cls))

    def unstructure(obj: Any) -> dict[str, Any]:
        nonlocal inner
        if inner is None:
            inner = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        data: dict[str, Any] = inner(obj)
        for field in getattr(obj, "inherited", ()):
            data.pop(field, None)
        data.pop("inherited", None)
        nones: list[Section] = list(obj.none)
        if nones:
            rest = []
            for section in nones:
                field = SECTION_FIELDS.get(section)
                if field is not None and field in own_fields and field not in data:
                    data[field] = NONE_WORD
                else:
                    rest.append(section.value)
            if rest:
                data["none"] = rest
            else:
                data.pop("none", None)
        return data

    return unstructure


@functools.cache
def converter_for(*, detailed: bool) -> cattrs.Converter:
    """The shared converter instances (building one costs milliseconds: do it once)."""
    return make_converter(detailed=detailed)


def problems_from(exc: BaseException, root: str = "$") -> list[Problem]:
    """Flatten a cattrs/attrs exception tree into path-addressed problems."""
    out: list[Problem] = []
    _walk(exc, root, out)
    return out


def _join(path: str, relative: str) -> str:
    if not relative:
        return path
    return f"{path}{relative}" if relative.startswith("[") else f"{path}.{relative}"


def _walk(exc: BaseException, path: str, out: list[Problem]) -> None:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, IterableValidationNote):
                _walk(inner, f"{path}[{note.index}]", out)
            else:
                _walk(inner, _join(path, note.name), out)
        for inner in without:
            _walk(inner, path, out)
        return
    if isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            _walk(member, path, out)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        from gdpr_register.model._suggest import suggestion  # imported for errors only

        known = [a.name for a in attrs.fields(exc.cl) if a.init] if attrs.has(exc.cl) else []
        # YAML keys may be numbers or null: compare and address them as text.
        for key in sorted(exc.extra_fields, key=str):
            close = suggestion(key, known)
            hint = f"; did you mean {close!r}?" if close else ""
            out.append(
                Problem(location=_join(path, str(key)), message=f"unknown key {key!r}{hint}")
            )
        return
    if isinstance(exc, KeyError):
        out.append(Problem(location=path, message="required field is missing"))
        return
    if isinstance(exc, ModelValueErrors):
        for error in exc.errors:
            _walk(error, path, out)
        return
    if isinstance(exc, ModelValueError):
        out.append(Problem(location=_join(path, exc.path), message=exc.message))
        return
    message = str(exc) or type(exc).__name__
    out.append(Problem(location=path, message=message))
