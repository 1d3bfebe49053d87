"""A shared block's "none" for a section it has no key of is written in its `none:` list.

Regression: a shared block saying there are no purposes was written as `purposes: none`, a key
the shared block does not have, so the JSON Schema refused the document the library wrote.
"""

from __future__ import annotations

import jsonschema

from gdpr_register import dumps_notice, loads_notice, notice_to_data
from gdpr_register.documents.schema import notice_schema
from gdpr_register.model import Section

DOCUMENT = """
id: shared-none
title: Shared none
controller: {name: Example Oy, email: privacy@example.fi}
shared:
  none: [purposes]
registers:
  - id: r
    name: Register
    transfers: none
"""


def test_a_shared_none_round_trips_and_validates() -> None:
    notice = loads_notice(DOCUMENT, format="yaml")
    assert notice.shared is not None
    assert Section.PURPOSES in notice.shared.none
    data = notice_to_data(notice)
    assert "purposes" not in data["shared"]
    assert data["registers"][0]["transfers"] == "none"
    jsonschema.Draft202012Validator(notice_schema()).validate(data)
    assert loads_notice(dumps_notice(notice, format="json"), format="json") == notice
