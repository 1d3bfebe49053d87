"""The model contract other modules code against (CONTRACT.md): names, defaults, loading."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import gdpr_register
from gdpr_register import (
    AutomatedDecisions,
    Controller,
    DataOrigin,
    DocumentError,
    Duration,
    DurationUnit,
    Format,
    PartialDate,
    Region,
    RequestCharge,
    RetentionEnd,
    RetentionKind,
    RightCondition,
    RightKind,
    Section,
    SectionState,
    SubjectCategory,
    TransferMechanism,
    dumps_notice,
    loads_notice,
    model,
    notice_from_data,
)

NEW_FORMS = """
id: new-forms
updated: 2026-05
translations: [{language: sv, notice: new-forms-sv, source: "https://example.invalid/sv"}]
translated: [{language: sv, path: "$.registers[1].name", text: "B på svenska"}]
controller:
  address: {city: Kalajoki, country: FI}
  employees_range: fewer than 250
coverage:
  elsewhere: [{section: rights, reference: "Privacy policy, section 7"}]
  not_assessed: [security]
shared:
  data_subjects: [{id: customers, name: Customers}, {id: prospects, name: Prospects}]
  request_procedure: {response_time: {amount: 1, unit: months}, charge: free-once-a-year}
  automated_decisions: none
supervisory_authority: {}
registers:
  - id: a
    transfers: none
    recipients: none
    none: [special-categories, sale]
    purposes:
      - id: p
        name: Sales
        bases:
          - {article: 6(1)(b), subjects: [customers], cited: true}
          - {article: 6(1)(f), subjects: [prospects], cited: false, interests: sales}
    data_categories:
      - {id: c, name: Contact, national_id: true, provision: voluntary, origin: observed}
    retention:
      - {text: 10 minutes, kind: period, period: {amount: 10, unit: minutes}}
      - {text: kept indefinitely, kind: indefinite}
      - {text: 10 years, kind: period, period: {amount: 10, unit: years}, maximum_only: true}
      - text: 2 years after A or 3 years after B, whichever ends first
        kind: period
        period: {amount: 2, unit: years, approximate: true}
        trigger: {kind: last-contact}
        ends: first
        alternatives:
          - text: 3 years after B
            kind: period
            period: {amount: 3, unit: weeks}
            trigger: {kind: contract-end, year_end: true}
      - {text: at least 7 hours, kind: period, minimum: {amount: 7, unit: hours}}
  - id: b
    name: B
    transfers:
      - {region: outside-eea, mechanism: scc, alternatives: [bcr, adequacy], possible: true}
    recipients:
      - {id: pub, name: The public, role: public, valid_until: 2022-04, law: Act 1/2000}
    security: [{kind: physical, text: Locked rooms}]
    rights:
      - {right: information}
      - {right: copy, status: conditional, condition: if unlawful,
         condition_kind: only-if-unlawful}
"""


@pytest.fixture(scope="module")
def notice() -> model.Notice:
    return loads_notice(NEW_FORMS)


@pytest.mark.parametrize(
    "name",
    [
        "Section", "SectionState", "Coverage", "SectionNote", "SectionReference",
        "RightCondition", "RequestCharge", "Region", "DataOrigin", "PartialDate",
        "RetentionEnd", "SharedStatements", "LanguageVersion", "TranslatedText",
    ],
)
def test_contract_names_are_exported(name: str) -> None:
    assert name in model.__all__
    assert name in gdpr_register.__all__
    assert getattr(model, name) is getattr(gdpr_register, name)


def test_unknown_facts_default_to_not_stated() -> None:
    assert SubjectCategory(id="s", name="S").includes_children is None
    adm = AutomatedDecisions()
    assert (adm.automated_decisions, adm.profiling) == (None, None)
    controller = Controller()
    assert (controller.public_authority, controller.targets_union, controller.name) == (
        None,
        None,
        None,
    )


def test_new_enum_members() -> None:
    assert {RightKind.INFORMATION, RightKind.COPY} <= set(RightKind)
    assert TransferMechanism.SCC.value == "scc"
    assert {u.value for u in DurationUnit} >= {"minutes", "hours", "weeks"}
    assert RetentionKind.INDEFINITE.value == "indefinite"
    assert RightCondition("only-if-sole-basis") is RightCondition.ONLY_IF_SOLE_BASIS
    assert RequestCharge("fee-if-excessive") is RequestCharge.FEE_IF_EXCESSIVE
    assert Region("outside-eea") is Region.OUTSIDE_EEA
    assert DataOrigin("derived") is DataOrigin.DERIVED


def test_section_states(notice: model.Notice) -> None:
    a, b = notice.registers
    assert notice.section_state(Section.TRANSFERS, a) is SectionState.NONE
    assert notice.section_state(Section.RECIPIENTS, a) is SectionState.NONE
    assert notice.section_state(Section.SPECIAL_CATEGORIES, a) is SectionState.NONE
    assert notice.section_state(Section.TRANSFERS, b) is SectionState.STATED
    # Inherited from the shared block's none.
    assert notice.section_state(Section.AUTOMATED_DECISIONS, a) is SectionState.NONE
    # Notice-level coverage: the register's own statement wins, else the marking.
    assert notice.section_state(Section.RIGHTS, a) is SectionState.ELSEWHERE
    assert notice.section_state(Section.RIGHTS, b) is SectionState.STATED
    assert notice.section_state(Section.SECURITY, a) is SectionState.NOT_ASSESSED
    assert notice.section_state(Section.SOURCES, a) is SectionState.SILENT
    note = notice.section_note(Section.RIGHTS, a)
    assert note is not None
    assert note.reference == "Privacy policy, section 7"
    assert notice.section_note(Section.SOURCES, a) is None
    assert notice.section_state(Section.COMPLAINT_AUTHORITY) is SectionState.STATED
    assert notice.section_state(Section.CONTROLLER) is SectionState.SILENT


def test_shared_statements_are_inherited(notice: model.Notice) -> None:
    a, b = notice.registers
    assert [s.id for s in a.data_subjects] == ["customers", "prospects"]
    assert a.request_procedure is not None
    assert b.request_procedure is not None
    assert a.request_procedure.response_time == Duration(amount=1, unit=DurationUnit.MONTHS)
    assert a.request_procedure.charge is RequestCharge.FREE_ONCE_A_YEAR
    assert a.inherited == {"data_subjects", "request_procedure"}
    assert notice.path_of(a, "data_subjects") == "$.shared.data_subjects"
    assert notice.path_of(b, "transfers") == "$.registers[1].transfers"
    # Dumped once, in the shared block.
    data = gdpr_register.notice_to_data(notice)
    assert "data_subjects" not in data["registers"][0]
    assert data["registers"][0]["transfers"] == "none"


def test_language_versions_link_each_other(notice: model.Notice) -> None:
    [version] = notice.translations
    assert (version.language, version.notice) == ("sv", "new-forms-sv")
    assert notice.text_in("$.registers[1].name", "sv") == "B på svenska"
    assert notice.text_in("$.registers[1].name", "en") is None


def test_a_translated_text_must_name_a_text_field() -> None:
    data: dict[str, Any] = {
        "id": "x",
        "controller": {},
        "registers": [{"id": "r", "name": "R"}],
        "translated": [
            {"language": "sv", "path": "$.registers[0].name", "text": "R"},
            {"language": "sv", "path": "$.registers[3].name", "text": "R"},
            {"language": "fi", "path": "$.registers", "text": "R"},
        ],
    }
    assert [location for location, _ in _problems(data)] == [
        "$.translated[1].path",
        "$.translated[2].path",
    ]


def test_partial_dates(notice: model.Notice) -> None:
    assert notice.updated == PartialDate(year=2026, month=5)
    assert notice.updated_on == date(2026, 5, 31)
    recipient = notice.registers[1].recipients[0]
    assert recipient.valid_until is not None
    assert recipient.valid_until.latest() == date(2022, 4, 30)
    assert recipient.active_on(date(2022, 4, 30))
    assert not recipient.active_on(date(2022, 5, 1))
    assert loads_notice("id: x\nupdated: 2026\ncontroller: {}\nregisters: [{id: r}]").updated == (
        PartialDate(year=2026)
    )


def test_retention_forms(notice: model.Notice) -> None:
    rules = notice.registers[0].retention
    assert rules[0].period == Duration(amount=10, unit=DurationUnit.MINUTES)
    assert rules[0].trigger is None
    assert rules[1].kind is RetentionKind.INDEFINITE
    assert rules[2].maximum_only
    assert rules[3].ends is RetentionEnd.FIRST
    assert rules[3].period is not None
    assert rules[3].period.approximate
    assert rules[3].trigger is not None
    assert rules[3].trigger.events == ()
    alternative = rules[3].alternatives[0]
    assert alternative.trigger is not None
    assert alternative.trigger.year_end
    assert rules[4].minimum == Duration(amount=7, unit=DurationUnit.HOURS)


def test_transfer_forms(notice: model.Notice) -> None:
    transfer = notice.registers[1].transfers[0]
    assert transfer.region is Region.OUTSIDE_EEA
    assert transfer.country == "unknown"
    assert transfer.alternatives == (TransferMechanism.BCR, TransferMechanism.ADEQUACY)
    assert transfer.possible


@pytest.mark.parametrize("fmt", list(Format))
def test_new_forms_round_trip(notice: model.Notice, fmt: Format) -> None:
    assert loads_notice(dumps_notice(notice, fmt), fmt) == notice


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as info:
        notice_from_data(data)
    return [(p.location, p.message) for p in info.value.problems]


def test_none_conflicting_with_content_is_an_error() -> None:
    data = {
        "id": "x",
        "controller": {},
        "registers": [
            {"id": "r", "none": ["transfers"], "transfers": [{"country": "US"}]},
        ],
    }
    [(location, _message)] = _problems(data)
    assert location == "$.registers[0].none[0]"


def test_null_means_absent_for_optional_keys() -> None:
    data: dict[str, Any] = {
        "id": "x",
        "title": None,
        "controller": {"name": None},
        "registers": [{"id": "r", "purposes": None, "transfers": None, "none": None}],
    }
    notice = notice_from_data(data)
    assert notice.title is None
    assert notice.registers[0].purposes == ()
    # A required key given null is an error at its path.
    data["registers"][0]["id"] = None
    assert [loc for loc, _ in _problems(data)] == ["$.registers[0].id"]


def test_a_waiver_of_an_unknown_rule_is_an_error_with_a_suggestion() -> None:
    data: dict[str, Any] = {
        "id": "x",
        "controller": {},
        "registers": [{"id": "r"}],
        "waivers": [
            {"rule": "ART13_1_C", "justification": "j"},
            {"rule": "ART44", "justification": "j"},
        ],
    }
    [(location, message)] = _problems(data)
    assert location == "$.waivers[0].rule"
    assert "'ART13_1_c'" in message
    data["waivers"] = data["waivers"][1:]
    assert notice_from_data(data).waivers[0].rule == "ART44"


def test_every_cross_reference_problem_is_reported_in_one_pass() -> None:
    data: dict[str, Any] = {
        "id": "x",
        "controller": {},
        "registers": [
            {
                "id": "r",
                "purposes": [
                    {"id": "p", "name": "P", "categories": ["contcat"]},
                    {"id": "p", "name": "Q"},
                ],
                "data_categories": [{"id": "contact", "name": "C"}],
                "recipients": [{"id": "a", "name": "A", "role": "processor"}],
                "transfers": [{"recipient": "nobody"}],
            }
        ],
    }
    assert sorted(location for location, _ in _problems(data)) == [
        "$.registers[0].purposes[0].categories[0]",
        "$.registers[0].purposes[1]",
        "$.registers[0].transfers[0].recipient",
    ]


def test_type_errors_speak_the_document_language() -> None:
    data: dict[str, Any] = {
        "id": "x",
        "controller": {},
        "registers": [{"id": "r", "purposes": "sales", "data_subjects": [None]}],
    }
    messages = dict(_problems(data))
    assert messages["$.registers[0].purposes"].startswith("expected a list, got text 'sales'")
    assert "null" in messages["$.registers[0].data_subjects[0]"]
    assert not any("NoneType" in m or " str " in m for m in messages.values())
