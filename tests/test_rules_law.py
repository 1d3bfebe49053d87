"""Dated legal facts: EEA membership, adequacy decisions, mechanisms, statutes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdpr_register import TransferMechanism
from gdpr_register.law import (
    ADEQUACY_DECISIONS,
    EEA_MEMBERS,
    Confidence,
    adequacy_for,
    is_eea,
    mechanism_status,
    repealed_law_cited,
)
from gdpr_register.law.eea import gdpr_applies_in
from gdpr_register.law.mechanisms import reads_conclusion


def test_eea_is_eu27_plus_efta_three() -> None:
    current = {m.country for m in EEA_MEMBERS if m.on(date(2026, 11, 25))}
    assert len(current) == 30
    assert {"IS", "LI", "NO", "FI", "HR"} <= current
    assert "GB" not in current
    assert "CH" not in current


@pytest.mark.parametrize("country", ["IS", "LI", "NO"])
def test_efta_states_were_eea_under_directive_95_46_before_2018_07_20(country: str) -> None:
    """Directive 95/46/EC was EEA law: IS, LI, NO were no third countries before GDPR was
    incorporated into the EEA Agreement (2018-07-20); GDPR itself applied there from then."""
    assert is_eea(country, date(2018, 5, 25))
    assert is_eea(country, date(2018, 7, 19))
    assert not gdpr_applies_in(country, date(2018, 7, 19))
    assert gdpr_applies_in(country, date(2018, 7, 20))
    assert gdpr_applies_in("FI", date(2018, 5, 25))
    assert not gdpr_applies_in("FI", date(2018, 5, 24))


def test_uk_member_until_end_of_transition() -> None:
    assert is_eea("GB", date(2020, 12, 31))
    assert not is_eea("GB", date(2021, 1, 1))


def test_every_catalogue_adequacy_decision_is_listed_with_a_source() -> None:
    territories = {d.territory for d in ADEQUACY_DECISIONS}
    assert territories >= {
        "CH", "CA", "AR", "GG", "IM", "JE", "FO", "AD", "IL", "UY", "NZ", "JP", "KR", "GB", "US",
        "BR", "European Patent Organisation",
    }
    assert all(d.source.citation and d.source.url for d in ADEQUACY_DECISIONS)
    assert {d.source.confidence for d in ADEQUACY_DECISIONS} <= set(Confidence)


def test_adequacy_dates() -> None:
    assert adequacy_for("US", date(2023, 7, 9)) is None
    dpf = adequacy_for("US", date(2023, 7, 10))
    assert dpf is not None
    assert dpf.certified_only
    assert dpf.risk_flag
    assert adequacy_for("BR", date(2026, 1, 25)) is None
    assert adequacy_for("BR", date(2026, 1, 26)) is not None
    uk = adequacy_for("GB", date(2026, 1, 1))
    assert uk is not None
    assert uk.ends == date(2031, 12, 27)
    assert adequacy_for("GB", date(2031, 12, 28)) is None
    assert adequacy_for("JP", date(2019, 1, 22)) is None
    assert adequacy_for("european patent organisation", date(2025, 7, 15)) is not None
    assert adequacy_for("IN", date(2026, 11, 25)) is None


@pytest.mark.parametrize(
    ("mechanism", "valid_until", "invalid_from"),
    [
        (TransferMechanism.SAFE_HARBOR, date(2015, 10, 5), date(2015, 10, 6)),
        (TransferMechanism.PRIVACY_SHIELD, date(2020, 7, 15), date(2020, 7, 16)),
    ],
)
def test_invalidated_mechanisms(
    mechanism: TransferMechanism, valid_until: date, invalid_from: date
) -> None:
    assert mechanism_status(mechanism, valid_until).valid
    status = mechanism_status(mechanism, invalid_from)
    assert (status.valid, status.reason, status.since) == (False, "invalidated", invalid_from)


def test_old_sccs() -> None:
    old = TransferMechanism.SCC_OLD
    assert mechanism_status(old, date(2022, 1, 1), concluded=date(2021, 9, 26)).valid
    late = mechanism_status(old, date(2022, 1, 1), concluded=date(2021, 9, 27))
    assert (late.valid, late.reason) == (False, "no-new-contracts")
    # An undated contract in the grace period is undetermined, never read against the
    # controller (it may have been concluded before 2021-09-27).
    undated = mechanism_status(old, date(2022, 1, 1))
    assert (undated.valid, undated.determined, undated.reason) == (
        False, False, "conclusion-date-not-stated")
    assert mechanism_status(old, date(2021, 1, 1)).valid
    gone = mechanism_status(old, date(2022, 12, 27), concluded=date(2020, 1, 1))
    assert (gone.valid, gone.reason) == (False, "invalidated")


def test_personal_data_act_citations() -> None:
    assert repealed_law_cited("Henkilötietolaki (523/1999) 10 §", date(2018, 5, 25))
    assert repealed_law_cited("Henkilötietolaki (523/1999) 10 §", date(2018, 5, 24)) is None
    assert repealed_law_cited("Tietosuojalaki 1050/2018", date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    "mechanism", [TransferMechanism.SAFE_HARBOR, TransferMechanism.PRIVACY_SHIELD]
)
@pytest.mark.parametrize("day", [date(2015, 1, 1), date(2017, 1, 1), date(2026, 11, 25)])
def test_safe_harbor_and_privacy_shield_covered_only_us_organisations(
    mechanism: TransferMechanism, day: date
) -> None:
    """Decisions 2000/520/EC and (EU) 2016/1250 Art. 1: only self-certified US organisations;
    for any other country neither is a mechanism on any date."""
    status = mechanism_status(mechanism, day, country="IN")
    assert (status.valid, status.reason) == (False, "covers-only-us")
    assert mechanism_status(mechanism, day, country="unknown").reason != "covers-only-us"


def test_adequacy_citations_name_the_published_instrument_not_a_document_number() -> None:
    """Art. 45(3) decisions are Implementing Decisions with an (EU) YYYY/N number; the
    Commission's C(YYYY) N is only the number of the notified document."""
    for decision in ADEQUACY_DECISIONS:
        assert not decision.instrument.startswith("C("), decision
        assert "C(" not in decision.source.citation, decision
    brazil = adequacy_for("BR", date(2026, 11, 25))
    assert brazil is not None
    assert brazil.instrument == "(EU) 2026/179"
    assert brazil.source.citation == "Commission Implementing Decision (EU) 2026/179"
    assert brazil.source.confidence is Confidence.CONFIRMED
    epo = adequacy_for("European Patent Organisation", date(2026, 11, 25))
    assert epo is not None
    assert epo.instrument == "(EU) 2025/1382"
    uk = adequacy_for("GB", date(2026, 11, 25))
    assert uk is not None
    assert uk.instrument == "(EU) 2025/2574"
    # Numbers confirmed only from a secondary source say so.
    assert uk.source.confidence is Confidence.SECONDARY
    swiss = adequacy_for("CH", date(2026, 11, 25))
    assert swiss is not None
    assert swiss.source.citation == "Commission Decision 2000/518/EC"


@settings(max_examples=300, deadline=None)
@given(
    mechanism=st.sampled_from(list(TransferMechanism)),
    as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    concluded=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    country=st.sampled_from([None, "US", "IN", "unknown"]),
)
def test_a_status_that_does_not_read_the_conclusion_date_is_the_same_without_it(
    mechanism: TransferMechanism, as_of: date, concluded: date, country: str | None
) -> None:
    """evaluate() shares one status between contracts concluded on different days where
    ``reads_conclusion`` says the law does not read the day."""
    if not reads_conclusion(mechanism, as_of):
        assert mechanism_status(mechanism, as_of, concluded, country) == mechanism_status(
            mechanism, as_of, None, country
        )


def test_old_sccs_read_the_conclusion_date_after_the_cutoff() -> None:
    assert reads_conclusion(TransferMechanism.SCC_OLD, date(2022, 1, 1))
    assert reads_conclusion(TransferMechanism.SCC, date(2026, 1, 1))  # unversioned: may
    assert not reads_conclusion(TransferMechanism.SCC_OLD, date(2021, 1, 1))
    assert not reads_conclusion(TransferMechanism.SCC_2021, date(2026, 1, 1))
