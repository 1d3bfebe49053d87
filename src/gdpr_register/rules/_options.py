"""What a rule may read besides the notice: :class:`Options` and :class:`Context`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from gdpr_register.rules._values import _same_slots

if TYPE_CHECKING:
    from gdpr_register.rules._facts import Evaluation, RegisterFacts

__all__ = ["Context", "Options"]


@attrs.frozen(kw_only=True)
class Options:
    """Explicit choices where the law or the facts are unconfirmed; defaults are the safe side.

    ``assume_dpf_certified``: a recipient whose DPF certification is not stated counts as not
    certified unless this is True (catalogue §8 item 5: certification is unconfirmed).
    ``assume_automated_processing``: a register that does not say whether it is processed by
    automated means counts as automated (Art. 20 portability applies) unless this is False.
    ``art30_employee_threshold``: the Art. 30(5) head-count (250; the Omnibus IV proposal's 750
    is not law).
    ``retention_review_months``: a GDPR retention period at least this long (without a statute)
    is flagged for a documented justification (Art. 5(2)).
    ``notice_review_months``: a notice whose ``updated`` date is older than this is flagged
    for review (ART24_1_REVIEW, advice only: no article sets an interval).
    """

    assume_dpf_certified: bool = False
    assume_automated_processing: bool = True
    art30_employee_threshold: int = 250
    retention_review_months: int = 36
    notice_review_months: int = 24


class _ContextSlots:
    __slots__ = ("__weakref__", "as_of", "evaluation", "facts", "index", "options", "path")


class _ContextDraft(_ContextSlots):
    """A :class:`Context` being filled in by ``evaluate`` (one per register; see
    ``rules/_values.py`` on drafts)."""

    __slots__ = ()


@attrs.frozen(kw_only=True)
class Context(_ContextSlots):
    """What a rule may read besides the notice: the date, the options and where it is.

    ``facts`` and ``evaluation`` are set by ``evaluate`` (the facts of the register being
    evaluated and the call's shared lookups); a rule reads them through
    :func:`gdpr_register.rules._facts.facts`, which computes fresh ones when they are unset.
    """

    as_of: date
    options: Options = Options()
    path: str = "$"  # the register's path for register rules
    index: int = -1  # the register's index for register rules
    facts: RegisterFacts | None = attrs.field(default=None, eq=False, repr=False)
    evaluation: Evaluation | None = attrs.field(default=None, eq=False, repr=False)


_same_slots(Context, _ContextSlots)
