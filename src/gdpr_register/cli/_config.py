"""Project configuration: ``[tool.gdpr-register]`` in ``pyproject.toml``, or ``gdpr-register.toml``.

Found as ruff finds its configuration: from the working directory upwards, the closest
directory with a ``gdpr-register.toml`` (top-level keys) or a ``pyproject.toml`` holding a
``[tool.gdpr-register]`` table wins (in one directory, ``gdpr-register.toml`` first); a
``pyproject.toml`` without the table is skipped. Command-line flags override the file; the
file overrides the defaults. Unknown keys and bad values are errors naming the file and the
key (exit code 2), with a did-you-mean. See ``docs/configuration.md``.

Imported by commands inside ``run``: a run that finds no configuration never imports
``tomllib`` (a ``pyproject.toml`` is parsed only when its text could hold the table).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from gdpr_register.errors import InputError, Problem

__all__ = [
    "DEFAULT",
    "OPTIONS",
    "SETTINGS",
    "Resolved",
    "apply",
    "check_selectors",
    "find_config",
    "load_config",
    "option_arg",
    "project_config",
    "resolve",
    "rule_options",
    "show_settings",
]

DEFAULT = "default"
TABLE = "tool.gdpr-register"
SEVERITIES = ("high", "medium", "low", "info")



def _may_hold(text: str) -> bool:
    """A cheap test before parsing (tomllib costs a fast run a noticeable part of its start):
    could this pyproject.toml hold [tool.gdpr-register]? A false "yes" only costs a parse;
    "no" is certain (a [tool] table or a tool = ... is always parsed)."""
    compact = "\n" + "".join(text.split(" ")).replace("\t", "").replace('"', "").replace("'", "")
    return ("tool.gdpr-register" in compact or "\n[tool]" in compact
            or "\ntool=" in compact)


def _fail(where: str, key: str, message: str) -> InputError:
    return InputError([Problem(location=key, message=message)], source=where)


def _ids(value: Any, where: str, key: str) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _fail(where, key, "expected a list of rule ids or prefixes, e.g. [\"ART13\"]")
    return [i.strip() for i in items if i.strip()]


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str, str], str]:
    def parse(value: Any, where: str, key: str) -> str:
        if not isinstance(value, str) or value not in choices:
            hint = _did_you_mean(str(value), choices)
            raise _fail(where, key, f"{value!r} is not one of {', '.join(choices)}{hint}")
        return value

    return parse


def _check_format(value: Any, where: str, key: str) -> str:
    from gdpr_register.cli.commands.check import FORMATS

    return _choice(FORMATS)(value, where, key)


def _bool(value: Any, where: str, key: str) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # from --option KEY=true
    if not isinstance(value, bool):
        raise _fail(where, key, f"{value!r} is not true or false")
    return value


def _count(value: Any, where: str, key: str) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
        raise _fail(where, key, f"{value!r} is not a whole number from 1 to 100000")
    return value


def _text(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, key, "expected a non-empty string")
    return value


def _country(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value):
        raise _fail(where, key, f"{value!r} is not an ISO 3166-1 alpha-2 code such as \"FI\"")
    return value.upper()


def _zone(value: Any, where: str, key: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str):
        raise _fail(where, key, "expected an IANA time zone such as \"Europe/Helsinki\"")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(where, key, f"{value!r} is not an IANA time zone such as "
                    "\"Europe/Helsinki\"") from None
    return value


def _day(value: Any, where: str, key: str) -> date:
    import argparse

    from gdpr_register.cli._common import date_arg

    if isinstance(value, date) and not hasattr(value, "hour"):  # TOML's local date
        value = value.isoformat()
    if not isinstance(value, str):
        raise _fail(where, key, "expected a date YYYY-MM-DD")
    try:
        return date_arg(value)
    except argparse.ArgumentTypeError as exc:
        raise _fail(where, key, str(exc)) from None


#: Each setting: its parser and its default (None: the command's own, e.g. today for as-of).
SETTINGS: dict[str, tuple[Callable[[Any, str, str], Any], Any]] = {
    "select": (_ids, None),
    "ignore": (_ids, None),
    "fail-on": (_choice(SEVERITIES), "low"),
    "preview": (_bool, False),
    "format": (_check_format, "text"),
    "store": (_text, None),
    "country": (_country, None),
    "timezone": (_zone, "Europe/Helsinki"),
    "as-of": (_day, None),
}

#: Rule options (``[tool.gdpr-register.options]``, ``--option KEY=VALUE``): the fields of
#: :class:`gdpr_register.rules.Options`, kebab-cased.
OPTIONS: dict[str, tuple[Callable[[Any, str, str], Any], Any]] = {
    "assume-dpf-certified": (_bool, False),
    "assume-automated-processing": (_bool, True),
    "art30-employee-threshold": (_count, 250),
    "retention-review-months": (_count, 36),
    "notice-review-months": (_count, 24),
}


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise _fail(str(path), "", f"cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(str(path), "", f"not valid TOML: {exc}") from None


def find_config(start: str | os.PathLike[str] | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The closest configuration from ``start`` (the working directory) upwards, with its
    table, or None."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for directory in (here, *here.parents):
        own = directory / "gdpr-register.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if not _may_hold(text):
                continue
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, dict) and "gdpr-register" in table:
                found = table["gdpr-register"]
                if not isinstance(found, dict):
                    raise _fail(str(pyproject), TABLE, "expected a table")
                return pyproject, found
    return None


def load_config(path: Path, table: Mapping[str, Any]) -> dict[str, tuple[Any, str]]:
    """Validate a configuration table: each key's value and its origin (file and key)."""
    where = str(path)
    prefix = f"{TABLE}." if path.name == "pyproject.toml" else ""
    known = [*SETTINGS, "options"]
    out: dict[str, tuple[Any, str]] = {}
    for key, value in table.items():
        if key == "options":
            if not isinstance(value, dict):
                raise _fail(where, f"{prefix}options", "expected a table of rule options")
            for name, item in value.items():
                full = f"{prefix}options.{name}"
                if name not in OPTIONS:
                    raise _fail(where, full, f"unknown rule option{_did_you_mean(name, OPTIONS)}"
                                f"; known: {', '.join(OPTIONS)}")
                out[f"options.{name}"] = (OPTIONS[name][0](item, where, full),
                                          f"{where} ({full})")
            continue
        if key not in SETTINGS:
            raise _fail(where, f"{prefix}{key}",
                        f"unknown setting{_did_you_mean(key, known)}; known: {', '.join(known)}")
        out[key] = (SETTINGS[key][0](value, where, f"{prefix}{key}"), f"{where} ({prefix}{key})")
    return out


def project_config() -> dict[str, tuple[Any, str]]:
    """The working directory's configuration, validated (read afresh on each call: a run
    calls this once or twice, and a long-lived caller may change directory)."""
    found = find_config()
    return load_config(*found) if found else {}


class Resolved(dict[str, tuple[Any, str]]):
    """Setting name to (value, origin): ``default``, a file and key, or a flag."""

    def value(self, name: str) -> Any:
        return self[name][0]


def option_arg(text: str) -> tuple[str, Any]:
    """argparse ``type=`` for ``--option KEY=VALUE`` (a rule option)."""
    import argparse

    name, equals, raw = text.partition("=")
    name = name.strip()
    if not equals or name not in OPTIONS:
        hint = _did_you_mean(name, OPTIONS) if equals else ""
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected KEY=VALUE with KEY one of {', '.join(OPTIONS)}{hint}")
    try:
        return name, OPTIONS[name][0](raw.strip(), "--option", name)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def resolve(flags: Mapping[str, tuple[Any, str]], names: Iterable[str], *,
            options: bool = False) -> Resolved:
    """Each of ``names`` from a flag (``flags``: name to value and flag, None when not
    given), else the project configuration, else its default; with ``options``, every rule
    option too (``options.NAME``)."""
    config = project_config()
    resolved = Resolved()
    table = {name: SETTINGS[name][1] for name in names}
    if options:
        table.update({f"options.{name}": default for name, (_, default) in OPTIONS.items()})
    for name, default in table.items():
        flag = flags.get(name)
        if flag is not None and flag[0] is not None:
            resolved[name] = flag
        elif name in config:
            resolved[name] = config[name]
        else:
            resolved[name] = (default, DEFAULT)
    return resolved


def apply(args: Any, names: Iterable[str], *, options: bool = False,
          today_default: bool = True) -> Resolved:
    """Resolve ``names`` for a command run and write the values back into ``args`` (its
    flags' destinations), so the command reads ``args.fail_on`` whatever set it. ``as-of``
    left unset becomes today in the configured time zone (unless not ``today_default``);
    ``store`` is resolved by :func:`gdpr_register.cli._store.store_url` the same way."""
    from gdpr_register.cli._store import DEFAULT as BARE_STORE
    from gdpr_register.cli._store import STORE_ENV

    names = list(names)
    flags: dict[str, tuple[Any, str]] = {}
    for name in names:
        value = getattr(args, name.replace("-", "_"), None)
        if name == "store":
            if value is not None and not isinstance(value, type(BARE_STORE)):
                flags[name] = (value, "flag --store")
            elif os.environ.get(STORE_ENV):
                flags[name] = (os.environ[STORE_ENV], f"environment {STORE_ENV}")
            continue
        if name in ("select", "ignore") and value:
            value = [i for group in value for i in group]
        flags[name] = (value, f"flag --{name}")
    if options:
        for key, value in getattr(args, "option", None) or []:
            flags[f"options.{key}"] = (value, f"flag --option {key}")
    resolved = resolve(flags, names, options=options)
    for name in names:
        if name in ("store", "timezone"):
            continue
        setattr(args, name.replace("-", "_"), resolved.value(name))
    if "as-of" in names and today_default and args.as_of is None:
        from gdpr_register.cli._common import DEFAULT_ZONE, today

        zone = resolved.value("timezone") if "timezone" in resolved else DEFAULT_ZONE
        args.as_of = today(zone)
        resolved["as-of"] = (args.as_of, f"{DEFAULT} (today in {zone})")
    return resolved


def check_selectors(settings: Resolved) -> None:
    """A configured ``select``/``ignore`` entry that matches no rule is an error naming the
    file and key (the library's own message names the flags)."""
    from gdpr_register.rules import default_registry

    ids = [rule.id for rule in default_registry()]
    for name in ("select", "ignore"):
        value, origin = settings[name]
        if not value or origin == DEFAULT or origin.startswith(("flag ", "environment ")):
            continue
        where, _, key = origin.rpartition(" (")
        for selector in value:
            if selector != "ALL" and not any(i.startswith(selector) for i in ids):
                raise _fail(where, key.rstrip(")"), f"{selector!r} matches no rule"
                            f"{_did_you_mean(selector, ids)}")


def rule_options(settings: Resolved) -> Any:
    """The :class:`gdpr_register.rules.Options` of resolved settings."""
    from gdpr_register.rules import Options

    return Options(**{name.replace("-", "_"): settings.value(f"options.{name}")
                      for name in OPTIONS})


def show_settings(settings: Resolved) -> str:
    """One line per setting: name, value (TOML-like) and where it came from."""
    import json

    width = max(len(name) for name in settings)
    lines = []
    for name, (value, origin) in settings.items():
        shown_value = ("(unset)" if value is None
                       else value.isoformat() if isinstance(value, date)
                       else json.dumps(value, ensure_ascii=False))
        lines.append(f"{name:<{width}}  {shown_value}  [{origin}]")
    return "\n".join(lines) + "\n"
