/** Server-side texts of the helpline (problems, fields, the help request's history). `{param}` placeholders. */
export const helplineMessages = {
  it: {
    'resource.helpline_call': 'la chiamata della linea di ascolto',
    'resource.helpline_shift': 'il turno della linea di ascolto',
    'helpline.field.not_psychologist':
      'Questa persona non è una psicologa o uno psicologo attivo della linea di ascolto.',
    'helpline.field.off_shift': 'Questa persona non è di turno adesso.',
    'helpline.field.overlap': 'Si sovrappone a un altro turno della stessa persona ({start}–{end}).',
    'helpline.field.end_after_start': 'La fine del turno deve venire dopo l’inizio.',
    'helpline.field.time': 'Scrivi un orario come 09:30 (da 00:00 a 24:00).',
    'problem.helpline.not_helpline.detail':
      'Questa parte è riservata alle psicologhe e agli psicologi della linea di ascolto e alla supervisione.',
    'problem.helpline.supervisor_only.detail': 'Solo la supervisione della linea di ascolto può farlo.',
    'problem.helpline.psychologists_only.detail':
      'Solo una psicologa o uno psicologo di turno può prendere una chiamata.',
    'problem.helpline.off_shift.detail':
      'Non sei di turno adesso: puoi prendere chiamate solo durante il tuo turno.',
    'problem.helpline.not_holder.detail':
      'Questa chiamata è seguita da un’altra persona: solo lei e la supervisione possono farlo.',
    'problem.helpline.taken.detail': 'Questa chiamata è già stata presa da un’altra persona.',
    'problem.helpline.closed.detail': 'Questa chiamata è già chiusa.',
    'problem.helpline.not_taken.detail': 'Questa chiamata è già in coda: nessuno la sta seguendo.',
    'helpline.history.taken': 'Presa dalla linea di ascolto.',
    'helpline.history.assigned': 'Assegnata dalla supervisione della linea di ascolto.',
    'helpline.history.attempt': 'Linea di ascolto: chiamata senza risposta (tentativo {n}).',
    'helpline.history.released': 'Rimessa in coda della linea di ascolto.',
    'helpline.history.queue': 'la coda della linea di ascolto',
    'helpline.history.outcome': 'Linea di ascolto: {outcome}.',
    'helpline.outcome.talked': 'colloquio svolto',
    'helpline.outcome.referred': 'indirizzata a un servizio',
    'helpline.outcome.emergency': 'attivati i servizi di emergenza',
    'helpline.outcome.unreachable': 'persona non raggiungibile',
    'helpline.outcome.declined': 'la persona non desidera supporto',
  },
  en: {
    'resource.helpline_call': 'helpline call',
    'resource.helpline_shift': 'helpline shift',
    'helpline.field.not_psychologist': 'This person is not an active psychologist of the helpline.',
    'helpline.field.off_shift': 'This person is not on shift now.',
    'helpline.field.overlap': 'It overlaps another shift of the same person ({start}–{end}).',
    'helpline.field.end_after_start': 'The shift must end after it starts.',
    'helpline.field.time': 'Write a time like 09:30 (from 00:00 to 24:00).',
    'problem.helpline.not_helpline.detail':
      "This part is for the helpline's psychologists and its supervisor.",
    'problem.helpline.supervisor_only.detail': "Only the helpline's supervisor can do this.",
    'problem.helpline.psychologists_only.detail': 'Only a psychologist on shift can take a call.',
    'problem.helpline.off_shift.detail':
      'You are not on shift now: you can take calls only during your shift.',
    'problem.helpline.not_holder.detail':
      'Someone else is handling this call: only they and the supervisor can do this.',
    'problem.helpline.taken.detail': 'Someone else has already taken this call.',
    'problem.helpline.closed.detail': 'This call is already closed.',
    'problem.helpline.not_taken.detail': 'This call is already in the queue: nobody is handling it.',
    'helpline.history.taken': 'Taken by the helpline.',
    'helpline.history.assigned': "Assigned by the helpline's supervisor.",
    'helpline.history.attempt': 'Helpline: called, no answer (attempt {n}).',
    'helpline.history.released': "Back in the helpline's queue.",
    'helpline.history.queue': "the helpline's queue",
    'helpline.history.outcome': 'Helpline: {outcome}.',
    'helpline.outcome.talked': 'talked with the person',
    'helpline.outcome.referred': 'referred to a service',
    'helpline.outcome.emergency': 'emergency services called',
    'helpline.outcome.unreachable': 'could not reach the person',
    'helpline.outcome.declined': 'the person does not want support',
  },
};
