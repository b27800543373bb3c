/** Server-side texts of the ideas module (problems, fields, e-mails). `{param}` placeholders. */
export const ideaMessages = {
  it: {
    'resource.idea_call': 'il bando',
    'resource.proposal': 'la proposta',
    'resource.proposal_file': 'il documento',
    'resource.thematic_table': 'il tavolo tematico',
    'ideas.status.received': 'ricevuta',
    'ideas.status.under_review': 'in valutazione',
    'ideas.status.changes_requested': 'modifiche richieste',
    'ideas.status.accepted': 'accolta',
    'ideas.status.not_accepted': 'non accolta',
    'ideas.status.withdrawn': 'ritirata',
    'ideas.event.resubmitted': 'Proposta modificata e ripresentata.',
    'ideas.field.file_type':
      'Il file «{name}» non è un PDF, un’immagine JPEG o PNG o un documento ODT/DOCX (controlliamo il contenuto, non il nome).',
    'ideas.field.file_base64': 'Il file «{name}» non è stato ricevuto correttamente: riprova a caricarlo.',
    'ideas.field.document_missing': 'Manca il documento richiesto «{label}».',
    'ideas.field.document_unknown': 'Il bando non chiede un documento «{code}».',
    'ideas.field.kind_not_eligible': 'Questo bando non accetta proposte di questo tipo.',
    'ideas.field.proposer_name': 'Scrivi il nome del gruppo o dell’organizzazione.',
    'ideas.field.organisation': 'Puoi proporre per un’organizzazione solo se ne sei amministratore.',
    'ideas.field.neighbourhood': 'Questo quartiere non esiste: sceglilo dall’elenco.',
    'ideas.field.reasons': 'Scrivi le motivazioni (almeno 10 caratteri): le leggerà chi ha proposto.',
    'ideas.field.users': 'Queste persone non sono utenti della città: {ids}.',
    'ideas.field.table': 'Scegli un tavolo tematico di questa città.',
    'ideas.field.document_codes': 'I codici dei documenti devono essere diversi tra loro.',
    'ideas.field.initiative_neighbourhood':
      'La proposta non indica un quartiere: scegli il quartiere dell’iniziativa che nasce.',
    'problem.ideas.call_closed.detail': 'Il bando «{title}» è chiuso: non accoglie nuove proposte.',
    'problem.ideas.transition.detail': 'La proposta è «{from}»: non può passare a «{to}».',
    'problem.ideas.not_reviewer.detail':
      'Solo i componenti del tavolo tematico del bando (o il Comune) possono farlo.',
    'problem.ideas.not_proposer.detail': 'Solo chi ha presentato la proposta può farlo.',
    'problem.ideas.decided.detail': 'La proposta è già stata decisa («{status}»): non si può più cambiare.',
    'problem.ideas.not_editable.detail':
      'La proposta è «{status}»: puoi modificarla solo appena inviata o quando ti chiedono modifiche.',
    'problem.ideas.file_too_big.detail': 'Il file «{name}» supera {max} MB.',
    'problem.ideas.proposal_too_big.detail': 'I documenti insieme superano {max} MB.',
    'problem.ideas.too_many_files.detail': 'Puoi allegare al massimo {max} documenti.',
    'problem.ideas.slug_taken.detail': 'Esiste già un elemento con questo nome.',
    'ideas.mail.status.subject': 'La tua proposta «{title}»: {status}',
    'ideas.mail.status.text':
      'Gentile {name},\n\nla tua proposta «{title}» ora è: {status}.\n{reasons}\nSegui la proposta: {link}\n\nCittà del Noi',
    'ideas.mail.reasons': 'Motivazioni: {reasons}\n',
    'ideas.mail.table.arrived.subject': 'Nuova proposta da valutare: «{title}»',
    'ideas.mail.table.arrived.text':
      "Gentile {name},\n\nal bando «{call}» è arrivata la proposta «{title}», che il tuo tavolo tematico deve valutare.\n\nLa trovi qui (serve l'accesso): {link}\n\nCittà del Noi",
    'ideas.mail.table.resubmitted.subject': 'Proposta modificata da rivalutare: «{title}»',
    'ideas.mail.table.resubmitted.text':
      "Gentile {name},\n\nla proposta «{title}» (bando «{call}») è stata modificata come chiesto dal tavolo ed è di nuovo in valutazione.\n\nLa trovi qui (serve l'accesso): {link}\n\nCittà del Noi",
    'ideas.mail.received.subject': 'Abbiamo ricevuto la tua proposta «{title}»',
    'ideas.mail.received.text':
      'Gentile {name},\n\nabbiamo ricevuto la tua proposta «{title}» per il bando «{call}». Il tavolo tematico la valuterà e ti scriveremo a ogni passaggio.\n\nSegui la proposta: {link}\n\nCittà del Noi',
  },
  en: {
    'resource.idea_call': 'call for ideas',
    'resource.proposal': 'proposal',
    'resource.proposal_file': 'document',
    'resource.thematic_table': 'thematic table',
    'ideas.status.received': 'received',
    'ideas.status.under_review': 'under review',
    'ideas.status.changes_requested': 'changes requested',
    'ideas.status.accepted': 'accepted',
    'ideas.status.not_accepted': 'not accepted',
    'ideas.status.withdrawn': 'withdrawn',
    'ideas.event.resubmitted': 'Proposal changed and submitted again.',
    'ideas.field.file_type':
      'The file «{name}» is not a PDF, a JPEG or PNG image or an ODT/DOCX document (we check the content, not the name).',
    'ideas.field.file_base64': 'The file «{name}» was not received correctly: upload it again.',
    'ideas.field.document_missing': 'The required document «{label}» is missing.',
    'ideas.field.document_unknown': 'The call asks for no document «{code}».',
    'ideas.field.kind_not_eligible': 'This call does not take proposals of this kind.',
    'ideas.field.proposer_name': 'Write the name of the group or organisation.',
    'ideas.field.organisation': 'You may propose for an organisation only as its administrator.',
    'ideas.field.neighbourhood': 'This neighbourhood does not exist: choose it from the list.',
    'ideas.field.reasons': 'Write the reasons (at least 10 characters): the proposer will read them.',
    'ideas.field.users': 'These people are not users of the city: {ids}.',
    'ideas.field.table': 'Choose a thematic table of this city.',
    'ideas.field.document_codes': 'Document codes must differ from one another.',
    'ideas.field.initiative_neighbourhood':
      'The proposal names no neighbourhood: choose the neighbourhood of the initiative it becomes.',
    'problem.ideas.call_closed.detail': 'The call «{title}» is closed: it takes no new proposals.',
    'problem.ideas.transition.detail': 'The proposal is «{from}»: it cannot move to «{to}».',
    'problem.ideas.not_reviewer.detail':
      'Only the members of the call’s thematic table (or the city) may do this.',
    'problem.ideas.not_proposer.detail': 'Only the proposer may do this.',
    'problem.ideas.decided.detail': 'The proposal has been decided («{status}»): it can no longer change.',
    'problem.ideas.not_editable.detail':
      'The proposal is «{status}»: you may change it only just after sending it or when changes are asked.',
    'problem.ideas.file_too_big.detail': 'The file «{name}» is larger than {max} MB.',
    'problem.ideas.proposal_too_big.detail': 'The documents together are larger than {max} MB.',
    'problem.ideas.too_many_files.detail': 'You may attach at most {max} documents.',
    'problem.ideas.slug_taken.detail': 'Something with this name already exists.',
    'ideas.mail.status.subject': 'Your proposal «{title}»: {status}',
    'ideas.mail.status.text':
      'Dear {name},\n\nyour proposal «{title}» is now: {status}.\n{reasons}\nFollow the proposal: {link}\n\nCittà del Noi',
    'ideas.mail.reasons': 'Reasons: {reasons}\n',
    'ideas.mail.table.arrived.subject': 'A new proposal to review: «{title}»',
    'ideas.mail.table.arrived.text':
      'Dear {name},\n\nthe proposal «{title}» has arrived for the call «{call}», and your thematic table is to review it.\n\nIt is here (sign-in needed): {link}\n\nCittà del Noi',
    'ideas.mail.table.resubmitted.subject': 'A changed proposal to review again: «{title}»',
    'ideas.mail.table.resubmitted.text':
      'Dear {name},\n\nthe proposal «{title}» (call «{call}») has been changed as the table asked and is under review again.\n\nIt is here (sign-in needed): {link}\n\nCittà del Noi',
    'ideas.mail.received.subject': 'We have received your proposal «{title}»',
    'ideas.mail.received.text':
      'Dear {name},\n\nwe have received your proposal «{title}» for the call «{call}». The thematic table will review it and we will write to you at every step.\n\nFollow the proposal: {link}\n\nCittà del Noi',
  },
};
