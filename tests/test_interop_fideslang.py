"""fideslang export and import: valid against fideslang's own models, round trip of what
fideslang can carry, notes for what it cannot, errors with manifest paths."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.models import Taxonomy
from hypothesis import given, settings

from gdpr_register import load_notice, loads_notice
from gdpr_register.cli import main
from gdpr_register.errors import DocumentError
from gdpr_register.interop import export_notice, import_notice
from gdpr_register.interop._formats import _fides_terms as terms
from gdpr_register.model import Notice
from gdpr_register.model.enums import ChannelKind, SpecialCategory
from gdpr_register.testing.strategies import notices

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "interop" / "valmennuskumppani.fideslang.yml"
SEED = ROOT / "examples" / "valmennuskumppani.yaml"

DEFAULT_KEYS = {
    e.fides_key: e for e in
    (*DEFAULT_TAXONOMY.data_category, *DEFAULT_TAXONOMY.data_use, *DEFAULT_TAXONOMY.data_subject)
}


def _export(notice: Notice) -> str:
    text = export_notice(notice, "fideslang")
    assert isinstance(text, str)
    return text


def _import(text: str, tmp_path: Path) -> Any:
    path = tmp_path / "systems.yml"
    path.write_text(text, encoding="utf-8")
    return import_notice(path, "fideslang")


def _validate(text: str) -> Taxonomy:
    """fideslang's own pydantic models accept the manifest, and every taxonomy key is either
    in the default taxonomy or defined in the manifest under a default parent."""
    manifest = yaml.safe_load(text)
    taxonomy = Taxonomy.model_validate(manifest)
    defined = {e.fides_key: e for e in
               (*taxonomy.data_category, *taxonomy.data_use, *taxonomy.data_subject)}
    for entry in (*taxonomy.data_category, *taxonomy.data_use):
        parent = getattr(entry, "parent_key", None)
        assert parent is None or parent in DEFAULT_KEYS or parent in defined
    for system in taxonomy.system:
        for declaration in system.privacy_declarations:
            used = [declaration.data_use, *declaration.data_categories,
                    *declaration.data_subjects]
            for key in used:
                assert key in defined or key in DEFAULT_KEYS
    return taxonomy


def test_mapped_keys_are_in_the_default_taxonomy_with_their_names() -> None:
    mapped = {key for _kind, key in terms.DATA_USES} | set(terms.SPECIAL_CATEGORIES.values())
    mapped |= {terms.CRIMINAL, terms.NATIONAL_ID, terms.CATEGORY_ROOT}
    mapped |= {key for _stems, key in terms.CATEGORY_WORDS}
    for key in mapped:
        assert key in DEFAULT_KEYS
    for key, name in terms.DEFAULT_NAMES.items():
        assert DEFAULT_KEYS[key].name == name
    assert terms.PURPOSE_ROOT not in DEFAULT_KEYS


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_export_to_valid_fideslang(path: Path) -> None:
    taxonomy = _validate(_export(load_notice(path)))
    assert taxonomy.system


def test_seed_declarations_map_purposes_onto_default_data_uses() -> None:
    taxonomy = _validate(_export(load_notice(SEED)))
    (system,) = taxonomy.system
    uses = {d.data_use for d in system.privacy_declarations}
    assert "marketing.communications.markkinointi" in uses
    assert "essential.service.payment_processing.laskuttaminen" in uses
    # The seed maps no basis to any purpose: the pooled 6(1)(b) and 6(1)(a) go to meta.
    assert all(d.legal_basis_for_processing is None for d in system.privacy_declarations)
    assert system.meta == {"pooled_legal_bases": ["Contract", "Consent"]}
    assert system.does_international_transfers
    assert system.legal_basis_for_transfers == ["Other"]  # Privacy Shield is no fides basis
    categories = {c.fides_key: c.parent_key for c in taxonomy.data_category}
    assert categories["user.contact.yhteystiedot"] == "user.contact"
    assert all(d.retention_period for d in system.privacy_declarations)


_BASES = """
id: klinikka
controller: {name: Klinikka Oy, email: tietosuoja@klinikka.example}
registers:
  - id: potilaat
    name: Potilasrekisteri
    purposes:
      - id: hoito
        name: Hoito
        kinds: [service-delivery]
        bases: ["6(1)(b)", "6(1)(c)"]
        special_conditions: [{article: "9(2)(h)"}]
      - {id: tutkimus, name: Tutkimus, kinds: [research], bases: ["6(1)(a)"],
         categories: [terveys]}
    data_subjects: [{id: potilaat, name: Potilaat}]
    data_categories:
      - {id: yhteystiedot, name: Yhteystiedot}
      - {id: terveys, name: Terveystiedot, special: health}
      - {id: hetu, name: Henkilötunnus, national_id: true}
    retention:
      - {kind: period, text: 12 vuotta kuolemasta, period: {amount: 12, unit: years}}
    transfers: [{country: US, mechanism: scc-2021}]
"""


def test_one_declaration_per_basis_and_special_category_basis(tmp_path: Path) -> None:
    text = _export(loads_notice(_BASES, format="yaml"))
    taxonomy = _validate(text)
    declarations = [d for d in taxonomy.system[0].privacy_declarations
                    if d.data_use == "essential.service.hoito"]
    assert sorted(d.legal_basis_for_processing or "" for d in declarations) == [
        "Contract", "Legal obligations"]
    assert {d.special_category_legal_basis for d in declarations} == {
        "Health or social care (with a basis in law)", None}
    assert all(d.processes_special_category_data for d in declarations)
    research = next(d for d in taxonomy.system[0].privacy_declarations
                    if d.data_use.startswith("purpose."))
    assert research.data_categories == ["user.health_and_medical.terveys"]
    assert taxonomy.system[0].legal_basis_for_transfers == ["SCCs"]

    imported = _import(text, tmp_path)
    register = imported.notice.registers[0]
    hoito = next(p for p in register.purposes if p.id == "hoito")
    assert {b.article for b in hoito.bases} == {"6(1)(b)", "6(1)(c)"}
    assert [c.article for c in hoito.special_conditions] == ["9(2)(h)"]
    assert register.category("terveys").special is SpecialCategory.HEALTH
    assert register.category("hetu").national_id
    (transfer,) = register.transfers
    assert (transfer.country, transfer.mechanism.value) == ("unknown", "scc")
    where = {note.where for note in imported.notes}
    assert "$.system[0].legal_basis_for_transfers" in where
    assert any(w.endswith(".retention_period") for w in where)


def test_seed_import_reports_what_fideslang_cannot_carry(tmp_path: Path) -> None:
    imported = _import(_export(load_notice(SEED)), tmp_path)
    where = {n.where for n in imported.notes}
    assert "$.system[0].privacy_declarations[0].retention_period" in where
    assert "$.system[0].legal_basis_for_transfers" in where  # no destination country
    assert "$.organization[0].controller" not in where  # the seed gives a phone number
    register = imported.notice.registers[0]
    assert [r.kind.value for r in register.retention] == ["unspecified"]
    assert {b.article for b in register.pooled_bases} == {"6(1)(a)", "6(1)(b)"}


def test_a_manifest_of_default_keys_imports_with_a_note_on_the_controller(
    tmp_path: Path,
) -> None:
    # The shape of fideslang's own demo_resources/demo_system.yml: default taxonomy keys only.
    manifest = {"system": [{"fides_key": "crm", "system_type": "Service", "privacy_declarations": [
        {"name": "Newsletters", "data_use": "marketing", "data_subjects": ["customer"],
         "data_categories": ["user.contact", "user.health_and_medical"]},
        {"name": "Analyse behaviour", "data_use": "improve.system",
         "data_categories": ["user.device.cookie_id"]}]}]}
    imported = _import(yaml.safe_dump(manifest), tmp_path)
    assert "$.organization[0].controller" in {n.where for n in imported.notes}
    register = imported.notice.registers[0]
    marketing, analyse = register.purposes
    assert (marketing.id, marketing.name, [k.value for k in marketing.kinds]) == (
        "marketing", "Marketing", ["marketing"])
    assert (analyse.id, analyse.name, analyse.kinds) == (
        "improve.system", "Analyse behaviour", ())
    assert [(s.id, s.name) for s in register.data_subjects] == [("customer", "Customer")]
    assert register.category("user.health_and_medical").special is SpecialCategory.HEALTH
    assert analyse.categories == ("user.device.cookie_id",)


@pytest.mark.parametrize(
    ("declaration", "where"),
    [
        ({"data_use": "marketing"}, "$.system[0].privacy_declarations[1].data_categories"),
        ({"data_use": "bad key!", "data_categories": []},
         "$.system[0].privacy_declarations[1].data_use"),
        ({"data_use": "marketing", "data_categories": [],
          "legal_basis_for_processing": "Sopimus"},
         "$.system[0].privacy_declarations[1].legal_basis_for_processing"),
        ("not a mapping", "$.system[0].privacy_declarations[1]"),
    ],
)
def test_bad_declarations_are_document_errors_with_their_path(
    declaration: Any, where: str, tmp_path: Path
) -> None:
    good = {"data_use": "sales", "data_categories": ["user"]}
    manifest = {"system": [{"fides_key": "crm", "privacy_declarations": [good, declaration]}]}
    with pytest.raises(DocumentError) as caught:
        _import(yaml.safe_dump(manifest), tmp_path)
    assert [p.location for p in caught.value.problems] == [where]


def test_bad_manifests_exit_2_and_write_nothing(tmp_path: Path) -> None:
    source = tmp_path / "systems.yml"
    out = tmp_path / "notice.yaml"
    for text in ("system: [", "system: {}", "- a list", "system: []",
                 "system: [{fides_key: a, privacy_declarations: []},"
                 " {fides_key: a, privacy_declarations: []}]"):
        source.write_text(text, encoding="utf-8")
        assert main(["import", str(source), "--format", "fideslang", "-o", str(out)]) == 2
        assert not out.exists()


def test_seed_matches_the_golden_file() -> None:
    text = _export(load_notice(SEED))
    if os.environ.get("GDPR_REGISTER_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def _carried(notice: Notice) -> Any:
    """What a fides manifest carries of a notice."""
    c = notice.controller
    dpo = c.dpo.contact
    registers = []
    for r in notice.registers:
        used = {i for p in r.purposes for i in (p.categories or [c.id for c in r.data_categories])}
        # One default parent per category: a mapped special category, else criminal data,
        # else a national id (trade-union membership has no default category).
        mapped = {cat.id: cat.special if cat.special in terms.SPECIAL_CATEGORIES else None
                  for cat in r.data_categories}
        categories = sorted(
            (cat.id, cat.name, cat.description, mapped[cat.id],
             cat.criminal and mapped[cat.id] is None,
             cat.national_id and mapped[cat.id] is None and not cat.criminal)
            for cat in r.data_categories if cat.id in used)
        subjects = sorted((s.id, s.name, s.description) for s in r.data_subjects) if r.purposes \
            else []
        purposes = sorted(
            (p.id, p.name, p.description, terms.data_use(p.kinds),
             frozenset(b.article for b in p.bases if b.article),
             frozenset(s.article for s in p.special_conditions if s.article),
             frozenset(p.categories or [c.id for c in r.data_categories]))
            for p in r.purposes)
        registers.append((
            r.id, r.name, r.description, r.kind, purposes, categories, subjects,
            frozenset(b.article for b in r.pooled_bases if b.article),
            "\n".join(m.text for m in r.security) or None,
            bool(r.automated_decisions and r.automated_decisions.profiling),
            bool(r.transfers),
        ))
    return (
        notice.title, c.name, c.email, c.phone,
        None if dpo is None else (dpo.name, [
            (kind, ch.value) for kind in ("email", "phone")
            for ch in [dpo.channel(ChannelKind(kind))] if ch is not None]),
        None if c.representative is None else c.representative.name,
        "; ".join(p.name for p in notice.joint_controllers),
        registers,
    )


def _round_trip(notice: Notice, tmp_path: Path) -> None:
    text = _export(notice)
    _validate(text)
    imported = _import(text, tmp_path).notice
    assert _carried(imported) == _carried(notice)
    for before, after in zip(notice.registers, imported.registers, strict=True):
        if before.purposes:  # retention travels inside the declarations
            kept = " ".join(rule.text for rule in after.retention)
            assert all(rule.text in kept for rule in before.retention
                       if not rule.categories or set(rule.categories) & {
                           i for p in before.purposes
                           for i in (p.categories or [c.id for c in before.data_categories])})
    assert _export(imported) == _export(load_notice_again(imported))
    # One trip reaches a fixed point: texts do not grow on every export -> import.
    again = _import(_export(imported), tmp_path).notice
    assert _export(again) == _export(imported)


def load_notice_again(notice: Notice) -> Notice:
    from gdpr_register import dumps_notice

    return loads_notice(dumps_notice(notice), format="yaml")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_round_trip(path: Path, tmp_path: Path) -> None:
    _round_trip(load_notice(path), tmp_path)


@settings(max_examples=40, deadline=None)
@given(notices())
def test_generated_notices_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                      notice: Notice) -> None:
    _round_trip(notice, tmp_path_factory.mktemp("fides"))
