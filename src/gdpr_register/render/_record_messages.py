"""The labels of the Art. 30(1) record (``record.<column>``): its headers, sheet names and
fixed words, as msgids of the rendering catalogues; where each Finnish and Swedish label comes
from is in docs/interop.md."""

from __future__ import annotations

__all__ = ["RECORD_MESSAGES"]

RECORD_MESSAGES: dict[str, str] = {
    'record.activity_id': 'Ref.',
    'record.activity': 'Processing activity',
    'record.description': 'Description',
    'record.purposes': 'Purposes',
    'record.lawful_bases': 'Lawful basis per purpose',
    'record.special_conditions': 'Special categories: Art. 9(2) condition',
    'record.data_subjects': 'Categories of data subjects',
    'record.data_categories': 'Categories of personal data',
    'record.sources': 'Source of the data',
    'record.recipients': 'Recipients',
    'record.transfers': 'Transfers outside the EU/EEA',
    'record.erasure': 'Erasure time limits',
    'record.retention': 'Retention rules as stated',
    'record.security': 'Security measures',
    'record.dpia': 'DPIA reference (Art. 35)',
    'record.other': 'Other facts',
    'record.record_id': 'Record ID',
    'record.title': 'Title',
    'record.document_kind': 'Document kind',
    'record.language': 'Language',
    'record.updated': 'Updated',
    'record.version': 'Version',
    'record.source': 'Source document',
    'record.controller': 'Controller',
    'record.short_name': 'Short name',
    'record.business_id': 'Business ID',
    'record.address': 'Address',
    'record.phone': 'Phone',
    'record.email': 'Email',
    'record.website': 'Website',
    'record.country': 'Country of establishment',
    'record.contact_points': 'Contact points',
    'record.joint_controllers': 'Joint controllers',
    'record.representative': 'Representative (Art. 27)',
    'record.dpo': 'Data protection officer',
    'record.controller_other': 'Other controller facts',
    'record.record_other': 'Other record facts',
    'record.sheet_controller': 'Controller',
    'record.sheet_activities': 'Activities',
    'record.item': 'Item',
    'record.value': 'Value',
    'record.none': 'none',
}
