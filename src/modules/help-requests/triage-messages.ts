/**
 * Plain-language texts for the triage: the reasons behind a suggestion (`triage.reason.*`,
 * i18next interpolation: `{{word}}`, `{{age}}`), the names of the categories
 * (`help.category.<code>`) and of the urgencies (`help.urgency.<code>`).
 */
export const triageMessages: { it: Record<string, string>; en: Record<string, string> } = {
  it: {
    'triage.reason.keyword': 'Nel testo c’è «{{word}}».',
    'triage.reason.category': 'È il livello di partenza per questo tipo di richiesta.',
    'triage.reason.lives_alone': 'La persona vive da sola.',
    'triage.reason.age': 'La persona ha {{age}} anni.',
    'triage.reason.health': 'La persona ha un problema di salute.',
    'triage.reason.no_food': 'La persona non ha da mangiare.',
    'triage.reason.minors': 'Ci sono dei minori coinvolti.',
    'triage.reason.urgent_words': 'Nel testo la richiesta è detta urgente: «{{word}}».',
    'triage.reason.danger_words':
      'Nel testo ci sono parole che fanno pensare a un pericolo: «{{word}}». Contatta subito la persona e, se serve, chiama il 112.',
    'triage.reason.default': 'Non c’è niente di particolare: l’urgenza è normale.',

    'help.category.shopping': 'Spesa',
    'help.category.medicines': 'Farmaci',
    'help.category.company': 'Compagnia (una telefonata o una visita)',
    'help.category.escort': 'Accompagnamento',
    'help.category.paperwork': 'Pratiche e documenti',
    'help.category.psychological_support': 'Supporto psicologico',
    'help.category.housing': 'Casa',
    'help.category.work': 'Lavoro',
    'help.category.food': 'Cibo',
    'help.category.other': 'Altro',

    'help.urgency.low': 'Bassa',
    'help.urgency.normal': 'Normale',
    'help.urgency.high': 'Alta',
    'help.urgency.critical': 'Critica',
  },
  en: {
    'triage.reason.keyword': 'The text says “{{word}}”.',
    'triage.reason.category': 'This is the starting level for this kind of request.',
    'triage.reason.lives_alone': 'The person lives alone.',
    'triage.reason.age': 'The person is {{age}} years old.',
    'triage.reason.health': 'The person has a health problem.',
    'triage.reason.no_food': 'The person has nothing to eat.',
    'triage.reason.minors': 'Children or teenagers are involved.',
    'triage.reason.urgent_words': 'The text says the request is urgent: “{{word}}”.',
    'triage.reason.danger_words':
      'The text has words that suggest danger: “{{word}}”. Contact the person now and, if needed, call 112.',
    'triage.reason.default': 'Nothing in particular: the urgency is normal.',

    'help.category.shopping': 'Shopping',
    'help.category.medicines': 'Medicines',
    'help.category.company': 'Company (a phone call or a visit)',
    'help.category.escort': 'Going with someone to an appointment',
    'help.category.paperwork': 'Paperwork and documents',
    'help.category.psychological_support': 'Psychological support',
    'help.category.housing': 'Housing',
    'help.category.work': 'Work',
    'help.category.food': 'Food',
    'help.category.other': 'Other',

    'help.urgency.low': 'Low',
    'help.urgency.normal': 'Normal',
    'help.urgency.high': 'High',
    'help.urgency.critical': 'Critical',
  },
};
