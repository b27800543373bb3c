import type { Catalog, Lang } from '../../kernel/i18n/messages.ts';

export const messages: Record<Lang, Catalog> = {
  it: {
    'identity.login_failed': 'E-mail o password non corretti.',
    'identity.login_throttled':
      'Troppi tentativi di accesso non riusciti. Riprova tra 15 minuti o reimposta la password.',
    'identity.token_invalid': 'Il link non è valido: è scaduto o è già stato usato. Chiedine uno nuovo.',
    'identity.email_taken': 'Esiste già un account con questo indirizzo e-mail.',
    'identity.wrong_password': 'La password attuale non è corretta.',
    'identity.not_yourself': 'Non puoi disattivare il tuo stesso account.',
    'identity.oidc_failed': 'L’accesso con SPID o CIE non è riuscito. Riprova.',
    'identity.oidc_not_configured': 'L’accesso con SPID o CIE non è attivo in questa città.',
    'identity.oidc_unavailable':
      'Il servizio di accesso con SPID o CIE non risponde in questo momento. Riprova tra qualche minuto.',
    'identity.oidc_inactive': 'Il tuo account è disattivato. Rivolgiti al Comune per riattivarlo.',
    'identity.oidc_missing_email':
      'Per creare il tuo account serve un indirizzo e-mail, ma il gestore dell’identità non l’ha comunicato.',
    'identity.oidc_email_taken':
      'Esiste già un account con questo indirizzo e-mail. Accedi con e-mail e password e conferma l’indirizzo, poi riprova con SPID o CIE.',
    'problem.break_glass.detail':
      'Questo fascicolo è fuori dal tuo ambito. Per aprirlo devi indicare il motivo: resterà registrato.',
    'resource.user': 'l’utente',
    'identity.mail.reset.subject': 'Città del Noi: scegli una nuova password',
    'identity.mail.reset.text':
      'Ciao,\n\nper scegliere una nuova password apri questo link entro un’ora:\n{link}\n\nSe non hai chiesto tu di cambiare la password, ignora questo messaggio: la password resta quella di prima.\n\nCittà del Noi',
    'identity.mail.verify.subject': 'Città del Noi: conferma il tuo indirizzo e-mail',
    'identity.mail.verify.text':
      'Ciao,\n\nper confermare il tuo indirizzo e-mail apri questo link:\n{link}\n\nCittà del Noi',
    'identity.mail.invite.subject': 'Il tuo account su Città del Noi – {city}',
    'identity.mail.invite.text':
      'Ciao {name},\n\nè stato creato un account per te su Città del Noi. Per scegliere la tua password apri questo link entro un’ora:\n{link}\n\nCittà del Noi',
  },
  en: {
    'identity.login_failed': 'Wrong e-mail or password.',
    'identity.login_throttled':
      'Too many failed sign-in attempts. Try again in 15 minutes or reset your password.',
    'identity.token_invalid': 'The link is not valid: it has expired or was already used. Ask for a new one.',
    'identity.email_taken': 'There is already an account with this e-mail address.',
    'identity.wrong_password': 'The current password is not correct.',
    'identity.not_yourself': 'You cannot deactivate your own account.',
    'identity.oidc_failed': 'Signing in with SPID or CIE did not work. Please try again.',
    'identity.oidc_not_configured': 'Signing in with SPID or CIE is not enabled in this city.',
    'identity.oidc_unavailable':
      'The SPID or CIE sign-in service is not answering right now. Please try again in a few minutes.',
    'identity.oidc_inactive': 'Your account is deactivated. Contact the municipality to reactivate it.',
    'identity.oidc_missing_email':
      'An e-mail address is needed to create your account, but the identity provider did not send one.',
    'identity.oidc_email_taken':
      'There is already an account with this e-mail address. Sign in with e-mail and password and confirm the address, then try SPID or CIE again.',
    'problem.break_glass.detail':
      'This record is outside your scope. To open it you must give a reason: it will be logged.',
    'resource.user': 'user',
    'identity.mail.reset.subject': 'Città del Noi: choose a new password',
    'identity.mail.reset.text':
      'Hello,\n\nto choose a new password open this link within one hour:\n{link}\n\nIf you did not ask to change your password, ignore this message: your password stays as it was.\n\nCittà del Noi',
    'identity.mail.verify.subject': 'Città del Noi: confirm your e-mail address',
    'identity.mail.verify.text':
      'Hello,\n\nto confirm your e-mail address open this link:\n{link}\n\nCittà del Noi',
    'identity.mail.invite.subject': 'Your Città del Noi account – {city}',
    'identity.mail.invite.text':
      'Hello {name},\n\nan account was created for you on Città del Noi. To choose your password open this link within one hour:\n{link}\n\nCittà del Noi',
  },
};
