"""Every ``--help`` ends with two or three examples, and each example parses."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import shlex
from types import ModuleType

import pytest

from gdpr_register.cli import EXAMPLES, build_parser, commands, main

MODULES = [importlib.import_module(f"{commands.__name__}.{info.name}")
           for info in pkgutil.iter_modules(commands.__path__) if not info.name.startswith("_")]


def _argv(line: str) -> list[str]:
    words = shlex.split(line)
    assert words[0] == "gdpr-register"
    cut = next((i for i, w in enumerate(words) if w in (">", "|", "<")), len(words))
    return words[1:cut]  # a shell redirection is not the command's


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NAME)
def test_each_command_has_examples_that_parse(module: ModuleType) -> None:
    examples = module.EXAMPLES
    assert 2 <= len(examples) <= 3
    parser = build_parser()
    for line, what in examples:
        assert what.strip()
        args = parser.parse_args(_argv(line))
        assert args.command == module.NAME


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NAME)
def test_help_ends_with_the_examples(module: ModuleType, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([module.NAME, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    tail = text[text.rindex("examples:"):]
    for line, _ in module.EXAMPLES:
        assert f"  {line}\n" in tail


def test_the_main_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 <= len(EXAMPLES) <= 3
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert text.rstrip().endswith(EXAMPLES[-1][1])
    parser = build_parser()
    for line, _ in EXAMPLES:
        assert isinstance(parser.parse_args(_argv(line)), argparse.Namespace)
