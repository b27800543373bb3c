import type { Catalog, Lang } from '../../kernel/i18n/messages.ts';

/**
 * The mail to a Punto Comunità when one of its requests had no first contact in time. No personal
 * data of the person: tracking code, category, urgency, deadline and the link to the desk.
 * Params: code, category, urgency, due, link.
 */
export const slaMessages: Record<Lang, Catalog> = {
  it: {
    'help.sla.mail.subject': 'Richiesta {code}: primo contatto in ritardo',
    'help.sla.mail.text':
      'Buongiorno,\n\nla richiesta di aiuto {code} ({category}, urgenza {urgency}) non ha ancora avuto un primo contatto: il termine era {due}.\nLa richiesta è stata segnalata anche ai servizi sociali della zona.\n\nPer aprirla: {link}\n\nCittà del Noi',
  },
  en: {
    'help.sla.mail.subject': 'Request {code}: first contact overdue',
    'help.sla.mail.text':
      'Hello,\n\nthe request for help {code} ({category}, urgency {urgency}) has not had a first contact yet: it was due by {due}.\nThe request has also been flagged to the zone’s social services.\n\nTo open it: {link}\n\nCittà del Noi',
  },
};
