"""Loading and saving notice documents in YAML, JSON and TOML.

Reading is bounded: a size limit before parsing, libyaml's nesting limit, and a node budget
that counts every alias expansion (a "billion laughs" document fails fast instead of eating
memory). Writing goes through :func:`write_text_file`: a regular file is replaced atomically
(a failure never leaves a half-written notice), a device or FIFO is written through, a
symbolic link is followed and its target replaced.
"""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gdpr_register.documents._write import write_text_file
from gdpr_register.documents.converter import converter_for, problems_from
from gdpr_register.errors import DocumentError, Problem, UsageError, WrongTypeError
from gdpr_register.model.notice import Notice

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_NODES",
    "Format",
    "dump_notice",
    "dumps_notice",
    "load_notice",
    "loads_notice",
    "notice_from_data",
    "notice_to_data",
    "write_text_file",
]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"  # codecs.BOM_UTF8
DEFAULT_MAX_NODES = 2_000_000
_MAX_DEPTH = 64


class Format(enum.StrEnum):
    """A notice document's serialisation: YAML, JSON or TOML (``for_path`` tells by suffix)."""

    YAML = "yaml"
    JSON = "json"
    TOML = "toml"

    @classmethod
    def for_path(cls, path: str | os.PathLike[str]) -> Format:
        suffix = Path(path).suffix.lower()
        by_suffix = {".yaml": cls.YAML, ".yml": cls.YAML, ".json": cls.JSON, ".toml": cls.TOML}
        if suffix not in by_suffix:
            raise DocumentError(
                [
                    Problem(
                        location="",
                        message=f"cannot tell the format from the suffix {suffix or '(none)'!r} "
                        "(expected .yaml, .yml, .json or .toml, or pass the format)",
                    )
                ],
                source=os.fspath(path),
            )
        return by_suffix[suffix]


def _format(value: Format | str) -> Format:
    try:
        return Format(value)
    except ValueError:
        raise UsageError(
            f"{value!r} is not a document format (expected yaml, json or toml)"
        ) from None


def _fail(message: str, source: str | None, location: str = "$") -> DocumentError:
    return DocumentError([Problem(location=location, message=message)], source=source)


_BOOL_1_2 = r"^(?:true|True|TRUE|false|False|FALSE)$"
_INT_1_2 = r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
_DROPPED_TAGS = frozenset(
    {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}
)


@functools.cache
def _yaml_loader() -> type:
    """A safe loader (libyaml when available) with YAML 1.2 core-schema scalars.

    Dates stay strings, so an impossible date is reported at its path by the converter; only
    ``true``/``false`` are booleans, so Norway's ``NO`` stays a country code; integers are
    decimal, ``0o`` octal or ``0x`` hex (``010`` is ten, ``1:30`` is text). A key given twice
    in one mapping is an error naming its line, never a silently lost value.
    """
    import re

    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag not in _DROPPED_TAGS]
        for first, entries in base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
        # Compare scalar keys by tag and text before construction: cheap, and the same test.
        seen: set[tuple[str, str]] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                identity = (key_node.tag, key_node.value)
                if identity in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                    )
                seen.add(identity)
        return base.construct_mapping(self, node, deep=deep)

    loader = type(
        "NoticeLoader",
        (base,),
        {"yaml_implicit_resolvers": resolvers, "construct_mapping": construct_mapping},
    )
    loader.add_implicit_resolver(  # type: ignore[attr-defined]
        "tag:yaml.org,2002:bool", re.compile(_BOOL_1_2), list("tTfF")
    )
    loader.add_implicit_resolver(  # type: ignore[attr-defined]
        "tag:yaml.org,2002:int", re.compile(_INT_1_2), list("-+0123456789")
    )
    loader.add_constructor("tag:yaml.org,2002:int", _construct_int_1_2)  # type: ignore[attr-defined]
    return loader


def _construct_int_1_2(loader: Any, node: Any) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)  # a leading zero is decimal in YAML 1.2, not octal


@functools.cache
def _yaml_dumper() -> type:
    """A safe dumper that quotes every string a YAML 1.1 *or* our 1.2 reader would not read
    back as text (``yes``, ``NO``, ``09``), so files read the same everywhere."""
    import re

    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    dumper = type(
        "NoticeDumper",
        (base,),
        {"yaml_implicit_resolvers": {k: list(v) for k, v in base.yaml_implicit_resolvers.items()}},
    )
    dumper.add_implicit_resolver(  # type: ignore[attr-defined]
        "tag:yaml.org,2002:int", re.compile(_INT_1_2), list("-+0123456789")
    )
    return dumper


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = dict(pairs)  # in C; a key given twice shows as a shorter dict
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _parse(text: str, fmt: Format, source: str | None) -> Any:
    try:
        if fmt is Format.YAML:
            import yaml

            return yaml.load(text, Loader=_yaml_loader())
        if fmt is Format.JSON:
            import json  # here, as yaml and tomllib are: a YAML check never needs it

            return json.loads(text, object_pairs_hook=_json_object)
        import tomllib

        return tomllib.loads(text)
    except RecursionError:
        raise _fail("the document is nested too deeply", source) from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise _fail(f"not valid {fmt.value.upper()}: {exc}", source) from None
    except Exception as exc:  # yaml.YAMLError, imported lazily
        if type(exc).__module__.startswith("yaml"):
            detail = " ".join(str(exc).split())
            raise _fail(f"not valid YAML: {detail}", source) from None
        raise


def _check_budget(data: Any, max_nodes: int, source: str | None) -> None:
    """Count nodes as a consumer would see them (aliases expanded) and bound the depth."""
    budget = max_nodes
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise _fail(
                f"the document expands to more than {max_nodes:,} values "
                "(repeated YAML aliases?); refusing to load it",
                source,
            )
        if depth > _MAX_DEPTH:
            raise _fail(f"the document is nested more than {_MAX_DEPTH} levels deep", source)
        # Exact types first: isinstance against the Mapping ABC is slow, and parsers
        # produce plain dicts and lists.
        kind = type(node)
        if kind is dict or (kind is not list and isinstance(node, Mapping)):
            children = node.values()
        elif kind is list or isinstance(node, list):
            children = node
        else:
            continue
        inner = depth + 1
        for child in children:
            kind = type(child)
            if kind not in _SCALARS and (
                kind is dict or kind is list or isinstance(child, Mapping | list)
            ):
                stack.append((child, inner))
                continue
            # A scalar: count it here instead of pushing it (same total, same limits).
            budget -= 1
            if budget < 0:
                raise _fail(
                    f"the document expands to more than {max_nodes:,} values "
                    "(repeated YAML aliases?); refusing to load it",
                    source,
                )
            if inner > _MAX_DEPTH:
                raise _fail(
                    f"the document is nested more than {_MAX_DEPTH} levels deep", source
                )


_SCALARS = frozenset({str, int, float, bool, type(None)})


def notice_from_data(data: Any, *, source: str | None = None) -> Notice:
    """Structure already-parsed data (dicts, lists, scalars) into a :class:`Notice`."""
    if not isinstance(data, Mapping):
        raise _fail(f"a notice document is a mapping of fields, got {type(data).__name__}", source)
    try:
        return converter_for(detailed=False).structure(data, Notice)
    except Exception:  # re-run with paths: errors are rare, clarity matters then
        pass
    try:
        notice = converter_for(detailed=True).structure(data, Notice)
    except Exception as exc:
        raise DocumentError(problems_from(exc), source=source) from None
    return notice  # pragma: no cover - the fast path failed on something odd but this passed


def notice_to_data(notice: Notice) -> dict[str, Any]:
    """Unstructure a notice into plain data (defaults omitted) for any serialiser."""
    data: dict[str, Any] = converter_for(detailed=False).unstructure(notice)
    return data


def loads_notice(
    text: str | bytes,
    format: Format | str = Format.YAML,
    *,
    source: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Notice:
    """Load a notice from a string in the given format."""
    fmt = _format(format)
    if isinstance(text, bytes):
        try:
            # What decode("utf-8-sig") does (a leading byte order mark dropped, then UTF-8;
            # an error's offset counts from after the mark), without importing its codec.
            text = (text[3:] if text.startswith(_BOM) else text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(f"not UTF-8 text (byte {exc.start})", source) from None
    data = _parse(text, fmt, source)
    _check_budget(data, max_nodes, source)
    return notice_from_data(data, source=source)


def load_notice(
    path: str | os.PathLike[str],
    format: Format | str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Notice:
    """Load a notice document; the format follows the file suffix unless given.

    Raises :class:`~gdpr_register.errors.DocumentError` naming the file and every problem's
    path. Files larger than ``max_bytes`` are refused before they are read.
    """
    source = os.fspath(path)
    fmt = _format(format) if format is not None else Format.for_path(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise _fail(
                    f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
                    source,
                    location="",
                )
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _fail(exc.strerror or str(exc), source, location="") from None
    if len(raw) > max_bytes:  # a file that grew while we read it, or a pipe
        raise _fail(f"the input is more than the limit of {max_bytes:,} bytes", source, "")
    return loads_notice(raw, fmt, source=source, max_nodes=max_nodes)


def dumps_notice(notice: Notice, format: Format | str = Format.YAML) -> str:
    """Serialise a notice; ``loads_notice(dumps_notice(n, f), f) == n`` for every format.

    Only a :class:`~gdpr_register.model.Notice` is serialised: anything else is a
    :class:`~gdpr_register.errors.WrongTypeError` (a ``TypeError``).
    """
    if not isinstance(notice, Notice):
        raise WrongTypeError(f"expected a Notice, got {type(notice).__name__}")
    fmt = _format(format)
    data = notice_to_data(notice)
    if fmt is Format.YAML:
        import yaml

        text: str = yaml.dump(
            data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=100
        )
        return text
    if fmt is Format.JSON:
        import json

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import tomli_w

    return tomli_w.dumps(data)


def dump_notice(
    notice: Notice, path: str | os.PathLike[str], format: Format | str | None = None
) -> None:
    """Write a notice document with :func:`write_text_file` (a regular file atomically).

    The notice is checked and serialised before the path is touched: a wrong type is a
    :class:`~gdpr_register.errors.WrongTypeError`, a failed write an
    :class:`~gdpr_register.errors.OutputError` (an ``OSError``).
    """
    if not isinstance(notice, Notice):  # before the suffix: the value is the first mistake
        raise WrongTypeError(f"expected a Notice, got {type(notice).__name__}")
    fmt = _format(format) if format is not None else Format.for_path(path)
    write_text_file(path, dumps_notice(notice, fmt))
