/** Server-side texts of the initiatives module (problems, fields, e-mails, names). `{param}` placeholders. */
export const initiativeMessages = {
  it: {
    'resource.initiative': 'l’iniziativa',
    'resource.event': 'l’evento',
    'resource.event_registration': 'l’iscrizione',
    'initiatives.part.community_points': 'Punti Comunità',
    'initiatives.part.families': 'Famiglie',
    'initiatives.part.youth': 'Giovani',
    'initiatives.part.work': 'Lavoro',
    'initiatives.part.poverty': 'Povertà',
    'initiatives.part.elderly_disability': 'Anziani e disabilità',
    'initiatives.part.governance': 'Governance',
    'initiatives.field.outside_city': 'Il punto indicato è fuori dal Comune.',
    'initiatives.slug_taken': 'Esiste già un’iniziativa con questo titolo.',
    'problem.initiatives.event_cancelled.detail': 'L’evento è stato annullato.',
    'problem.initiatives.event_past.detail':
      'L’evento è già iniziato o passato: non ci si può più iscrivere.',
    'problem.initiatives.no_registration.detail':
      'Per questo evento non serve iscriversi: è aperto a tutti fino a esaurimento posti.',
    'problem.initiatives.already_registered.detail': 'Questa persona è già iscritta (o in lista d’attesa).',
    'problem.initiatives.already_cancelled.detail': 'L’iscrizione è già stata annullata.',
    'problem.initiatives.not_registered.detail':
      'Si può segnare la presenza solo di chi è iscritto (questa iscrizione è «{status}»).',
    'problem.initiatives.attendance_closed.detail':
      'Le presenze si segnano da un’ora prima dell’inizio a sette giorni dopo la fine dell’evento.',
    'problem.initiatives.capacity_below.detail':
      'Ci sono già {registered} posti occupati: i posti non possono essere meno di così.',
    'problem.initiatives.capacity_needed.detail':
      'L’evento ha iscrizioni: non può diventare aperto a tutti senza iscrizione.',
    'initiatives.mail.registered.subject': 'Iscrizione confermata: {title}',
    'initiatives.mail.registered.text':
      'Gentile {name},\n\nla tua iscrizione a «{title}» ({when}, {place}) è confermata.\n\nSe non puoi più venire, annulla l’iscrizione: il posto andrà a chi aspetta.\n{link}\n\nCittà del Noi',
    'initiatives.mail.waiting.subject': 'Sei in lista d’attesa: {title}',
    'initiatives.mail.waiting.text':
      'Gentile {name},\n\ni posti per «{title}» ({when}, {place}) sono esauriti: sei in lista d’attesa (posizione {position}). Ti scriveremo se si libera un posto.\n{link}\n\nCittà del Noi',
    'initiatives.mail.promoted.subject': 'Si è liberato un posto: {title}',
    'initiatives.mail.promoted.text':
      'Gentile {name},\n\nsi è liberato un posto per «{title}» ({when}, {place}): ora sei iscritto/a.\n\nSe non puoi più venire, annulla l’iscrizione.\n{link}\n\nCittà del Noi',
    'initiatives.mail.cancelled.subject': 'Evento annullato: {title}',
    'initiatives.mail.cancelled.text':
      'Gentile {name},\n\nci dispiace: l’evento «{title}» del {when} è stato annullato.\n{link}\n\nCittà del Noi',
    'indicator.initiatives.per_year': 'Iniziative avviate (12 mesi)',
    'indicator.initiatives.participants': 'Partecipanti presenti agli eventi (12 mesi)',
  },
  en: {
    'resource.initiative': 'initiative',
    'resource.event': 'event',
    'resource.event_registration': 'registration',
    'initiatives.part.community_points': 'Community hubs',
    'initiatives.part.families': 'Families',
    'initiatives.part.youth': 'Young people',
    'initiatives.part.work': 'Work',
    'initiatives.part.poverty': 'Poverty',
    'initiatives.part.elderly_disability': 'Elderly and disability',
    'initiatives.part.governance': 'Governance',
    'initiatives.field.outside_city': 'The point is outside the municipality.',
    'initiatives.slug_taken': 'An initiative with this title already exists.',
    'problem.initiatives.event_cancelled.detail': 'The event has been cancelled.',
    'problem.initiatives.event_past.detail': 'The event has started or is over: registration is closed.',
    'problem.initiatives.no_registration.detail': 'This event needs no registration: it is open to all.',
    'problem.initiatives.already_registered.detail': 'This person is already registered (or waiting).',
    'problem.initiatives.already_cancelled.detail': 'The registration has already been cancelled.',
    'problem.initiatives.not_registered.detail':
      'Attendance is only for registered people (this registration is «{status}»).',
    'problem.initiatives.attendance_closed.detail':
      'Attendance is taken from one hour before the start to seven days after the end of the event.',
    'problem.initiatives.capacity_below.detail':
      '{registered} places are already taken: the capacity cannot be lower than that.',
    'problem.initiatives.capacity_needed.detail':
      'The event has registrations: it cannot become open to all without registration.',
    'initiatives.mail.registered.subject': 'Registration confirmed: {title}',
    'initiatives.mail.registered.text':
      'Dear {name},\n\nyour registration for «{title}» ({when}, {place}) is confirmed.\n\nIf you cannot come, cancel it: the place will go to someone waiting.\n{link}\n\nCittà del Noi',
    'initiatives.mail.waiting.subject': 'You are on the waiting list: {title}',
    'initiatives.mail.waiting.text':
      'Dear {name},\n\n«{title}» ({when}, {place}) is full: you are on the waiting list (position {position}). We will write if a place frees up.\n{link}\n\nCittà del Noi',
    'initiatives.mail.promoted.subject': 'A place is free: {title}',
    'initiatives.mail.promoted.text':
      'Dear {name},\n\na place freed up for «{title}» ({when}, {place}): you are now registered.\n\nIf you cannot come, cancel your registration.\n{link}\n\nCittà del Noi',
    'initiatives.mail.cancelled.subject': 'Event cancelled: {title}',
    'initiatives.mail.cancelled.text':
      'Dear {name},\n\nwe are sorry: the event «{title}» of {when} has been cancelled.\n{link}\n\nCittà del Noi',
    'indicator.initiatives.per_year': 'Initiatives started (12 months)',
    'indicator.initiatives.participants': 'Participants present at events (12 months)',
  },
};
