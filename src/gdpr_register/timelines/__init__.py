"""The compliance timeline: since when, and because of which dated fact, each finding holds.

:func:`timeline` evaluates a notice only on the days something it may depend on changes
(the law tables' dates, the notice's own dates, rules' ``changes`` hooks), and reports the
intervals in which each finding holds with the event that opened and closed it.
"""

from gdpr_register.timelines._build import change_facts, timeline
from gdpr_register.timelines._facts import Fact, law_facts
from gdpr_register.timelines._model import Event, Interval, Timeline

__all__ = ["Event", "Fact", "Interval", "Timeline", "change_facts", "law_facts", "timeline"]
