/** Server-side texts of the help-requests module (problems, fields, e-mails). `{param}` placeholders. */
export const helpMessages = {
  it: {
    'resource.help_request': 'la richiesta di aiuto',
    'help.queue.community_point': 'il Punto Comunità del tuo quartiere',
    'help.queue.zone_office': "l'ufficio del servizio sociale della tua zona",
    'help.queue.helpline': 'la linea di ascolto',
    'help.field.outside_city': 'Il punto indicato è fuori dal Comune di {city}.',
    'help.field.unknown_neighbourhood': 'Questo quartiere non esiste: sceglilo dall’elenco.',
    'help.field.cannot_place':
      'Non riusciamo a capire dove ti trovi da questo indirizzo: scegli il quartiere o indica il punto sulla mappa.',
    'help.field.assignee': 'Questa persona non lavora al Punto Comunità della richiesta.',
    'help.field.outcome': 'Scrivi com’è finita la richiesta.',
    'help.field.reason': 'Scrivi il motivo.',
    'help.field.community_point': 'Scegli un altro Punto Comunità attivo di questa città.',
    'problem.help.on_behalf.detail':
      'Solo gli operatori e gli assistenti sociali possono inserire una richiesta per conto di un’altra persona.',
    'problem.help.transition.detail': 'La richiesta è nello stato «{from}»: non può passare a «{to}».',
    'problem.help.already_escalated.detail':
      'La richiesta è già stata segnalata al servizio sociale della zona.',
    'help.mail.received.subject': 'Abbiamo ricevuto la tua richiesta di aiuto ({code})',
    'help.mail.received.text':
      'Gentile {name},\n\nabbiamo ricevuto la tua richiesta ({category}). Se ne occupa {where}: ti contatteremo presto.\n\nCodice per seguire la richiesta: {code}\n{link}\n\nCittà del Noi',
    'help.mail.hub_new.subject': 'Nuova richiesta di aiuto: {category}',
    'help.mail.hub_new.text':
      'È arrivata una nuova richiesta di aiuto (codice {code}, urgenza {urgency}).\n\nApri la richiesta: {link}\n\nCittà del Noi',
    'help.mail.assigned.subject': 'La tua richiesta {code} è stata presa in carico',
    'help.mail.assigned.text':
      'Gentile {name},\n\nuna persona di {where} si sta occupando della tua richiesta {code}.\n\nSegui la richiesta: {link}\n\nCittà del Noi',
    'help.mail.resolved.subject': 'La tua richiesta {code} è stata risolta',
    'help.mail.resolved.text':
      'Gentile {name},\n\nla tua richiesta {code} è stata risolta. Se hai ancora bisogno, chiama {where} o scrivi una nuova richiesta.\n\n{link}\n\nCittà del Noi',
  },
  en: {
    'resource.help_request': 'help request',
    'help.queue.community_point': 'the community point of your neighbourhood',
    'help.queue.zone_office': 'the social-services office of your zone',
    'help.queue.helpline': 'the listening helpline',
    'help.field.outside_city': 'The point is outside the municipality of {city}.',
    'help.field.unknown_neighbourhood': 'This neighbourhood does not exist: choose it from the list.',
    'help.field.cannot_place':
      'We cannot tell where you are from this address: choose the neighbourhood or mark the point on the map.',
    'help.field.assignee': 'This person does not work at the community point of the request.',
    'help.field.outcome': 'Write how the request ended.',
    'help.field.reason': 'Write the reason.',
    'help.field.community_point': 'Choose another active community point of this city.',
    'problem.help.on_behalf.detail':
      'Only operators and social workers can enter a request on behalf of another person.',
    'problem.help.transition.detail': 'The request is «{from}»: it cannot move to «{to}».',
    'problem.help.already_escalated.detail':
      "The request has already been escalated to the zone's social services.",
    'help.mail.received.subject': 'We received your request for help ({code})',
    'help.mail.received.text':
      'Dear {name},\n\nwe received your request ({category}). {where} is taking care of it: we will contact you soon.\n\nCode to follow your request: {code}\n{link}\n\nCittà del Noi',
    'help.mail.hub_new.subject': 'New help request: {category}',
    'help.mail.hub_new.text':
      'A new help request arrived (code {code}, urgency {urgency}).\n\nOpen it: {link}\n\nCittà del Noi',
    'help.mail.assigned.subject': 'Your request {code} has been taken on',
    'help.mail.assigned.text':
      'Dear {name},\n\nsomeone at {where} is taking care of your request {code}.\n\nFollow it: {link}\n\nCittà del Noi',
    'help.mail.resolved.subject': 'Your request {code} has been resolved',
    'help.mail.resolved.text':
      'Dear {name},\n\nyour request {code} has been resolved. If you still need help, call {where} or send a new request.\n\n{link}\n\nCittà del Noi',
  },
};
