"""Locale-aware values for the renderer: dates, countries, lists, durations (Babel) and
GDPR citations as each language's official text writes them."""

from __future__ import annotations

import re
from datetime import date

from gdpr_register.model import Duration, PartialDate
from gdpr_register.model.countries import UNKNOWN_COUNTRY
from gdpr_register.render._catalog import label

__all__ = ["Formatter"]

_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?(.*)")
_UNITS = {"minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
          "months": "month", "years": "year"}


class Formatter:
    """Formats values in one language (fi, sv or en)."""

    def __init__(self, lang: str) -> None:
        from babel import Locale

        self.lang = lang
        self._locale = Locale.parse(lang)

    def date(self, value: date | PartialDate) -> str:
        from babel.dates import format_date, format_skeleton

        if isinstance(value, PartialDate):
            if value.month is None:
                return f"{value.year:04d}"
            if value.day is None:
                return format_skeleton("yMMMM", value.earliest(), locale=self._locale)
            value = value.earliest()
        return format_date(value, format="long", locale=self._locale)

    def country(self, code: str | None) -> str:
        if code is None or code == UNKNOWN_COUNTRY:
            return label("country.unknown", self.lang)
        name: str | None = self._locale.territories.get(code)
        return name if name is not None else code

    def listing(self, items: list[str]) -> str:
        from babel.lists import format_list

        return format_list(items, locale=self._locale) if items else ""

    def duration(self, value: Duration) -> str:
        from babel.units import format_unit

        shown = str(format_unit(value.amount, f"duration-{_UNITS[value.unit.value]}",
                                length="long", locale=self._locale))
        if value.approximate:
            return label("phrase.about", self.lang).format(duration=shown)
        return shown

    def citation(self, article: str) -> str:
        """``6(1)(b)`` as the official text of the language cites it: "Art. 6(1)(b) GDPR",
        "tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta", "artikel 6.1 b i
        dataskyddsförordningen"."""
        return label("phrase.gdpr-article", self.lang).format(article=self._point(article))

    def _point(self, article: str) -> str:
        match = _ARTICLE.fullmatch(article)
        if self.lang == "en" or match is None or match.group(4):
            return article
        number, paragraph, point = match.group(1), match.group(2), match.group(3)
        if self.lang == "sv":
            return ".".join(p for p in (number, paragraph) if p) + (f" {point}" if point else "")
        if point:
            return f"{number} artiklan {paragraph} kohdan {point} alakohta"
        if paragraph:
            return f"{number} artiklan {paragraph} kohta"
        return f"{number} artikla"
