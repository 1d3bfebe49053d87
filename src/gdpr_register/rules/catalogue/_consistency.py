"""Internal consistency and purpose specification: Art. 12(1), 5(1)(b)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gdpr_register.model.enums import PurposeKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, rule
from gdpr_register.rules.catalogue._common import MARKETING_KINDS, LazyPattern, contains_any

_PROFILING_KINDS = frozenset({PurposeKind.PROFILING, PurposeKind.AD_TARGETING})


@rule(
    "ART12_1",
    title="The notice contradicts itself on profiling",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(1), 13(2)(f)",
    message="The notice says there is no profiling, but purpose {purpose} is {kinds}",
    fix="Correct the statement on profiling, or the purpose, so that they agree",
    what="A register whose statement says explicitly 'no profiling' must not have a purpose "
    "tagged profiling or ad targeting (medium); a purpose combining analytics with marketing "
    "gets an info hint. An unstated `profiling` is never read as 'no profiling'.",
    why="Art. 12(1) asks for information that is 'concise, transparent, intelligible'; a "
    "notice that contradicts itself is none of these (catalogue §9 ART12_1, DEF-12).",
    example="`automated_decisions: {profiling: false, ...}` with a purpose `kinds: "
    "[ad-targeting]`.",
    variants={
        "may-profile": (
            "The notice says there is no profiling, but purpose {purpose} combines {kinds} "
            "with marketing, which may involve profiling",
            "Check whether the analytics evaluate personal aspects for marketing (Art. 4(4)); "
            "if so, correct the statement on profiling",
        ),
    },
    enforces="Art. 12(1): information 'in a concise, transparent, intelligible and easily "
    "accessible form'; Art. 4(4): 'profiling' means automated processing to evaluate personal "
    "aspects ... to analyse or predict ... personal preferences, interests'",
    advice="Analytics combined with marketing may, but need not, be profiling (info)",
    sections=("automated-decisions", "purposes"),
    references=("https://gdprhub.eu/index.php?title=Article_12_GDPR",),
)
def art12_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    adm = register.automated_decisions
    if adm is None or adm.profiling is not False:  # only an explicit "no profiling"
        return []
    found: list[Hit] = []
    for i, purpose in enumerate(register.purposes):
        kinds = set(purpose.kinds)
        profiling = kinds & _PROFILING_KINDS
        if profiling:
            found.append(hit(f"{ctx.path}.purposes[{i}]", problem="contradiction",
                             purpose=purpose.id, kinds=tuple(sorted(k.value for k in profiling))))
        elif PurposeKind.ANALYTICS in kinds and kinds & MARKETING_KINDS:
            found.append(hit(f"{ctx.path}.purposes[{i}]", problem="may-profile",
                             purpose=purpose.id, kinds=(PurposeKind.ANALYTICS.value,),
                             severity=Severity.INFO))
    return found


_OPEN_ENDED = LazyPattern(
    r"\betc\b|\bjne\b|\bmm\.|\bmuun muassa\b|\bmuut(?:hin)? (?:vastaavat )?(?:tarkoitukset|"
    r"käyttötarkoitukset)|\bother purposes\b|\band so on\b|\bamong others\b|"
    r"\bincluding but not limited to\b|\bbland annat\b|\bm\.m\.",
    re.IGNORECASE,
)
# Substrings every match contains: a C-speed prefilter before the regex (hot path).
_OPEN_ENDED_HINTS = ("etc", "jne", "mm.", "muun muassa", "muut", "muihin", "other purposes",
                     "and so on", "among others", "including but", "bland annat", "m.m.")


def _open_ended(text: str) -> re.Match[str] | None:
    if not contains_any(text.lower(), _OPEN_ENDED_HINTS):
        return None
    return _OPEN_ENDED.search(text)


@rule(
    "ART5_1_b",
    title="Purposes specified and explicit",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 5(1)(b)",
    message="The purposes are open-ended: {excerpt!r}",
    variants={
        "example": (
            "A description gives open-ended examples: {excerpt!r}",
            "Check that every purpose the examples stand for is in the list of purposes",
        ),
    },
    fix="List every purpose explicitly; drop 'etc.', 'among others' and 'other purposes'",
    what="A purpose name that leaves the list open ('etc.', 'among others', 'mm.', 'other "
    "purposes'), a purpose list the document marks as not exhaustive "
    "(`purposes_non_exhaustive`), or a register description with such words where no purposes "
    "are listed, is a finding. The same words in a description beside a listed purpose give "
    "examples of it: info.",
    why="Art. 5(1)(b): data are 'collected for specified, explicit and legitimate purposes'; "
    "an open list is neither (catalogue §9 ART5_1_b).",
    example="A purpose `name: 'Marketing, events etc.'`; `purposes_non_exhaustive: true`.",
    enforces="Art. 5(1)(b): personal data shall be 'collected for specified, explicit and "
    "legitimate purposes'",
    sections=("purposes",),
    references=("https://gdprhub.eu/index.php?title=Article_5_GDPR",),
)
def art5_1_b(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    # Most registers have no open word at all: one prefilter over all their texts (joined by
    # a newline, which no hint contains) spares building the paths.
    # (A plain loop: generator expressions cost more on this hot path; the order of the texts
    # does not matter to the prefilter.)
    texts = [register.description or ""]
    for p in register.purposes:
        texts.append(p.name)
        texts.append(p.description or "")
    folded = "\n".join(texts).lower()
    hits: list[Hit] = []
    if contains_any(folded, _OPEN_ENDED_HINTS):
        hits.extend(_open_words(register, ctx))
    if register.purposes_non_exhaustive and register.purposes:
        # The encoder marked the list itself as open ("such as", "among others").
        hits.append(hit(ctx.path + ".purposes", problem="open-ended",
                        excerpt="the list of purposes is not exhaustive"))
    return hits


def _open_words(register: Register, ctx: Context) -> Iterator[Hit]:
    names = [(f"{ctx.path}.purposes[{i}].name", p.name) for i, p in enumerate(register.purposes)]
    descriptions = [(ctx.path + ".description", register.description)]
    descriptions += [(f"{ctx.path}.purposes[{i}].description", p.description)
                     for i, p in enumerate(register.purposes)]
    # An open word in a description gives examples of a listed purpose; only where no
    # purposes are listed does the description stand for the list itself.
    closed = bool(register.purposes)
    for path, text in [*names, *descriptions]:
        if text and (match := _open_ended(text)):
            start = max(0, match.start() - 30)
            example = closed and not path.endswith(".name")
            yield hit(path, problem="example" if example else "open-ended",
                      excerpt=text[start:match.end() + 30].strip(),
                      severity=Severity.INFO if example else None)
