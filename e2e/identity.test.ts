import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/service/accounts.ts';
import { issueToken } from '../src/modules/identity/service/tokens.ts';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const admin = 'admin@demo.cittadelnoi.it';
const citizen = 'cittadino@demo.cittadelnoi.it';

let e: E2E;
beforeAll(async () => {
  // Many sign-ins from one address in a minute: more than the default limit lets through.
  e = await startE2E({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200' } });
});
afterAll(async () => {
  await e?.close();
});

const h1 = (page: Page) => page.locator('h1').first().textContent();
const path = (page: Page) => new URL(page.url()).pathname;

/** A person of Brescia, the city the tests browse (the template also holds Testopoli). */
async function userId(email: string): Promise<{ cityId: number; userId: string }> {
  const { rows } = await e.t.database.pool.query<{ city_id: number; user_id: string }>(
    `SELECT city_id, user_id FROM users
      WHERE city_id = (SELECT city_id FROM cities WHERE code = 'brescia') AND lower(email) = lower($1)`,
    [email],
  );
  return { cityId: rows[0]!.city_id, userId: rows[0]!.user_id };
}

describe('signing in and out', () => {
  it('the sign-in page is accessible, and a wrong password says so in an alert that takes the focus', async () => {
    const page = await e.page();
    await page.goto('/accedi');
    await expect.poll(() => h1(page)).toBe('Accedi');
    expect(await page.title()).toBe('Accedi · Città del Noi');
    expect(await page.locator('#login-email').getAttribute('autocomplete')).toBe('email');
    expect(await page.locator('#login-password').getAttribute('autocomplete')).toBe('current-password');
    expect(await page.getByRole('link', { name: 'Hai dimenticato la password?' }).count()).toBe(1);
    // No SPID / CIE configured in tests: no button for it.
    expect(await page.getByRole('link', { name: /SPID/ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#login-email-error').textContent()).toBe('Scrivi il tuo indirizzo e-mail.');
    expect(await page.locator('#login-email').getAttribute('aria-describedby')).toBe('login-email-error');

    await page.getByLabel('Indirizzo e-mail').fill(admin);
    await page.getByLabel('Password', { exact: true }).fill('non-è-questa');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('E-mail o password non corretti.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(path(page)).toBe('/accedi');
    expect(await page.locator('header').getByRole('link', { name: 'Accedi' }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('signs in with the keyboard alone, shows the name in the header and goes to the profile', async () => {
    const page = await e.page();
    await page.goto('/accedi');
    await page.locator('#login-email').focus();
    await page.keyboard.type(admin);
    await page.keyboard.press('Tab');
    await page.keyboard.type('cittadelnoi');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${e.base}/profilo`);
    await expect.poll(() => h1(page)).toBe('Il tuo profilo');
    expect(
      await page
        .locator('header')
        .getByRole('link', { name: /Amministrazione \(demo\)/ })
        .count(),
    ).toBe(1);
    expect(await page.locator('header').getByRole('button', { name: 'Esci' }).count()).toBe(1);
    expect(await page.locator('header').getByRole('link', { name: 'Accedi' }).count()).toBe(0);
    // The navigation follows who is signed in, without reloading the page.
    await expect.poll(() => page.locator('#noi-nav').getByRole('link', { name: 'Utenti' }).count()).toBe(1);
    await page.locator('header').getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL(`${e.base}/accedi`);
    await expect.poll(() => page.locator('#noi-nav').getByRole('link', { name: 'Utenti' }).count()).toBe(0);
    expect(await page.locator('header').getByRole('link', { name: 'Accedi' }).count()).toBe(1);
  });

  it('offers SPID / CIE only when the city has it, with the label the API gives', async () => {
    const page = await e.page();
    await page.route('**/api/v1/auth/providers', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ password: true, oidc: { label: 'Entra con SPID / CIE' } }),
      }),
    );
    await page.goto('/accedi?next=%2Fadmin%2Futenti');
    const button = page.getByRole('link', { name: 'Entra con SPID / CIE' });
    await button.waitFor();
    expect(await button.getAttribute('href')).toBe('/api/v1/auth/oidc/start?next=%2Fadmin%2Futenti');
    await expectNoAxeViolations(page);
  });

  it('goes on to the page asked for with ?next=, but never to another site', async () => {
    const page = await e.page();
    await page.goto('/admin/registro');
    await page.waitForURL((u) => u.pathname === '/accedi');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/registro');
    await page.locator('#login-email').fill(admin);
    await page.locator('#login-password').fill('cittadelnoi');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/registro');
    await expect.poll(() => h1(page)).toBe('Registro delle attività');

    const other = await e.page();
    await signIn(other, citizen, undefined, '//evil.example/x');
    expect(other.url()).toBe(`${e.base}/profilo`);
  });

  it('the profile shows name, e-mail and roles in plain words; signing out goes back to "Accedi"', async () => {
    const page = await e.page();
    await signIn(page, 'assistente.nord@demo.cittadelnoi.it');
    await page.goto('/profilo');
    await expect.poll(() => h1(page)).toBe('Il tuo profilo');
    expect(await page.getByLabel('Nome e cognome').inputValue()).toBe('Assistente sociale Zona Nord (demo)');
    expect(await page.getByText('assistente.nord@demo.cittadelnoi.it').count()).toBe(1);
    expect(await page.getByText('Confermato', { exact: true }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('my-roles').textContent())
      .toBe('Assistente sociale — Zona Nord');
    // Not an admin: no admin entries in the navigation.
    expect(await page.locator('#noi-nav').getByRole('link', { name: 'Utenti' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.locator('header').getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL((u) => u.pathname === '/accedi');
    await page.getByText('Sei uscito dal tuo account.').waitFor();
    expect(await page.locator('header').getByRole('link', { name: 'Accedi' }).count()).toBe(1);
    await page.goto('/profilo');
    await page.waitForURL((u) => u.pathname === '/accedi');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/profilo');
  });

  it('changes the name (the header follows) and the password', async () => {
    const page = await e.page();
    await signIn(page, 'ricercatore@demo.cittadelnoi.it');
    await page.goto('/profilo');
    await expect.poll(() => h1(page)).toBe('Il tuo profilo');
    await expect.poll(() => page.getByTestId('my-roles').textContent()).toBe('Ricercatore — Tutta la città');

    await page.getByLabel('Nome e cognome').fill('Giulia Ricci');
    await page.getByRole('button', { name: 'Salva il nome' }).click();
    await page.getByText('Nome salvato.').waitFor();
    expect(
      await page
        .locator('header')
        .getByRole('link', { name: /Giulia Ricci/ })
        .count(),
    ).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('Nome e cognome').inputValue()).toBe('Giulia Ricci');

    // Too short, then not matching: told next to the fields, before anything is sent.
    await page.getByLabel('Password attuale').fill('cittadelnoi');
    await page.getByLabel('Nuova password', { exact: true }).fill('corta');
    await page.getByLabel('Ripeti la nuova password').fill('corta');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText('La password deve avere almeno 10 caratteri.').waitFor();
    await page.getByLabel('Nuova password', { exact: true }).fill('una frase lunga e sicura');
    await page.getByLabel('Ripeti la nuova password').fill('una frase lunga e diversa');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText('Le due password non sono uguali.').waitFor();
    expect(await page.getByLabel('Ripeti la nuova password').getAttribute('aria-invalid')).toBe('true');
    // A wrong current password: the API's message, on the field.
    await page.getByLabel('Password attuale').fill('sbagliata!!');
    await page.getByLabel('Ripeti la nuova password').fill('una frase lunga e sicura');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.locator('#profile-current-password-error').waitFor();
    expect(await page.locator('#profile-current-password-error').textContent()).toBe(
      'La password attuale non è corretta.',
    );
    await expectNoAxeViolations(page);
    await page.getByLabel('Password attuale').fill('cittadelnoi');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText('Password cambiata.', { exact: false }).waitFor();

    const again = await e.page();
    await signIn(again, 'ricercatore@demo.cittadelnoi.it', 'una frase lunga e sicura');
    expect(
      await again
        .locator('header')
        .getByRole('link', { name: /Giulia Ricci/ })
        .count(),
    ).toBe(1);
  });

  it('"Esci da tutti i dispositivi" ends the sessions on the other devices too', async () => {
    const phone = await e.page();
    const laptop = await e.page();
    await signIn(phone, 'assistente.sud@demo.cittadelnoi.it');
    await signIn(laptop, 'assistente.sud@demo.cittadelnoi.it');
    await laptop.goto('/profilo');
    await laptop.getByRole('button', { name: 'Esci da tutti i dispositivi' }).click();
    await laptop.waitForURL((u) => u.pathname === '/accedi');
    await laptop.getByText('Sei uscito dal tuo account su tutti i dispositivi.').waitFor();
    await phone.goto('/profilo');
    await phone.waitForURL((u) => u.pathname === '/accedi');
  });

  it('works in English too', async () => {
    const page = await e.page();
    await page.goto('/accedi');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Sign in');
    expect(await page.getByLabel('E-mail address').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Forgot your password?' }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});

describe('forgotten password, reset and e-mail confirmation', () => {
  it('the forgotten-password page answers the same neutral words for any address', async () => {
    for (const address of [citizen, 'nessuno@example.org']) {
      const page = await e.page();
      await page.goto('/accedi');
      await page.getByRole('link', { name: 'Hai dimenticato la password?' }).click();
      await expect.poll(() => h1(page)).toBe('Password dimenticata');
      await expectNoAxeViolations(page);
      await page.getByLabel('Indirizzo e-mail').fill(address);
      await page.getByRole('button', { name: 'Mandami il link' }).click();
      await page.getByText('Se esiste un account con questo indirizzo').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
      await expectNoAxeViolations(page);
    }
  });

  it('a bad or missing link says it has expired or was used, with the way to ask for a new one', async () => {
    for (const url of ['/reimposta-password?token=questo-link-non-vale-niente-0000', '/reimposta-password']) {
      const page = await e.page();
      await page.goto(url);
      await expect.poll(() => h1(page)).toBe('Scegli una nuova password');
      if (url.includes('token')) {
        await page.getByLabel('Nuova password', { exact: true }).fill('una password nuova');
        await page.getByLabel('Ripeti la nuova password').fill('una password nuova');
        await page.getByRole('button', { name: 'Salva la nuova password' }).click();
      }
      await page.getByText('Il link è scaduto o è già stato usato').waitFor();
      expect(await page.getByRole('link', { name: 'Chiedi un nuovo link' }).getAttribute('href')).toBe(
        '/password-dimenticata',
      );
      await expectNoAxeViolations(page);
    }
  });

  it('a good link sets the new password once, then signing in works with it', async () => {
    const { cityId } = await userId(admin);
    const person = await createUser(e.t.database.pool, cityId, {
      email: 'invitata@example.org',
      displayName: 'Persona invitata',
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    });
    const token = await issueToken(e.t.database.pool, cityId, person.id, 'reset');
    const page = await e.page();
    await page.goto(`/reimposta-password?token=${token}`);
    await expect.poll(() => h1(page)).toBe('Scegli una nuova password');
    expect(await page.getByLabel('Nuova password', { exact: true }).getAttribute('autocomplete')).toBe(
      'new-password',
    );
    await page.getByLabel('Nuova password', { exact: true }).fill('la mia nuova password');
    await page.getByLabel('Ripeti la nuova password').fill('la mia nuova pasword');
    await page.getByRole('button', { name: 'Salva la nuova password' }).click();
    await page.getByText('Le due password non sono uguali.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await expectNoAxeViolations(page);
    await page.getByLabel('Ripeti la nuova password').fill('la mia nuova password');
    await page.getByRole('button', { name: 'Salva la nuova password' }).click();
    await page.getByText('la tua nuova password è salvata').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Vai alla pagina di accesso' }).click();
    await expect.poll(() => h1(page)).toBe('Accedi');
    await signIn(page, 'invitata@example.org', 'la mia nuova password');
    // The same link a second time: already used.
    const again = await e.page();
    await again.goto(`/reimposta-password?token=${token}`);
    await again.getByLabel('Nuova password', { exact: true }).fill('ancora un’altra password');
    await again.getByLabel('Ripeti la nuova password').fill('ancora un’altra password');
    await again.getByRole('button', { name: 'Salva la nuova password' }).click();
    await again.getByText('Il link è scaduto o è già stato usato').waitFor();
  });

  it('the e-mail confirmation link confirms the address on opening, and only once', async () => {
    const { cityId, userId: id } = await userId('assistente.sud@demo.cittadelnoi.it');
    await e.t.database.pool.query('UPDATE users SET email_verified_at = NULL WHERE user_id = $1', [id]);
    const page = await e.page();
    await signIn(page, 'assistente.sud@demo.cittadelnoi.it');
    await page.goto('/profilo');
    await page.getByText('Non ancora confermato').waitFor();
    await page.getByRole('button', { name: 'Mandami l’e-mail di conferma' }).click();
    await page.getByText('Ti abbiamo mandato un’e-mail a assistente.sud@demo.cittadelnoi.it').waitFor();
    await expectNoAxeViolations(page);

    const token = await issueToken(e.t.database.pool, cityId, id, 'verify');
    await page.goto(`/verifica-email?token=${token}`);
    await page.getByText('il tuo indirizzo e-mail è confermato').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Vai al tuo profilo' }).click();
    await page.getByText('Confermato', { exact: true }).waitFor();

    await page.goto(`/verifica-email?token=${token}`);
    await page.getByText('Il link è scaduto o è già stato usato').waitFor();
    await expectNoAxeViolations(page);
  });
});

describe('administration', () => {
  it('a citizen opening the users page is told it is not for them', async () => {
    const page = await e.page();
    await signIn(page, citizen);
    await page.goto('/admin/utenti');
    await expect.poll(() => h1(page)).toBe('Non puoi vedere questa pagina');
    await expectNoAxeViolations(page);
    await page.goto('/admin/registro');
    await expect.poll(() => h1(page)).toBe('Non puoi vedere questa pagina');
  });

  let page: Page;
  beforeAll(async () => {
    page = await e.page();
    await signIn(page, admin);
  });

  it('an admin finds the admin pages in the navigation and in the profile', async () => {
    await page.goto('/profilo');
    await expect
      .poll(() => page.getByTestId('my-roles').textContent())
      .toBe('Amministratore del Comune — Tutta la città');
    await expect.poll(() => page.locator('#noi-nav').getByRole('link', { name: 'Utenti' }).count()).toBe(1);
    await page.locator('#noi-nav').getByRole('link', { name: 'Registro delle attività' }).waitFor();
    await page.locator('#main').getByRole('link', { name: 'Utenti' }).click();
    await expect.poll(() => h1(page)).toBe('Utenti');
  });

  it('lists the users, searches, filters by role, opens one, deactivates and reactivates it', async () => {
    const { cityId } = await userId(admin);
    const { rows } = await e.t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users WHERE city_id = $1',
      [cityId],
    );
    const n = rows[0]!.n;
    await page.goto('/admin/utenti');
    await expect.poll(() => page.getByText(`${n} utenti trovati.`).count()).toBe(1);
    // 50 a page (the demo has hundreds of volunteers' accounts): the last page holds the rest.
    expect(await page.locator('tbody tr').count()).toBe(Math.min(n, 50));
    await expectNoAxeViolations(page);
    if (n > 50) {
      const last = Math.ceil(n / 50);
      await page.goto(`/admin/utenti?page=${last}`);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(n - (last - 1) * 50);
    }

    await page.getByLabel('Nome o indirizzo e-mail').fill('assistente');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => page.getByText('2 utenti trovati.').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('assistente');
    await page.getByLabel('Nome o indirizzo e-mail').fill('');
    await page.getByLabel('Ruolo', { exact: true }).selectOption('city_admin');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => page.getByText('1 utente trovato.').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain('Amministratore del Comune — Tutta la città');

    await page.goto('/admin/utenti?q=sud');
    await page.getByRole('link', { name: 'Assistente sociale Zona Sud (demo)' }).click();
    await expect.poll(() => h1(page)).toBe('Assistente sociale Zona Sud (demo)');
    expect(await page.getByTestId('user-state').textContent()).toBe('Attivo');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Disattiva l’account' }).click();
    await page.getByText('Account disattivato: la persona non può più accedere.').waitFor();
    expect(await page.getByTestId('user-state').textContent()).toBe('Disattivato');
    const other = await e.page();
    await other.goto('/accedi');
    await other.locator('#login-email').fill('assistente.sud@demo.cittadelnoi.it');
    await other.locator('#login-password').fill('cittadelnoi');
    await other.getByRole('button', { name: 'Accedi', exact: true }).click();
    await expect
      .poll(() => other.getByRole('alert').textContent())
      .toContain('E-mail o password non corretti.');

    await page.getByRole('button', { name: 'Riattiva l’account' }).click();
    await page.getByText('Account riattivato: la persona può accedere di nuovo.').waitFor();
    expect(await page.getByTestId('user-state').textContent()).toBe('Attivo');
    await expectNoAxeViolations(page);
  });

  it('changes the roles of a user', async () => {
    await page.goto('/admin/utenti?q=assistente.nord');
    await page.getByRole('link', { name: 'Assistente sociale Zona Nord (demo)' }).click();
    await expect.poll(() => h1(page)).toBe('Assistente sociale Zona Nord (demo)');
    await page.getByRole('button', { name: 'Aggiungi un ruolo' }).click();
    const row = page.getByRole('group', { name: 'Ruolo 2' });
    await row.getByLabel('Ruolo', { exact: true }).selectOption('social_worker');
    await expect.poll(() => row.getByLabel('Zona').count()).toBe(1);
    await row.getByLabel('Zona').selectOption('est');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Salva i ruoli' }).click();
    await page.getByText('Ruoli salvati.').waitFor();
    await page.goto('/admin/utenti?q=assistente.nord');
    await expect.poll(() => page.locator('tbody').textContent()).toContain('Assistente sociale — Zona Est');
    expect(await page.locator('tbody').textContent()).toContain('Assistente sociale — Zona Nord');
  });

  it('creates an account, which then shows in the list', async () => {
    await page.goto('/admin/utenti');
    await page.getByRole('button', { name: 'Crea un nuovo account' }).click();
    await page.getByLabel('Indirizzo e-mail', { exact: true }).fill('nuova.volontaria@example.org');
    await page.getByLabel('Nome e cognome').fill('Nuova Volontaria');
    await page
      .getByRole('group', { name: 'Ruolo 1' })
      .getByLabel('Ruolo', { exact: true })
      .selectOption('volunteer');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Crea l’account' }).click();
    await expect.poll(() => h1(page)).toBe('Nuova Volontaria');
    await page.getByText('Account creato.', { exact: false }).waitFor();
    // The same address again: the API's words, in the alert.
    await page.goto('/admin/utenti');
    await page.getByRole('button', { name: 'Crea un nuovo account' }).click();
    await page.getByLabel('Indirizzo e-mail', { exact: true }).fill('nuova.volontaria@example.org');
    await page.getByLabel('Nome e cognome').fill('Un’altra persona');
    await page.getByRole('button', { name: 'Crea l’account' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Esiste già un account con questo indirizzo e-mail.');
    await page.getByLabel('Nome o indirizzo e-mail').fill('volontaria');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => page.locator('tbody').textContent()).toContain('Volontario');
  });

  it('the activity log lists the sign-ins, and the reasons given to break the glass', async () => {
    const { cityId } = await userId(admin);
    await e.t.database.pool.query(
      `INSERT INTO audit_log (city_id, actor_label, action, resource, resource_id, scope, sensitive, reason, outcome, detail)
       VALUES ($1, 'assistente.nord@demo.cittadelnoi.it', 'break_glass', 'help_request', '42', 'zone:sud', true,
               'Sostituisco la collega in ferie', 'ok', '{}')`,
      [cityId],
    );
    await page.goto('/admin/registro');
    await expect.poll(() => h1(page)).toBe('Registro delle attività');
    await page.getByLabel('Persona', { exact: true }).fill(admin);
    await page.getByLabel('Azione', { exact: true }).selectOption('login');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('login');
    const first = page.locator('tbody tr').first();
    await expect.poll(() => first.textContent()).toContain('Accesso');
    expect(await first.textContent()).toContain(admin);
    expect(await page.locator('tbody').textContent()).not.toContain('Apertura straordinaria');
    // The time, in Europe/Rome, in Italian.
    const shown = (await first.locator('time').textContent()) ?? '';
    const at = (await first.locator('time').getAttribute('datetime')) ?? '';
    expect(shown).toBe(
      new Intl.DateTimeFormat('it-IT', {
        dateStyle: 'medium',
        timeStyle: 'medium',
        timeZone: 'Europe/Rome',
      }).format(new Date(at)),
    );
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Togli i filtri' }).click();
    // Bootstrap Italia draws the box on the label, which takes the click.
    await page.getByText('Solo le aperture straordinarie (fuori dal proprio ambito)').click();
    expect(
      await page.getByLabel('Solo le aperture straordinarie (fuori dal proprio ambito)').isChecked(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => page.getByText('1 attività trovata.').count()).toBe(1);
    const row = await page.locator('tbody tr').first().textContent();
    expect(row).toContain('Apertura straordinaria');
    expect(row).toContain('Sostituisco la collega in ferie');
    expect(row).toContain('Zona Sud');
    await expectNoAxeViolations(page);
  });

  it('on a 360 px phone: the header fits signed in, and the log scrolls inside its own box', async () => {
    const phone = await e.page({ viewport: { width: 360, height: 740 } });
    await signIn(phone, admin);
    await phone.goto('/admin/registro');
    await phone.locator('tbody tr').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await phone.locator('header').getByRole('button', { name: 'Esci' }).isVisible()).toBe(true);
    await expectNoAxeViolations(phone);
  });
});
