"""Where a register's data protection impact assessment (Art. 35) is kept.

A reference only: the model holds no DPIA content, and no rule reads it yet. The Art. 30
record names it in its own column, DPV as ``dpv:hasImpactAssessment``.
"""


import attrs

from gdpr_register.model._validators import text
from gdpr_register.model.values import PartialDate, to_optional_partial_date

__all__ = ["DpiaReference"]


@attrs.frozen(kw_only=True)
class DpiaReference:
    """The DPIA of a register or processing activity, as the controller refers to it.

    ``reference`` is what identifies the assessment (a document number, a file, an address);
    ``date`` when it was carried out or last reviewed, to the precision stated.
    """

    reference: str = attrs.field(validator=text)
    date: PartialDate | None = attrs.field(default=None, converter=to_optional_partial_date)
