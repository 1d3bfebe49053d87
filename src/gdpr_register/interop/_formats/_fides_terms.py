"""Our vocabularies mapped onto fideslang 3.x: its default taxonomy and its GDPR enums.

Every key named here is in fideslang's default taxonomy (the tests check it against the
installed package). Our purposes and data categories become custom taxonomy entries *under*
the mapped default key (``marketing.communications.uutiskirje``), so their ids and names
survive; a purpose with no mapping goes under our own root ``purpose``.
"""

from __future__ import annotations

from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    SpecialCategory,
    SpecialCategoryCondition,
    TransferMechanism,
)

PURPOSE_ROOT = "purpose"  # not in the default taxonomy: ours, for unmapped purposes
PURPOSE_ROOT_RESOURCE = {
    "fides_key": PURPOSE_ROOT,
    "name": "Other purposes",
    "description": "Purposes with no data use in the default taxonomy (gdpr-register).",
}
CATEGORY_ROOT = "user"  # "data related to the user": every category of personal data fits

# Most specific first: a purpose with several kinds gets the first one that matches.
DATA_USES: tuple[tuple[PurposeKind, str], ...] = (
    (PurposeKind.DIRECT_MARKETING, "marketing.communications"),
    (PurposeKind.AD_TARGETING, "marketing.advertising"),
    (PurposeKind.PROFILING, "personalize.profiling"),
    (PurposeKind.MARKETING, "marketing"),
    (PurposeKind.ANALYTICS, "analytics"),
    (PurposeKind.SALES, "sales"),
    (PurposeKind.BILLING, "essential.service.payment_processing"),
    (PurposeKind.ACCOUNTING, "finance"),
    (PurposeKind.LEGAL_COMPLIANCE, "essential.legal_obligation"),
    (PurposeKind.SECURITY, "essential.service.security"),
    (PurposeKind.EMPLOYMENT, "employment"),
    (PurposeKind.CUSTOMER_COMMUNICATION, "essential.service.notifications"),
    (PurposeKind.CUSTOMER_RELATIONSHIP, "essential.service.operations.support"),
    (PurposeKind.SERVICE_DEVELOPMENT, "functional.service.improve"),
    (PurposeKind.SERVICE_DELIVERY, "essential.service"),
)
# research and other: no default data use.
KIND_OF_USE: dict[str, PurposeKind] = {key: kind for kind, key in DATA_USES}

SPECIAL_CATEGORIES: dict[SpecialCategory, str] = {
    SpecialCategory.RACIAL_OR_ETHNIC_ORIGIN: "user.demographic.race_ethnicity",
    SpecialCategory.POLITICAL_OPINIONS: "user.demographic.political_opinion",
    SpecialCategory.RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS: "user.demographic.religious_belief",
    SpecialCategory.GENETIC: "user.health_and_medical.genetic",
    SpecialCategory.BIOMETRIC: "user.biometric",
    SpecialCategory.HEALTH: "user.health_and_medical",
    SpecialCategory.SEX_LIFE_OR_ORIENTATION: "user.demographic.sexual_orientation",
}
# trade-union-membership: no default category (it stays under "user").
SPECIAL_OF_CATEGORY: dict[str, SpecialCategory] = {v: k for k, v in SPECIAL_CATEGORIES.items()}
CRIMINAL = "user.criminal_history"
NATIONAL_ID = "user.government_id.national_identification_number"

# Free-text categories: words in the id or name (en, fi, sv) that name a default category.
CATEGORY_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("contact", "yhteystie", "kontakt"), "user.contact"),
    (("payment", "invoice", "billing", "lasku", "maksu", "faktur", "betalning"),
     "user.financial"),
    (("location", "sijainti", "plats"), "user.location"),
)

LEGAL_BASES: dict[LawfulBasis, str] = {
    LawfulBasis.CONSENT: "Consent",
    LawfulBasis.CONTRACT: "Contract",
    LawfulBasis.LEGAL_OBLIGATION: "Legal obligations",
    LawfulBasis.VITAL_INTERESTS: "Vital interests",
    LawfulBasis.PUBLIC_TASK: "Public interest",
    LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests",
}
BASIS_OF: dict[str, LawfulBasis] = {v: k for k, v in LEGAL_BASES.items()}

SPECIAL_BASES: dict[SpecialCategoryCondition, str] = {
    SpecialCategoryCondition.EXPLICIT_CONSENT: "Explicit consent",
    SpecialCategoryCondition.EMPLOYMENT_SOCIAL_SECURITY:
        "Employment, social security and social protection",
    SpecialCategoryCondition.VITAL_INTERESTS: "Vital interests",
    SpecialCategoryCondition.NOT_FOR_PROFIT_BODY: "Not-for-profit bodies",
    SpecialCategoryCondition.MADE_PUBLIC: "Made public by the data subject",
    SpecialCategoryCondition.LEGAL_CLAIMS: "Legal claims or judicial acts",
    SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST:
        "Reasons of substantial public interest (with a basis in law)",
    SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE:
        "Health or social care (with a basis in law)",
    SpecialCategoryCondition.PUBLIC_HEALTH: "Public health (with a basis in law)",
    SpecialCategoryCondition.ARCHIVING_RESEARCH_STATISTICS:
        "Archiving, research and statistics (with a basis in law)",
}
SPECIAL_BASIS_OF: dict[str, SpecialCategoryCondition] = {v: k for k, v in SPECIAL_BASES.items()}

# fideslang's (unenforced) LegalBasisForTransfersEnum values.
TRANSFER_BASES: dict[TransferMechanism, str] = {
    TransferMechanism.ADEQUACY: "Adequacy Decision",
    TransferMechanism.DPF: "Adequacy Decision",
    TransferMechanism.SCC: "SCCs",
    TransferMechanism.SCC_2021: "SCCs",
    TransferMechanism.SCC_OLD: "SCCs",
    TransferMechanism.BCR: "BCRs",
}
TRANSFER_MECHANISM_OF: dict[str, TransferMechanism] = {
    "Adequacy Decision": TransferMechanism.ADEQUACY,
    "SCCs": TransferMechanism.SCC,
    "BCRs": TransferMechanism.BCR,
}
OTHER_TRANSFER_BASIS = "Other"

# Names of the default keys we map to, and of the default data subjects, for manifests that
# use them without defining them.
DEFAULT_NAMES: dict[str, str] = {
    "analytics": "Analytics",
    "employment": "Employment",
    "essential.legal_obligation": "Essential Legal Obligation",
    "essential.service": "Essential for Service",
    "essential.service.notifications": "Essential Service Notifications",
    "essential.service.payment_processing": "Essential for Payment Processing",
    "essential.service.security": "Essential for Security",
    "essential.service.operations.support": "Essential for Operations Support",
    "finance": "Finance",
    "functional.service.improve": "Improve Service",
    "marketing": "Marketing",
    "marketing.advertising": "Advertising, Marketing or Promotion",
    "marketing.communications": "Marketing Communications",
    "personalize.profiling": "Personalized Profiling",
    "sales": "Sales",
    "user": "User Data",
    "user.biometric": "Biometric Data",
    "user.contact": "Contact Data",
    "user.location": "Location Data",
    "user.financial": "Financial Data",
    "user.health_and_medical": "Health and Medical Data",
    "user.criminal_history": "Criminal History",
    "user.demographic.political_opinion": "Political Opinion",
    "user.demographic.race_ethnicity": "Race",
    "user.demographic.religious_belief": "Religion",
    "user.demographic.sexual_orientation": "Sexual Orientation",
    "user.government_id.national_identification_number": "National Identification Number",
    "user.health_and_medical.genetic": "User's Genetic Data",
    # The default data subjects.
    "anonymous_user": "Anonymous User",
    "citizen_voter": "Citizen Voter",
    "commuter": "Commuter",
    "consultant": "Consultant",
    "customer": "Customer",
    "employee": "Employee",
    "job_applicant": "Job Applicant",
    "next_of_kin": "Next of Kin",
    "passenger": "Passenger",
    "patient": "Patient",
    "prospect": "Prospect",
    "shareholder": "Shareholder",
    "supplier_vendor": "Supplier/Vendor",
    "trainee": "Trainee",
    "visitor": "Visitor",
}


def data_use(kinds: tuple[PurposeKind, ...]) -> str | None:
    """The default data use for a purpose's kinds (the most specific), None if unmapped."""
    return next((key for kind, key in DATA_USES if kind in kinds), None)


def kinds_of_use(key: str) -> tuple[PurposeKind, ...]:
    """Our purpose kind for a default data-use key (empty when none maps to it)."""
    kind = KIND_OF_USE.get(key)
    return () if kind is None else (kind,)


# A fides key's last segment is the entry's own part: a dot in our id would make a level.
_DOT = "<dot>"


def key_part(ident: str) -> str:
    """Our id as one segment of a fides key."""
    return ident.replace(".", _DOT)


def ident_of(part: str) -> str:
    """Our id back from a key segment (the inverse of :func:`key_part`)."""
    return part.replace(_DOT, ".")
