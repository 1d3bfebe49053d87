"""Register the model's strategies with hypothesis, so ``st.from_type(Notice)`` is sound."""

from __future__ import annotations

from hypothesis import strategies as st

from gdpr_register import model
from gdpr_register.testing.strategies import _model as m
from gdpr_register.testing.strategies import _register as s

__all__ = ["register_type_strategies"]


def register_type_strategies() -> None:
    """Called by hypothesis through the ``hypothesis`` entry point; safe to call again."""
    table: dict[type, st.SearchStrategy[object]] = {
        model.AutomatedDecisions: s.automated_decisions(),
        model.BusinessId: m.business_ids(),
        model.Channel: m.channels(),
        model.ContactPoint: m.contact_points(),
        model.Controller: m.controllers(),
        model.Coverage: m.coverages(),
        model.DataCategory: s.data_categories(),
        model.DpiaReference: st.builds(
            model.DpiaReference,
            reference=m.texts(),
            date=st.none() | m.partial_dates(),
        ),
        model.DpoStatement: m.dpo_statements(),
        model.Duration: s.durations(),
        model.LanguageVersion: st.builds(
            model.LanguageVersion,
            language=st.sampled_from(["fi", "sv", "en"]),
            notice=st.none() | m.identifiers(),
            source=st.none() | m.texts(),
            title=st.none() | m.texts(),
        ),
        model.MonthDay: m.month_days(),
        model.Notice: s.notices(),
        model.PartialDate: m.partial_dates(),
        model.Party: m.parties(),
        model.PostalAddress: m.postal_addresses(),
        model.Provision: s.provisions(),
        model.Purpose: s.purposes(),
        model.Recipient: s.recipients(),
        model.Register: s.registers(),
        model.RequestProcedure: s.request_procedures(),
        model.RetentionRule: s.retention_rules(),
        model.SectionReference: m.section_references(),
        model.SecurityMeasure: s.security_measures(),
        model.SharedStatements: s.shared_statements(),
        model.Source: s.sources(),
        model.SpecialCondition: s.special_conditions(),
        model.StatedBasis: s.stated_bases(),
        model.StatedRight: s.stated_rights(),
        model.SubjectCategory: s.subject_categories(),
        model.SubjectEvent: s.subject_events(),
        model.SupervisoryAuthority: m.supervisory_authorities(),
        model.Transfer: s.transfers(),
        model.TranslatedText: st.builds(
            model.TranslatedText,
            language=st.sampled_from(["fi", "sv", "en"]),
            path=st.just("$.title"),
            text=m.texts(),
        ),
        model.Trigger: s.triggers(),
        model.Waiver: m.waivers(),
    }
    from gdpr_register.retention import SubjectHistory
    from gdpr_register.testing.strategies._history import histories

    table[SubjectHistory] = histories()
    for cls, strategy in table.items():
        st.register_type_strategy(cls, strategy)
