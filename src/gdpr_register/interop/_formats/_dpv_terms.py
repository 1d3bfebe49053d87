"""The DPV 2.3 terms our export uses, the fixed ``@context``, and our own namespace.

Every ``dpv:``, ``eu-gdpr:``, ``legal-eu:``, ``pd:`` and ``loc:`` IRI written here is checked
by the tests against the term lists of the DPV 2.3 release (tests/data/dpv/). What DPV has no
concept for goes under ``gdprr:`` (https://w3id.org/gdpr-register#): our namespace, not
registered and not resolvable; docs/interop.md lists its terms.
"""

from __future__ import annotations

from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    RecipientRole,
    RightKind,
    SecurityKind,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    TransferDerogation,
    TransferMechanism,
)

OURS = "https://w3id.org/gdpr-register#"

# Object properties are typed "@id" so compact IRIs (``eu-gdpr:A6-1-a``) in them expand.
_ID_PROPERTIES = (
    "dpv:hasCountry", "dpv:hasDataController", "dpv:hasDataProcessor", "dpv:hasDataSource",
    "dpv:hasDataSubject", "dpv:hasJointDataControllers", "dpv:hasLegalBasis", "dpv:hasNotice",
    "dpv:hasPersonalData", "dpv:hasProcess", "dpv:hasProcessing", "dpv:hasPurpose",
    "dpv:hasRecipient", "dpv:hasRecipientDataController", "dpv:hasRepresentative",
    "dpv:hasRight", "dpv:hasStorageCondition", "dpv:hasTechnicalOrganisationalMeasure",
    "dpv:hasThirdCountry", "dpv:hasDataProtectionOfficer", "dpv:hasDuration",
    "dpv:hasImpactAssessment",
    "gdprr:alternativeLegalBasis", "gdprr:fallbackLegalBasis", "gdprr:statute",
    "gdprr:right", "gdprr:deniedRight", "gdprr:sectionState", "gdprr:alternative",
)
_DATE_PROPERTIES = (
    "dct:modified", "gdprr:validFrom", "gdprr:validUntil", "gdprr:invalidFrom",
    "gdprr:noNewContractsFrom", "gdprr:concluded", "dct:date",
)

CONTEXT: dict[str, object] = {
    "dpv": "https://w3id.org/dpv#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "legal-eu": "https://w3id.org/dpv/legal/eu#",
    "loc": "https://w3id.org/dpv/loc#",
    "pd": "https://w3id.org/dpv/pd#",
    "dct": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gdprr": OURS,
    **{name: {"@type": "@id"} for name in _ID_PROPERTIES},
    **{name: {"@type": "xsd:date"} for name in _DATE_PROPERTIES},
    "rdfs:seeAlso": {"@type": "@id"},
}

BASES: dict[LawfulBasis, str] = {
    LawfulBasis.CONSENT: "eu-gdpr:A6-1-a",
    LawfulBasis.CONTRACT: "eu-gdpr:A6-1-b",
    LawfulBasis.LEGAL_OBLIGATION: "eu-gdpr:A6-1-c",
    LawfulBasis.VITAL_INTERESTS: "eu-gdpr:A6-1-d",
    LawfulBasis.PUBLIC_TASK: "eu-gdpr:A6-1-e",
    LawfulBasis.LEGITIMATE_INTERESTS: "eu-gdpr:A6-1-f",
}
# "9(2)(a)" -> "eu-gdpr:A9-2-a"
SPECIAL_BASES: dict[SpecialCategoryCondition, str] = {
    c: "eu-gdpr:A9-2-" + c.value[-2] for c in SpecialCategoryCondition
}
DEROGATIONS: dict[TransferDerogation, str] = {
    d: ("eu-gdpr:A49-2" if d is TransferDerogation.COMPELLING_LEGITIMATE_INTERESTS
        else "eu-gdpr:A49-1-" + d.value[-2])
    for d in TransferDerogation
}

PURPOSES: dict[PurposeKind, str] = {
    PurposeKind.SERVICE_DELIVERY: "dpv:ServiceProvision",
    PurposeKind.CUSTOMER_RELATIONSHIP: "dpv:CustomerRelationshipManagement",
    PurposeKind.SALES: "dpv:SellProducts",
    PurposeKind.BILLING: "dpv:PaymentManagement",
    PurposeKind.CUSTOMER_COMMUNICATION: "dpv:CommunicationForCustomerCare",
    PurposeKind.SERVICE_DEVELOPMENT: "dpv:ImproveExistingProductsAndServices",
    PurposeKind.MARKETING: "dpv:Marketing",
    PurposeKind.DIRECT_MARKETING: "dpv:DirectMarketing",
    PurposeKind.ANALYTICS: "dpv:ServiceUsageAnalytics",
    PurposeKind.AD_TARGETING: "dpv:TargetedAdvertising",
    PurposeKind.PROFILING: "dpv:Personalisation",
    PurposeKind.ACCOUNTING: "dpv:RecordManagement",
    PurposeKind.LEGAL_COMPLIANCE: "dpv:LegalCompliance",
    PurposeKind.SECURITY: "dpv:EnforceSecurity",
    PurposeKind.EMPLOYMENT: "dpv:HumanResourceManagement",
    PurposeKind.RESEARCH: "dpv:ResearchAndDevelopment",
}
# PurposeKind.OTHER has no class beyond dpv:Purpose.

SPECIAL: dict[SpecialCategory, tuple[str, ...]] = {
    SpecialCategory.RACIAL_OR_ETHNIC_ORIGIN: ("pd:Race", "pd:EthnicOrigin"),
    SpecialCategory.POLITICAL_OPINIONS: ("pd:PoliticalOpinion",),
    SpecialCategory.RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS: (
        "pd:ReligiousBelief", "pd:PhilosophicalBelief"),
    SpecialCategory.TRADE_UNION_MEMBERSHIP: ("pd:TradeUnionMembership",),
    SpecialCategory.GENETIC: ("pd:Genetic", "eu-gdpr:GeneticData"),
    SpecialCategory.BIOMETRIC: ("pd:Biometric", "eu-gdpr:BiometricData"),
    SpecialCategory.HEALTH: ("pd:Health", "eu-gdpr:HealthData"),
    SpecialCategory.SEX_LIFE_OR_ORIENTATION: ("pd:Sexual", "pd:SexualPreference"),
}

RECIPIENTS: dict[RecipientRole, str] = {
    RecipientRole.PROCESSOR: "dpv:DataProcessor",
    RecipientRole.CONTROLLER: "dpv:DataController",
    RecipientRole.JOINT_CONTROLLER: "dpv:DataController",
    RecipientRole.AUTHORITY: "dpv:Authority",
    RecipientRole.PUBLIC: "dpv:Recipient",
    RecipientRole.UNSPECIFIED: "dpv:Recipient",
}

SOURCES: dict[SourceKind, str] = {
    SourceKind.DATA_SUBJECT: "dpv:DataSubjectDataSource",
    SourceKind.SUBJECT_ORGANISATION: "dpv:ThirdPartyDataSource",
    SourceKind.THIRD_PARTY: "dpv:ThirdPartyDataSource",
    SourceKind.PUBLIC_SOURCE: "dpv:PublicDataSource",
    SourceKind.OBSERVED: "dpv:DataSubjectDataSource",
    SourceKind.OTHER: "dpv:DataSource",
}

MEASURES: dict[SecurityKind, str] = {
    SecurityKind.TECHNICAL: "dpv:TechnicalMeasure",
    SecurityKind.ORGANISATIONAL: "dpv:OrganisationalMeasure",
    SecurityKind.PHYSICAL: "dpv:PhysicalMeasure",
    SecurityKind.UNSPECIFIED: "dpv:TechnicalOrganisationalMeasure",
}

RIGHTS: dict[RightKind, str] = {
    RightKind.ACCESS: "eu-gdpr:A15",
    RightKind.COPY: "eu-gdpr:A15",
    RightKind.RECTIFICATION: "eu-gdpr:A16",
    RightKind.ERASURE: "eu-gdpr:A17",
    RightKind.RESTRICTION: "eu-gdpr:A18",
    RightKind.PORTABILITY: "eu-gdpr:A20",
    RightKind.OBJECTION: "eu-gdpr:A21",
    RightKind.DIRECT_MARKETING_OBJECTION: "eu-gdpr:A21",
    RightKind.WITHDRAW_CONSENT: "eu-gdpr:A7-3",
    RightKind.AUTOMATED_DECISIONS: "eu-gdpr:A22",
    RightKind.COMPLAINT: "eu-gdpr:A77",
    RightKind.INFORMATION: "eu-gdpr:A13",
}

# Chapter V mechanisms: the legal basis and, for Art. 46 safeguards, the measure DPV names.
MECHANISM_BASES: dict[TransferMechanism, tuple[str, str | None]] = {
    TransferMechanism.SCC: ("eu-gdpr:A46-2-c", "eu-gdpr:SCCByCommission"),
    TransferMechanism.SCC_2021: ("eu-gdpr:A46-2-c", "eu-gdpr:SCCByCommission"),
    TransferMechanism.SCC_OLD: ("eu-gdpr:A46-2-c", "eu-gdpr:SCCByCommission"),
    TransferMechanism.BCR: ("eu-gdpr:A46-2-b", "eu-gdpr:BindingCorporateRules"),
    TransferMechanism.CODE_OF_CONDUCT: (
        "eu-gdpr:A46-2-e", "eu-gdpr:CodesOfConductForDataTransfers"),
    TransferMechanism.CERTIFICATION: (
        "eu-gdpr:A46-2-f", "eu-gdpr:CertificationMechanismsForDataTransfers"),
    TransferMechanism.AD_HOC_CLAUSES: ("eu-gdpr:A46-3-a", "eu-gdpr:AdHocContractualClauses"),
    TransferMechanism.PUBLIC_AUTHORITY_INSTRUMENT: ("eu-gdpr:A46-2-a", None),
}
# Mechanisms DPV has no concept for: our terms, described with the law tables' dates.
OUR_MECHANISMS: dict[TransferMechanism, str] = {
    TransferMechanism.PRIVACY_SHIELD: "gdprr:PrivacyShield",
    TransferMechanism.SAFE_HARBOR: "gdprr:SafeHarbor",
    TransferMechanism.SCC_OLD: "gdprr:SCC-2001-2004-2010",
    TransferMechanism.DPF: "gdprr:EU-US-DPF",
}

# Countries with an adequacy decision in DPV's legal-eu vocabulary (2.3): the rest of our
# adequacy table (KR, BR, the European Patent Organisation...) is exported as our terms.
DPV_ADEQUACY = frozenset(
    {"AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "NZ", "UY"}
)
