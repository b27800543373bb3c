/** Server-side texts of the network module (problems, fields, e-mails). `{param}` placeholders. */
export const networkMessages = {
  it: {
    'resource.network_thread': 'la discussione',
    'network.the_city': 'il Comune',
    'network.field.unknown_hubs':
      'Questi Punti Comunità non sono attivi in questa città: {slugs}. Sceglili dall’elenco.',
    'network.field.other_hub': 'Scegli almeno un altro Punto Comunità con cui parlare.',
    'network.field.from': 'Non lavori per questo Punto Comunità in questa discussione.',
    'network.field.choose_from': 'Scegli per quale Punto Comunità scrivi.',
    'network.field.announcement_from': 'Un avviso a tutti i Punti è scritto dal Comune.',
    'network.field.no_hubs': 'Questa città non ha ancora Punti Comunità attivi.',
    'problem.network.announce_city_only.detail':
      'Solo il Comune può mandare un avviso a tutti i Punti Comunità.',
    'network.mail.subject': '[Rete dei Punti {tag}] {subject}',
    'network.mail.new_thread':
      '{who} ha aperto la discussione «{subject}» nella Rete dei Punti Comunità.\n\nLeggi e rispondi: {link}\n\nPer questa discussione riceverete al massimo un avviso ogni {minutes} minuti.\n\nCittà del Noi',
    'network.mail.new_message':
      '{who} ha scritto nella discussione «{subject}» della Rete dei Punti Comunità.\n\nLeggi e rispondi: {link}\n\nPer questa discussione riceverete al massimo un avviso ogni {minutes} minuti.\n\nCittà del Noi',
  },
  en: {
    'resource.network_thread': 'thread',
    'network.the_city': 'the City',
    'network.field.unknown_hubs':
      'These community points are not active in this city: {slugs}. Choose from the list.',
    'network.field.other_hub': 'Choose at least one other community point to talk with.',
    'network.field.from': 'You do not work for this community point in this thread.',
    'network.field.choose_from': 'Choose which community point you are writing for.',
    'network.field.announcement_from': 'An announcement to every community point is written by the City.',
    'network.field.no_hubs': 'This city has no active community points yet.',
    'problem.network.announce_city_only.detail':
      'Only the City can send an announcement to every community point.',
    'network.mail.subject': '[Hubs network {tag}] {subject}',
    'network.mail.new_thread':
      '{who} started the thread «{subject}» in the community points network.\n\nRead and reply: {link}\n\nFor this thread you get at most one notice every {minutes} minutes.\n\nCittà del Noi',
    'network.mail.new_message':
      '{who} wrote in the thread «{subject}» of the community points network.\n\nRead and reply: {link}\n\nFor this thread you get at most one notice every {minutes} minutes.\n\nCittà del Noi',
  },
};
