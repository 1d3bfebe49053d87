"""The gettext catalogues for fi, sv and en, and the labels read from them.

The ``.po`` files in ``locale/`` are the sources; the compiled ``.mo`` files ship beside them
and are read with the standard library's :mod:`gettext`, so reading a label needs neither
Jinja2 nor Babel. ``python -m gdpr_register.render._catalog`` recompiles them with Babel (a
test checks the shipped ``.mo`` files are current and every message is translated).
"""

from __future__ import annotations

import functools
import gettext
from importlib import resources
from pathlib import Path

from gdpr_register.errors import UsageError
from gdpr_register.render._messages import MESSAGES

__all__ = [
    "DOMAIN", "LANGUAGES", "catalogue", "compile_catalogue", "label", "label_keys",
    "locale_dir", "text",
]

DOMAIN = "gdpr_register"
#: The languages the renderer has catalogues for.
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/gdpr_register.po`` and ``.mo``."""
    return Path(str(resources.files("gdpr_register.render") / "locale"))


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UsageError(f"no catalogue for language {lang!r} (expected one of: fi, sv, en)")
    return lang


@functools.cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (fi, sv or en)."""
    check_language(lang)
    path = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def text(msgid: str, lang: str) -> str:
    """``msgid`` (an English message) in ``lang``."""
    return catalogue(lang).gettext(msgid)


def label(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang``: ``label("right.erasure", "fi")`` is the wording of
    Art. 17 in the Finnish GDPR, ``label("basis.6(1)(c)", "sv")`` Art. 6(1)(c) in Swedish.

    Keys: ``section.<section>`` (Art. 13/14 items, :class:`~gdpr_register.model.Section`
    values), ``right.<right>`` (:class:`~gdpr_register.model.RightKind` values),
    ``basis.<point>`` (:class:`~gdpr_register.model.LawfulBasis` values), ``role.<role>``,
    ``mechanism.<mechanism>``, ``special.<category>``, ``channel.<kind>``, ``field.<name>``,
    ``record.<column>`` (the Art. 30 record's headings) and the rest of :func:`label_keys`.
    Raises ``KeyError`` for an unknown key and :class:`~gdpr_register.errors.UsageError` for
    a language without a catalogue.
    """
    return text(MESSAGES[key], lang)


def label_keys() -> tuple[str, ...]:
    """Every key :func:`label` knows, sorted."""
    return tuple(sorted(MESSAGES))


def compile_catalogue(lang: str) -> bytes:
    """The ``.mo`` bytes Babel compiles from ``lang``'s ``.po`` source (needs Babel)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with source.open("rb") as handle:
        parsed = read_po(handle, locale=lang, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, parsed, use_fuzzy=False)
    return out.getvalue()


def _main() -> None:  # pragma: no cover - a maintainer's tool
    for lang in LANGUAGES:
        target = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.write_bytes(compile_catalogue(lang))
        print(f"compiled {target}")


if __name__ == "__main__":  # pragma: no cover
    _main()
