"""Every text the renderer prints, by key: the key names the label, the value its English
msgid in the gettext catalogues (``locale/<lang>/LC_MESSAGES/gdpr_register.po``); where each
legal label comes from is in docs/rendering.md."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, str] = {
    'basis.6(1)(a)': (
        'the data subject has given consent to the processing of his or her personal data for one'
        ' or more specific purposes'
    ),
    'basis.6(1)(b)': (
        'processing is necessary for the performance of a contract to which the data subject is '
        'party or in order to take steps at the request of the data subject prior to entering '
        'into a contract'
    ),
    'basis.6(1)(c)': (
        'processing is necessary for compliance with a legal obligation to which the controller '
        'is subject'
    ),
    'basis.6(1)(d)': (
        'processing is necessary in order to protect the vital interests of the data subject or '
        'of another natural person'
    ),
    'basis.6(1)(e)': (
        'processing is necessary for the performance of a task carried out in the public interest'
        ' or in the exercise of official authority vested in the controller'
    ),
    'basis.6(1)(f)': (
        'processing is necessary for the purposes of the legitimate interests pursued by the '
        'controller or by a third party'
    ),
    'channel.email': 'E-mail',
    'channel.in-person': 'In person',
    'channel.phone': 'Phone',
    'channel.postal': 'Post',
    'channel.web': 'Web',
    'channel.web-form': 'Web form',
    'charge.fee': 'A fee is charged.',
    'charge.fee-further-copies': 'A reasonable fee may be charged for further copies.',
    'charge.fee-if-excessive': (
        'A reasonable fee may be charged for manifestly unfounded or excessive requests.'
    ),
    'charge.free': 'Free of charge.',
    'charge.free-once-a-year': 'Free of charge once a year.',
    'country.unknown': 'country not stated',
    'field.address': 'Address',
    'field.applies-to': 'Applies to',
    'field.arrangement': 'Essence of the arrangement',
    'field.authority-contact': 'Contact details of the supervisory authority',
    'field.business-id': 'Business ID',
    'field.charge': 'Charge',
    'field.children': 'Includes children',
    'field.condition': 'Condition stated',
    'field.consequences': 'Consequences of not providing the data',
    'field.contact': 'Contact',
    'field.copy': 'How to obtain a copy of the safeguards',
    'field.country': 'Country',
    'field.criminal': 'Personal data relating to criminal convictions and offences',
    'field.email': 'E-mail',
    'field.fallback': 'Fallback safeguard',
    'field.full-notice': 'Full privacy notice',
    'field.identity-check': 'Identity check',
    'field.interests': 'Legitimate interests',
    'field.law': 'Law',
    'field.logic': 'Logic involved',
    'field.mechanism': 'Safeguard',
    'field.national-id': 'Includes a national identification number',
    'field.phone': 'Phone',
    'field.possible': 'Possible transfer',
    'field.public-source': 'Publicly accessible source',
    'field.purposes-short': 'What we use the data for',
    'field.response-time': 'Response time',
    'field.significance': 'Significance and envisaged consequences',
    'field.special': 'Special category',
    'field.updated': 'Updated',
    'field.valid': 'Period',
    'field.version': 'Version',
    'field.website': 'Website',
    'form.1': 'Controller',
    'form.10': 'Automated decision-making and profiling',
    'form.11': 'Rights of the data subject',
    'form.12': 'Contacts',
    'form.13': 'Other information',
    'form.2': 'Contact person for matters concerning the register',
    'form.3': 'Name of the register',
    'form.4': 'Purpose and legal basis of the processing',
    'form.5': 'Data content of the register',
    'form.6': 'Retention period of the personal data',
    'form.7': 'Regular sources of data',
    'form.8': 'Regular disclosures and transfers of data outside the EU or the EEA',
    'form.9': 'Principles of protecting the register',
    'identity.always': 'Identity is always checked.',
    'identity.id-document': 'A copy of an identity document is requested.',
    'identity.if-needed': 'Identity is checked where there are reasonable doubts.',
    'identity.none': 'No identity check.',
    'lang.en': 'English',
    'lang.fi': 'Finnish',
    'lang.other': 'another language',
    'lang.sv': 'Swedish',
    'mechanism.ad-hoc-clauses': 'contractual clauses authorised by the supervisory authority',
    'mechanism.adequacy': 'adequacy decision of the Commission',
    'mechanism.bcr': 'binding corporate rules',
    'mechanism.certification': 'approved certification mechanism',
    'mechanism.code-of-conduct': 'approved code of conduct',
    'mechanism.derogation': 'derogation for a specific situation',
    'mechanism.dpf': 'EU-US Data Privacy Framework (adequacy decision)',
    'mechanism.none-stated': 'safeguard not stated',
    'mechanism.privacy-shield': 'EU-US Privacy Shield (invalidated)',
    'mechanism.public-authority-instrument': (
        'legally binding instrument between public authorities'
    ),
    'mechanism.safe-harbor': 'Safe Harbour (invalidated)',
    'mechanism.scc': 'standard data protection clauses',
    'mechanism.scc-2021': 'standard contractual clauses (Implementing Decision (EU) 2021/914)',
    'mechanism.scc-old': 'standard contractual clauses (decisions before 2021)',
    'none.automated-decisions': 'No automated decision-making, including profiling.',
    'none.cookies': 'No cookies are used.',
    'none.default': 'There is none, according to the notice.',
    'none.dpo': 'No data protection officer has been appointed.',
    'none.marketing': 'Personal data are not used for direct marketing.',
    'none.recipients': 'Personal data are not disclosed to recipients.',
    'none.representative': 'No representative has been designated.',
    'none.sale': 'Personal data are not sold.',
    'none.sources': 'There are no other sources.',
    'none.special-categories': 'No special categories of personal data are processed.',
    'none.transfers': (
        'Personal data are not transferred to third countries or international organisations.'
    ),
    'phrase.about': 'about {duration}',
    'phrase.at-least': 'at least {duration}',
    'phrase.at-most': 'at most {duration}',
    'phrase.authority-default': 'the supervisory authority of your Member State',
    'phrase.automated-none': 'No automated decision-making.',
    'phrase.automated-yes': 'Automated decision-making is used.',
    'phrase.basis-unmapped': 'Basis as stated, not an Art. 6(1) basis: {text}',
    'phrase.conditional': '{right}, on the condition stated: {condition}',
    'phrase.denied': '{right}: not granted according to the notice',
    'phrase.derogation': 'derogation under {citation}',
    'phrase.draft': 'Draft',
    'phrase.draft-note': (
        'Draft for the editor: items the notice does not state are marked missing, and the '
        'findings of the check are listed at the end.'
    ),
    'phrase.findings-as-of': 'Findings of gdpr-register check as of {date}:',
    'phrase.first-layer': 'Privacy notice in brief',
    'phrase.gdpr-article': 'Art. {article} GDPR',
    'phrase.in-language': '(in {language})',
    'phrase.law-cited': 'Laws cited',
    'phrase.missing': 'Missing: the notice does not state this ({citation}).',
    'phrase.no-dpo': 'No data protection officer has been appointed.',
    'phrase.no-findings': 'No findings.',
    'phrase.non-exhaustive': 'The list is not exhaustive.',
    'phrase.not-assessed': 'This document does not cover this item.',
    'phrase.obliged-no': 'The data subject is not obliged to provide the data.',
    'phrase.obliged-yes': 'The data subject is obliged to provide the data.',
    'phrase.pooled-bases': 'Legal bases stated for the register as a whole:',
    'phrase.profiling-none': 'No profiling.',
    'phrase.profiling-yes': 'Profiling is used.',
    'phrase.register': 'Register: {name}',
    'phrase.see': 'See: {reference}',
    'phrase.special-condition': 'Condition for special categories: {citation}',
    'phrase.stated-elsewhere': 'Stated in another document or layer.',
    'phrase.transfer-to': '{recipient} ({country})',
    'phrase.waived': 'waived',
    'provision.contract-prerequisite': (
        'Providing the data is a requirement necessary to enter into a contract.'
    ),
    'provision.contractual': 'Providing the data is a contractual requirement.',
    'provision.mixed': 'Some data are required, others are voluntary.',
    'provision.statutory': 'Providing the data is a statutory requirement.',
    'provision.voluntary': 'Providing the data is voluntary.',
    'region.eea': 'within the EU/EEA',
    'region.global': 'worldwide',
    'region.outside-eea': 'outside the EU/EEA',
    'right.access': 'Right of access by the data subject',
    'right.automated-decisions': (
        'Right not to be subject to a decision based solely on automated processing'
    ),
    'right.complaint': 'Right to lodge a complaint with a supervisory authority',
    'right.copy': 'Right to obtain a copy of the personal data undergoing processing',
    'right.direct-marketing-objection': (
        'Right to object at any time to processing for direct marketing'
    ),
    'right.erasure': 'Right to erasure (‘right to be forgotten’)',
    'right.information': 'Right to be informed',
    'right.objection': 'Right to object',
    'right.portability': 'Right to data portability',
    'right.rectification': 'Right to rectification',
    'right.restriction': 'Right to restriction of processing',
    'right.withdraw-consent': 'Right to withdraw consent at any time',
    'role.authority': 'public authority',
    'role.controller': 'controller',
    'role.joint-controller': 'joint controller',
    'role.processor': 'processor',
    'role.public': 'the public',
    'role.unspecified': 'recipient',
    'section.automated-decisions': 'Automated individual decision-making, including profiling',
    'section.bases': 'Legal basis for the processing',
    'section.complaint-authority': 'Right to lodge a complaint with a supervisory authority',
    'section.contacts': 'Contact persons',
    'section.controller': 'Identity and contact details of the controller',
    'section.cookies': 'Cookies',
    'section.data-categories': 'Categories of personal data concerned',
    'section.data-subjects': 'Categories of data subjects',
    'section.dpo': 'Contact details of the data protection officer',
    'section.findings': 'Findings of the check',
    'section.legitimate-interests': (
        'Legitimate interests pursued by the controller or by a third party'
    ),
    'section.marketing': 'Direct marketing',
    'section.provision': (
        'Whether providing the personal data is a statutory or contractual requirement'
    ),
    'section.purposes': 'Purposes of the processing and legal basis for the processing',
    'section.recipients': 'Recipients or categories of recipients',
    'section.representative': "The controller's representative",
    'section.request-procedure': 'How to exercise the rights',
    'section.retention': 'Period for which the personal data will be stored',
    'section.rights': 'Rights of the data subject',
    'section.sale': 'Sale of personal data',
    'section.security': 'Security of processing',
    'section.sources': 'Source of the personal data',
    'section.special-categories': 'Special categories of personal data',
    'section.transfers': 'Transfers to a third country or an international organisation',
    'security.organisational': 'Organisational measures',
    'security.physical': 'Physical measures',
    'security.technical': 'Technical measures',
    'severity.high': 'high',
    'severity.info': 'info',
    'severity.low': 'low',
    'severity.medium': 'medium',
    'security.unspecified': 'Measures',
    'source.data-subject': 'the data subject',
    'source.observed': "the controller's own systems",
    'source.other': 'other source',
    'source.public-source': 'publicly accessible source',
    'source.subject-organisation': 'the organisation the data subject represents',
    'source.third-party': 'third party',
    'special.biometric': 'biometric data',
    'special.genetic': 'genetic data',
    'special.health': 'data concerning health',
    'special.political-opinions': 'political opinions',
    'special.racial-or-ethnic-origin': 'racial or ethnic origin',
    'special.religious-or-philosophical-beliefs': 'religious or philosophical beliefs',
    'special.sex-life-or-orientation': 'data concerning sex life or sexual orientation',
    'special.trade-union-membership': 'trade union membership',
}

# The Art. 30(1) record's headers (gdpr_register.interop reads them through label()).
from gdpr_register.render._record_messages import RECORD_MESSAGES  # noqa: E402

MESSAGES.update(RECORD_MESSAGES)
