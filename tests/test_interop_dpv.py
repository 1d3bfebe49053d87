"""DPV JSON-LD export: valid RDF whose every DPV IRI exists in the DPV 2.3 term lists."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from gdpr_register import loads_notice
from gdpr_register.interop import export_notice
from gdpr_register.model import Notice
from gdpr_register.testing.strategies import notices

# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
XSD_DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "tests" / "data" / "dpv"
GOLDEN = ROOT / "tests" / "golden" / "interop" / "valmennuskumppani.dpv.jsonld"
SEED = ROOT / "examples" / "valmennuskumppani.yaml"

DPV = Namespace("https://w3id.org/dpv#")
GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LOC = Namespace("https://w3id.org/dpv/loc#")
OURS = Namespace("https://w3id.org/gdpr-register#")
DCT = Namespace("http://purl.org/dc/terms/")
_VOCABULARIES = {
    "https://w3id.org/dpv#": "dpv",
    "https://w3id.org/dpv/legal/eu/gdpr#": "eu-gdpr",
    "https://w3id.org/dpv/legal/eu#": "legal-eu",
    "https://w3id.org/dpv/loc#": "loc",
    "https://w3id.org/dpv/pd#": "pd",
}


def _known() -> frozenset[str]:
    lines: set[str] = set()
    for name in _VOCABULARIES.values():
        lines.update((TERMS / f"{name}.txt").read_text(encoding="utf-8").split())
    return frozenset(lines)


KNOWN = _known()


def _graph(text: str) -> Graph:
    graph = Graph()
    graph.parse(data=text, format="json-ld")
    return graph


def _dpv_iris(graph: Graph) -> set[str]:
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/dpv"):
                found.add(str(term))
    return found


def _seed() -> tuple[str, Graph]:
    text = export_notice(loads_notice(SEED.read_text(encoding="utf-8"), format="yaml"), "dpv")
    assert isinstance(text, str)
    return text, _graph(text)


def test_every_dpv_iri_of_the_seed_exists_in_dpv_2_3() -> None:
    _text, graph = _seed()
    used = _dpv_iris(graph)
    assert used - KNOWN == set()
    # The namespaces we claim to use are in use.
    assert {iri.split("#")[0] for iri in used} >= {
        "https://w3id.org/dpv", "https://w3id.org/dpv/legal/eu/gdpr", "https://w3id.org/dpv/loc"}


def test_seed_graph_has_the_notice_controller_and_register_process() -> None:
    _text, graph = _seed()
    notice = URIRef("urn:gdpr-register:valmennuskumppani")
    assert (notice, RDF.type, GDPR.DirectDataCollectionNotice) in graph
    assert (notice, RDF.type, GDPR.IndirectDataCollectionNotice) in graph  # third-party sources
    controller = URIRef("urn:gdpr-register:valmennuskumppani/controller")
    assert (controller, RDF.type, DPV.DataController) in graph
    register = URIRef(
        "urn:gdpr-register:valmennuskumppani/registers/asiakas-ja-markkinointirekisteri")
    assert (register, RDF.type, DPV.Process) in graph
    assert (register, DPV.hasDataController, controller) in graph
    # Pooled bases sit on the register: 6(1)(b) and 6(1)(a), plus two unmapped phrases.
    bases = set(graph.objects(register, DPV.hasLegalBasis))
    assert {GDPR["A6-1-a"], GDPR["A6-1-b"]} <= bases
    unmapped = [b for b in bases if (b, RDF.type, OURS.UnmappedLegalBasis) in graph]
    assert len(unmapped) == 2
    assert set(graph.objects(register, DPV.hasThirdCountry)) == {LOC.US}
    rights = set(graph.objects(register, DPV.hasRight))
    assert GDPR.A15 in rights
    assert GDPR.A18 not in rights  # restriction is not stated in the seed


def test_seed_storage_duration_is_an_xsd_duration_with_its_trigger() -> None:
    _text, graph = _seed()
    rule = URIRef("urn:gdpr-register:valmennuskumppani/registers/"
                  "asiakas-ja-markkinointirekisteri/retention/0")
    duration = graph.value(rule, DPV.hasDuration)
    assert graph.value(duration, RDF.value) == Literal("P5Y", datatype=XSD_DURATION)
    trigger = graph.value(rule, OURS.trigger)
    assert str(graph.value(trigger, OURS.triggerKind)) == "last-contact"
    hold = URIRef(str(rule)[:-1] + "1")
    assert (hold, RDF.type, OURS.StatutoryHold) in graph
    statute = graph.value(hold, OURS.statute)
    assert statute == OURS["statute-FI_KPL_2_10_SHORT"]
    assert graph.value(statute, OURS.retentionPeriod) == Literal("P6Y", datatype=XSD_DURATION)


def test_privacy_shield_is_our_term_with_its_invalidation_date() -> None:
    _text, graph = _seed()
    transfers = list(graph.subjects(DPV.hasProcessing, DPV.Transfer))
    assert len(transfers) == 2
    for transfer in transfers:
        assert graph.value(transfer, DPV.hasThirdCountry) == LOC.US
        assert graph.value(transfer, DPV.hasLegalBasis) == OURS.PrivacyShield
    invalid = graph.value(OURS.PrivacyShield, OURS.invalidFrom)
    assert invalid == Literal(date(2020, 7, 16))


_NOTICE = """
id: kauppa
controller: {name: Kauppa Oy, country: FI}
coverage:
  elsewhere: [{section: rights, reference: "Tietosuojakäytäntö, kohta 7"}]
registers:
  - id: asiakkaat
    purposes:
      - {id: toimitus, name: Toimitus, kinds: [service-delivery], bases: ["6(1)(b)"]}
      - id: terveys
        name: Terveyspalvelu
        bases: ["6(1)(c)"]
        special_conditions: [{article: "9(2)(h)"}]
        categories: [terveystiedot]
      - {id: uutiskirje, name: Uutiskirje, kinds: [direct-marketing], bases: ["6(1)(a)"]}
    data_categories:
      - {id: yhteystiedot, name: Yhteystiedot}
      - {id: terveystiedot, name: Terveystiedot, special: health}
    recipients:
      - {id: pilvi, name: Pilvi Inc, role: processor, country: JP}
      - {id: korea, name: Korea Co, role: processor, country: KR}
      - {id: usa, name: US Co, role: processor, country: US}
    transfers:
      - {recipient: pilvi, country: JP, mechanism: adequacy}
      - {recipient: korea, country: KR, mechanism: adequacy}
      - {recipient: usa, country: US, mechanism: dpf, fallback: scc-2021}
    retention:
      - {kind: period, text: 3 kuukautta, period: {amount: 3, unit: weeks}}
    none: [sources]
"""


def test_legal_basis_per_purpose_and_transfer_bases() -> None:
    notice = loads_notice(_NOTICE, format="yaml")
    text = export_notice(notice, "dpv")
    assert isinstance(text, str)
    graph = _graph(text)
    assert _dpv_iris(graph) - KNOWN == set()
    base = "urn:gdpr-register:kauppa/registers/asiakkaat"
    expected = {
        "toimitus": {GDPR["A6-1-b"]},
        "terveys": {GDPR["A6-1-c"], GDPR["A9-2-h"]},
        "uutiskirje": {GDPR["A6-1-a"]},
    }
    for purpose_id, bases in expected.items():
        process = URIRef(f"{base}/purposes/{purpose_id}")
        assert set(graph.objects(process, DPV.hasLegalBasis)) == bases
        assert (URIRef(base), DPV.hasProcess, process) in graph
    purpose = URIRef(f"{base}/purposes/uutiskirje#purpose")
    assert (purpose, RDF.type, DPV.DirectMarketing) in graph
    health = URIRef(f"{base}/data_categories/terveystiedot")
    assert (health, RDF.type, DPV.SpecialCategoryPersonalData) in graph
    legal_eu = Namespace("https://w3id.org/dpv/legal/eu#")
    transfers = {str(graph.value(t, DPV.hasThirdCountry)): t
                 for t in graph.subjects(DPV.hasProcessing, DPV.Transfer)}
    assert set(transfers) == {str(LOC.JP), str(LOC.KR), str(LOC.US)}
    assert set(graph.objects(transfers[str(LOC.JP)], DPV.hasLegalBasis)) == {
        GDPR["A45-3"], legal_eu["Adequacy-EU-JP"]}
    # Korea's decision is not in DPV 2.3: ours, with its adoption date from the law table.
    assert OURS["Adequacy-KR"] in set(graph.objects(transfers[str(LOC.KR)], DPV.hasLegalBasis))
    us = transfers[str(LOC.US)]
    assert OURS["EU-US-DPF"] in set(graph.objects(us, DPV.hasLegalBasis))
    assert graph.value(OURS["EU-US-DPF"], OURS.validFrom) == Literal(date(2023, 7, 10))
    assert graph.value(us, OURS.fallbackLegalBasis) == GDPR["A46-2-c"]
    rule = URIRef(f"{base}/retention/0")
    assert graph.value(graph.value(rule, DPV.hasDuration), RDF.value) == Literal(
        "P21D", datatype=XSD_DURATION)
    states = {(str(graph.value(s, OURS.section)), str(graph.value(s, OURS.state)))
              for s in graph.objects(URIRef(base), OURS.sectionState)}
    assert states == {("sources", "none"), ("rights", "elsewhere")}


def test_output_is_deterministic_json_with_the_fixed_context() -> None:
    text, _ = _seed()
    again, _ = _seed()
    assert text == again
    data = json.loads(text)
    assert list(data) == ["@context", "@graph"]
    assert data["@context"]["dpv"] == "https://w3id.org/dpv#"


def test_seed_matches_the_golden_file() -> None:
    text, _ = _seed()
    if os.environ.get("GDPR_REGISTER_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@settings(max_examples=25, deadline=None)
@given(notices(), st.sampled_from(["en", "fi"]))
def test_generated_notices_export_to_valid_dpv(notice: Notice, lang: str) -> None:
    text = export_notice(notice, "dpv", lang=lang)
    assert isinstance(text, str)
    graph = _graph(text)
    assert _dpv_iris(graph) - KNOWN == set()
    processes = set(graph.subjects(DCT.identifier, None))
    for register in notice.registers:
        iri = URIRef(f"urn:gdpr-register:{notice.id}/registers/{register.id}")
        assert (iri, RDF.type, DPV.Process) in graph
        assert iri in processes
        countries = {t.country for t in register.transfers if t.country != "unknown"}
        assert set(graph.objects(iri, DPV.hasThirdCountry)) == {LOC[c] for c in countries}


def test_every_mapped_term_exists_in_dpv_2_3() -> None:
    from gdpr_register.interop._formats import _dpv_terms as terms

    prefixes = {k: v for k, v in terms.CONTEXT.items() if isinstance(v, str)}
    mapped: list[str] = [
        *terms.BASES.values(), *terms.SPECIAL_BASES.values(), *terms.DEROGATIONS.values(),
        *terms.PURPOSES.values(), *(t for ts in terms.SPECIAL.values() for t in ts),
        *terms.RECIPIENTS.values(), *terms.SOURCES.values(), *terms.MEASURES.values(),
        *terms.RIGHTS.values(),
        *(t for pair in terms.MECHANISM_BASES.values() for t in pair if t is not None),
        *(f"legal-eu:Adequacy-EU-{c}" for c in terms.DPV_ADEQUACY),
    ]
    for compact in mapped:
        prefix, local = compact.split(":", 1)
        assert prefixes[prefix] + local in KNOWN, compact
    assert all(v.startswith("gdprr:") for v in terms.OUR_MECHANISMS.values())


def test_a_dpia_reference_is_dpv_has_impact_assessment() -> None:
    notice = loads_notice("""
id: dpia
controller: {name: Kahvila Oy}
registers:
  - {id: a, name: A, dpia: {reference: DPIA-7, date: 2026-03-02}}
  - {id: b, name: B, dpia: {reference: DPIA-8, date: 2026}}
  - {id: c, name: C}
""")
    graph = Graph().parse(data=export_notice(notice, "dpv"), format="json-ld")
    dpv = Namespace("https://w3id.org/dpv#")
    dct = Namespace("http://purl.org/dc/terms/")
    assessments = list(graph.objects(None, dpv.hasImpactAssessment))
    assert len(assessments) == 2
    assert all((a, RDF.type, dpv.DPIA) in graph for a in assessments)
    assert str(dpv.DPIA) in KNOWN
    assert str(dpv.hasImpactAssessment) in KNOWN
    found = {str(graph.value(a, dct.identifier)): graph.value(a, dct.date) for a in assessments}
    assert found["DPIA-8"] is None  # a year alone is no xsd:date
    assert str(found["DPIA-7"]) == "2026-03-02"
