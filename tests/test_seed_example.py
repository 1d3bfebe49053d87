from __future__ import annotations

from pathlib import Path

from gdpr_register import LawfulBasis, TransferMechanism, load_notice


def test_seed_loads_with_its_defects(seed_path: Path) -> None:
    notice = load_notice(seed_path)
    assert str(notice.controller.business_id) == "2316408-3"
    register = notice.registers[0]
    assert {t.mechanism for t in register.transfers} == {TransferMechanism.PRIVACY_SHIELD}
    assert all(not p.bases for p in register.purposes)
    unmapped = [b.text for b in register.pooled_bases if b.article is None]
    assert len(unmapped) == 2
    assert register.articles() == {LawfulBasis.CONSENT, LawfulBasis.CONTRACT}
