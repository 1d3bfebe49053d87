"""What keeps the command line's start-up short (docs/performance.md, "Start-up")."""

from __future__ import annotations

import enum
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register.model import enums
from gdpr_register.model._vocabulary import functional
from gdpr_register.rules import _values

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter: in this one, other tests may already have resolved the types.
_FIELD_TYPES = """
import json, pkgutil, importlib, attrs
import gdpr_register.model as model
text = []
for info in pkgutil.iter_modules(model.__path__, "gdpr_register.model."):
    module = importlib.import_module(info.name)
    for value in vars(module).values():
        if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
            text += [f"{value.__name__}.{f.name}: {f.type}" for f in attrs.fields(value)
                     if isinstance(f.type, str)]
print(json.dumps(text))
"""


def test_model_field_types_are_objects_not_text() -> None:
    # Text annotations (`from __future__ import annotations`) would be compiled one by one by
    # the converter at every start; only a class naming itself has to be written as text.
    run = subprocess.run([sys.executable, "-c", _FIELD_TYPES], capture_output=True, text=True,
                         check=True)
    assert json.loads(run.stdout) == ["RetentionRule.alternatives: tuple[RetentionRule, ...]"]


def test_a_commands_parser_imports_no_shutil() -> None:
    code = ("import sys; from gdpr_register.cli import build_parser; "
            "build_parser('check').parse_args(['check', 'x.yaml']); print('shutil' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "False"


def test_help_is_as_wide_as_argparse_would_make_it() -> None:
    # The width shutil.get_terminal_size() gives argparse: $COLUMNS first, else the terminal's
    # (no terminal here), else 80.
    code = ("import shutil; from gdpr_register.cli import _Formatter; "
            "print(_Formatter('x')._width, shutil.get_terminal_size().columns - 2)")
    for columns in ("60", "132", "not-a-number", "0", ""):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={**os.environ, "COLUMNS": columns})
        ours, shutils = run.stdout.split()
        assert ours == shutils


def _as_written(made: type[enum.StrEnum]) -> type:
    """The vocabulary as ``class X(enum.StrEnum)`` with the same members makes it."""
    body = {"__module__": made.__module__, "__qualname__": made.__qualname__,
            "__doc__": made.__doc__}
    written = enum.EnumType.__prepare__(made.__name__, (enum.StrEnum,))
    written.update(body)
    for member in made:
        written[member.name] = member.value
    return enum.EnumType(made.__name__, (enum.StrEnum,), written)


def _plain(made: type[enum.StrEnum]) -> type:
    return type(made.__name__, (), {"__module__": made.__module__, "__doc__": made.__doc__,
                                    **{m.name: m.value for m in made}})


@pytest.mark.parametrize(
    "made", [*(getattr(enums, name) for name in enums.__all__), _values.Lifecycle, _values.Scope],
    ids=lambda made: made.__name__,
)
def test_each_vocabulary_is_the_strenum_its_class_statement_would_make(
    made: type[enum.StrEnum],
) -> None:
    assert isinstance(made, enum.EnumType)
    assert issubclass(made, enum.StrEnum)
    assert made.__doc__  # kept
    assert all(isinstance(m, str) and str(m) == m.value for m in made)
    # Each member is stored in the class as itself, as the class statement stores it (not
    # behind a property: reading one is then several times slower, and rules read many).
    assert all(vars(made)[m.name] is m for m in made)
    checks = getattr(enum, "_test_simple_enum", None)
    if checks is not None:  # the standard library's own comparison (raises on a difference)
        checks(made, _as_written(made))
    fallback = functional(_plain(made))
    assert [(m.name, m.value) for m in fallback] == [(m.name, m.value) for m in made]
    assert (fallback.__doc__, fallback.__module__) == (made.__doc__, made.__module__)


def test_the_command_modules_are_the_ones_pkgutil_lists() -> None:
    import pkgutil

    from gdpr_register.cli import commands

    listed = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    assert commands.module_names() == listed
    assert "check" in listed


def test_law_names_load_on_first_use() -> None:
    import gdpr_register.law as law

    assert sorted(law._LAZY) == sorted(law.__all__)
    for name in law.__all__:
        assert getattr(law, name) is getattr(
            importlib.import_module(f"gdpr_register.law.{law._LAZY[name]}"), name)
    assert law.calendars.__name__ == "gdpr_register.law.calendars"  # modules too
    with pytest.raises(AttributeError):
        law.no_such_table  # noqa: B018
    code = ("import sys; from gdpr_register.law.eea import is_eea; "
            "print(sorted(m for m in sys.modules if m.startswith('gdpr_register.law')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(run.stdout.replace("'", '"')) == [
        "gdpr_register.law", "gdpr_register.law._source", "gdpr_register.law.eea"]


# Modules a check of the seed never needs; each is imported where its path needs it.
_NOT_AT_START = [
    "gdpr_register.law._statute_table",  # the retention duties: the rules read repealed laws
    "gdpr_register.model._suggest",  # did-you-mean: for refused values only
    "encodings.utf_8_sig",  # a byte order mark is dropped without the codec
]


# Patterns a check of the seed never compiles (string methods find the same, see the tests).
_NOT_COMPILED_AT_START = [
    "asiallinen yhteys",  # FI_TSL_REPEALED: the seed states the words as written
]


def test_a_check_imports_none_of_what_only_other_paths_need() -> None:
    code = ("import contextlib, io, json, re, sys; from gdpr_register.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['check', 'examples/valmennuskumppani.yaml', '--as-of', '2026-11-25'])\n"
            "caches = [getattr(re, name, {}) for name in ('_cache', '_cache2')]\n"
            "print(json.dumps([sorted(sys.modules),\n"
            "                  sorted({k[1] for c in caches for k in c if type(k[1]) is str})]))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    modules, patterns = json.loads(run.stdout)
    imported = set(modules)
    assert "gdpr_register.rules.catalogue" in imported  # the check ran
    assert [name for name in _NOT_AT_START if name in imported] == []
    assert any("Privacy Shield" in p or "mm\\." in p for p in patterns)  # the cache is read
    assert [p for p in patterns if any(p.startswith(n) for n in _NOT_COMPILED_AT_START)] == []


def test_the_statute_table_loads_on_first_use() -> None:
    from gdpr_register.law import _statute_table, statutes

    for name in ("ACCOUNTING_EVENTS", "DEFAULT_STATUTES", "STATUTES", "Statute", "StatuteTable"):
        assert getattr(statutes, name) is getattr(_statute_table, name)
    assert statutes.statute("FI_KPL_2_10_LONG") is _statute_table.STATUTES["FI_KPL_2_10_LONG"]
    assert statutes.statute("no-such-statute") is None
    with pytest.raises(AttributeError):
        statutes.no_such_name  # noqa: B018


@given(st.text(alphabet=st.characters(codec=None), max_size=20))
def test_a_lone_surrogate_is_found_as_the_pattern_finds_it(value: str) -> None:
    import re

    from gdpr_register.documents._scalars import _has_surrogate

    assert _has_surrogate(value) == bool(re.search(r"[\ud800-\udfff]", value))


def test_a_lone_surrogate_anywhere_is_found() -> None:
    from gdpr_register.documents._scalars import _has_surrogate

    for text in ("\ud800", "a\udfff", "äö\udc00x", "\U0001f600\ud83d"):
        assert _has_surrogate(text)
    for text in ("", "abc", "äö", "\U0001f600", "\ue000\ud7ff"):
        assert not _has_surrogate(text)


@given(st.binary(max_size=12), st.booleans())
def test_a_document_s_bytes_are_read_as_utf_8_sig_reads_them(data: bytes, bom: bool) -> None:
    from gdpr_register.documents import loads_notice
    from gdpr_register.errors import DocumentError

    data = b"\xef\xbb\xbf" + data if bom else data
    with pytest.raises(DocumentError) as raised:  # a dozen bytes are never a notice
        loads_notice(data, "json")
    try:
        data.decode("utf-8-sig")
        expected = None
    except UnicodeDecodeError as exc:  # the same offset, counted after a mark too
        expected = f"not UTF-8 text (byte {exc.start})"
    if expected is None:
        assert "not UTF-8" not in str(raised.value)
    else:
        assert expected in str(raised.value)


@pytest.mark.parametrize("detailed", [False, True])
def test_each_field_hook_is_the_one_cattrs_would_find(detailed: bool) -> None:
    import attrs
    from cattrs.gen._shared import find_structure_handler

    import gdpr_register.model as model
    from gdpr_register.documents import converter

    conv = converter.make_converter(detailed=detailed)
    classes = [v for v in (getattr(model, n) for n in model.__all__) if attrs.has(v)]
    assert len(classes) > 30
    looked_up = 0
    for cls in classes:
        fields = {a.name: a for a in attrs.fields(cls)}
        for name, ours in converter._field_hooks(conv, cls).items():
            found = find_structure_handler(fields[name], fields[name].type, conv)
            # The same function, or one the same factory made for the same type.
            assert getattr(ours.struct_hook, "__qualname__", None) == getattr(
                found, "__qualname__", None), (cls, name)
            assert getattr(ours.struct_hook, "__code__", ours) is getattr(
                found, "__code__", ours), (cls, name)
            looked_up += 1
    assert looked_up > 150


_CONNECTION_TEXTS = st.sampled_from(
    ["asiallinen yhteys", "Asiallisen Yhteyden", "APPROPRIATE connection", "saklig samband",
     "sakligt samband", "Sakligt Samband", "asiallinen", "yhteys", "muu ", " ", "x"])


@given(st.lists(_CONNECTION_TEXTS | st.text(max_size=4), max_size=4).map("".join))
def test_the_connection_requirement_is_found_as_its_pattern_finds_it(text: str) -> None:
    """FI_TSL_REPEALED looks for the pattern's words as written before compiling it."""
    from gdpr_register.rules.catalogue._notice import _CONNECTION, _connection

    assert _connection(text) == (_CONNECTION.search(text) is not None)
