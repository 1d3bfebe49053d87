"""The methods attrs and cattrs generate for our classes come compiled from two modules.

``gdpr_register._compiled_code`` and ``_compiled_code_rest`` must hold exactly what would be
generated now, each source in the module its class's code is looked up in (else: run
``python -m gdpr_register._codecache_build``), each entry's code must be what ``compile()``
makes of its source, and a command-line run must compile none of our generated code.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import CodeType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import _codecache, _compiled_code, _compiled_code_rest

ROOT = Path(__file__).resolve().parent.parent
_NESTED = 0x10  # CO_NESTED: set for functions defined inside another; no effect on running


_MODULES = {"_compiled_code": _compiled_code, "_compiled_code_rest": _compiled_code_rest}
_TABLE = {source: body for module in _MODULES.values()
          for source, body in zip(module.SOURCES, _codecache._bodies(module), strict=True)}
_SOURCES = sorted(_TABLE)


def _held(source: str) -> CodeType:
    """The module's code for ``source`` as the patched ``compile`` returns it."""
    key, seed = _codecache.unseeded(source)
    return _codecache._fixed(_TABLE[key], seed)


def _fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return done.stdout


def test_the_module_holds_what_would_be_generated_now() -> None:
    recorded = json.loads(_fresh("""
        import json
        from gdpr_register._codecache_build import record
        print(json.dumps(record()))
    """))
    entries, unimportable = {tuple(entry) for entry in recorded[0]}, recorded[1]
    held = {(name, source) for name, module in _MODULES.items() for source in module.SOURCES}
    stale = "stale: run python -m gdpr_register._codecache_build"
    assert entries <= held, stale
    if not unimportable:  # else the modules may hold code for classes not importable here
        assert held == entries, stale
    assert set(_MODULES) == set(_codecache.HELD)


def test_a_check_s_classes_are_held_in_the_first_module() -> None:
    held = _codecache.held_module
    assert held("<attrs generated methods gdpr_register.model.notice.Party>") == "_compiled_code"
    assert held("<attrs generated methods gdpr_register.errors.Problem>") == "_compiled_code"
    assert held("<cattrs generated structure gdpr_register.model.notice.Party>") == (
        "_compiled_code")
    assert held("<cattrs generated unstructure gdpr_register.model.notice.Party>") == (
        "_compiled_code_rest")
    assert held("<attrs generated methods gdpr_register.retention._plan.Plan>") == (
        "_compiled_code_rest")
    assert held("<attrs generated methods gdpr_register.modelling.X>") == "_compiled_code_rest"


def _shape(code: CodeType) -> tuple[Any, ...]:
    """What a code object does, without where it was written."""
    consts = tuple(_shape(c) if isinstance(c, CodeType) else (type(c), c)
                   for c in code.co_consts)
    return (code.co_code, code.co_names, code.co_varnames, code.co_freevars,
            code.co_cellvars, code.co_argcount, code.co_kwonlyargcount,
            code.co_posonlyargcount, code.co_flags & ~_NESTED, code.co_name,
            code.co_qualname, code.co_exceptiontable, consts)


def _functions(code: CodeType) -> list[tuple[Any, ...]]:
    return [_shape(c) for c in code.co_consts if isinstance(c, CodeType)]


def _flags(module: Any) -> int:
    """The future flags ``compile()`` inherits when called from ``module``."""
    feature = getattr(module, "annotations", None)
    return int(getattr(feature, "compiler_flag", 0))


def test_attrs_and_cattrs_compile_with_the_futures_the_module_has() -> None:
    import attr._make
    import cattrs.gen

    assert _flags(attr._make) == _flags(cattrs.gen) == _flags(_compiled_code) == _flags(
        _compiled_code_rest)


@pytest.mark.parametrize("index", range(len(_SOURCES)))
def test_each_entry_is_the_code_compile_makes(index: int) -> None:
    import attr._make

    source = _SOURCES[index]
    held = _held(source)
    compiled = compile(source, "<attrs generated methods gdpr_register.x>", "exec",
                       flags=_flags(attr._make), dont_inherit=True)
    assert _functions(held) == _functions(compiled)
    assert set(held.co_names) - {"__name__", "__module__", "__qualname__"} == set(
        compiled.co_names)


def test_a_seed_is_put_back() -> None:
    source = next(s for s in _SOURCES if str(_codecache.STAND_IN) in s)
    seeded = source.replace(str(_codecache.STAND_IN), "-12345")
    code = _held(seeded)
    assert _functions(code) == _functions(compile(seeded, "<x>", "exec"))


def test_without_its_bytecode_the_module_is_not_read(tmp_path: Path) -> None:
    out = _fresh(f"""
        import sys
        sys.pycache_prefix = {str(tmp_path)!r}  # no .pyc there
        from gdpr_register import _codecache
        print([_codecache._bytecode_cached(name) for name in _codecache.HELD])
    """)
    assert out.strip() == "[False, False]"


def test_other_code_is_compiled_as_usual() -> None:
    code = _codecache._compile("x = 1", "<attrs generated methods other.Thing>", "exec")
    assert code.co_filename == "<attrs generated methods other.Thing>"


def test_a_command_line_run_compiles_none_of_our_generated_code() -> None:
    import py_compile
    from importlib.util import cache_from_source

    # As pip leaves an installed package: byte-compiled (this checkout may not write .pyc).
    for module in _MODULES.values():
        source = str(Path(module.__file__ or ""))
        py_compile.compile(source, cfile=cache_from_source(source), doraise=True)
    out = _fresh("""
        import contextlib, io
        from gdpr_register import _codecache
        from gdpr_register.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["check", "examples/valmennuskumppani.yaml"])
        print(_codecache.misses(), sorted(_codecache._TABLES))  # a check reads the first only
        from gdpr_register.documents import dumps_notice, load_notice
        dumps_notice(load_notice("examples/valmennuskumppani.yaml"))  # unstructuring: the rest
        print(_codecache.misses(), sorted(_codecache._TABLES))
    """)
    assert out.split("\n")[:2] == ["[] ['_compiled_code']",
                                   "[] ['_compiled_code', '_compiled_code_rest']"]


def test_the_seed_is_found_as_the_regular_expression_finds_it() -> None:
    import re

    pattern = re.compile(r"(hash\(\(\n\s*)(-?\d+)(,)")

    def by_regex(source: str) -> tuple[str, int | None]:
        found = pattern.search(source)
        if found is None:
            return source, None
        return (f"{source[:found.start(2)]}{_codecache.STAND_IN}{source[found.end(2):]}",
                int(found.group(2)))

    samples = [s.replace(str(_codecache.STAND_IN), "-98765") for s in _SOURCES]
    samples += ["", "hash((\n", "hash((\n  x,", "hash((\n  12", "hash((\n -,",
                "hash((\n\t 5,", "a hash((\n x, hash((\n 42,", "hash((\n  -0042,"]
    for source in samples:
        assert _codecache.unseeded(source) == by_regex(source), source[:60]


@given(st.lists(st.sampled_from(["hash((\n", " ", "\t", "\n", "-", "0", "42", "٣", ",", "x",
                                 ")"]), max_size=12).map("".join))
def test_any_text_s_seed_is_found_as_the_regular_expression_finds_it(source: str) -> None:
    import re

    found = re.search(r"(hash\(\(\n\s*)(-?\d+)(,)", source)
    expected = (source, None) if found is None else (
        f"{source[:found.start(2)]}{_codecache.STAND_IN}{source[found.end(2):]}",
        int(found.group(2)))
    assert _codecache.unseeded(source) == expected
