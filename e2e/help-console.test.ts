import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const operator = 'operatore.lamarmora@demo.cittadelnoi.it';
const socialWorkerSud = 'assistente.sud@demo.cittadelnoi.it';
const admin = 'admin@demo.cittadelnoi.it';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '1000' },
  });
});
afterAll(async () => {
  await e?.close();
});

/** A fresh request from a person of Lamarmora (hub "lamarmora", zone Sud), through the public API. */
async function newRequest(name: string): Promise<{ id: string; trackingCode: string }> {
  const res = await e.t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    headers: { host: 'localhost' },
    payload: {
      category: 'shopping',
      description: 'Vivo sola e da quando sono caduta non riesco a fare la spesa.',
      neighbourhoodCode: 'lamarmora',
      contact: { name, phone: '030 555 1234', email: 'persona.e2e@example.org' },
      consent: true,
      circumstances: { livesAlone: true, age: 82 },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const statusOf = async (id: string) =>
  (
    await e.t.database.pool.query<{ status: string }>(
      'SELECT status FROM help_requests WHERE help_request_id = $1',
      [id],
    )
  ).rows[0]?.status;

/** The number in "42 richieste." (the polite live region of the inbox). */
async function shownCount(page: Page): Promise<number> {
  const text = await page.locator('#inbox-count').textContent();
  return Number(text?.match(/\d+/)?.[0]);
}

/** Presses Tab until the focused element matches, as a keyboard-only person moves through the page. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} cannot be reached with the Tab key`);
}

describe('the help desk inbox (operator of Punto Comunità Lamarmora)', () => {
  it('lists the hub’s open requests, most urgent first, with filters and search', async () => {
    const mine = await newRequest('Persona e2e Inbox');
    const page = await e.page();
    await signIn(page, operator, undefined, '/sportello');
    await page.getByRole('heading', { level: 1, name: 'Sportello delle richieste di aiuto' }).waitFor();
    await page.locator('#inbox-count').waitFor();
    const { rows } = await e.t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM help_requests h JOIN community_points cp
          ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
        WHERE cp.slug = 'lamarmora' AND h.status IN ('new', 'triaged', 'assigned', 'in_progress')`,
    );
    expect(await shownCount(page)).toBe(rows[0]!.n);
    expect(rows[0]!.n).toBeGreaterThan(0);
    const table = page.locator('table.noi-inbox-table');
    expect(await table.locator('tbody tr').count()).toBe(Math.min(rows[0]!.n, 25));
    // Urgency in words, never colour alone.
    expect(await table.locator('tbody tr').first().locator('.noi-urgency').textContent()).toMatch(
      /Critica|Alta|Normale|Bassa/,
    );
    expect(
      await page.getByRole('link', { name: 'Nuova richiesta per conto di una persona' }).getAttribute('href'),
    ).toBe('/chiedi-aiuto');
    await expectNoAxeViolations(page);

    // Every status, only "Spesa": the address keeps the filters.
    for (const s of ['resolved', 'closed', 'withdrawn'])
      await page.locator(`label[for="inbox-status-${s}"]`).click();
    await page.locator('#inbox-category').selectOption('shopping');
    await page.getByRole('button', { name: 'Applica' }).click();
    await page.waitForURL(/category=shopping/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('all');
    const { rows: shopping } = await e.t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM help_requests h JOIN community_points cp
          ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
        WHERE cp.slug = 'lamarmora' AND h.category = 'shopping'`,
    );
    await expect.poll(() => shownCount(page)).toBe(shopping[0]!.n);
    const categories = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(categories.length).toBe(Math.min(shopping[0]!.n, 25));
    expect(new Set(categories)).toEqual(new Set(['Spesa']));

    // Search by tracking code, then by name.
    await page.getByRole('button', { name: 'Togli i filtri' }).click();
    await page.locator('#inbox-q').fill(mine.trackingCode);
    await page.getByRole('button', { name: 'Applica' }).click();
    await expect.poll(() => shownCount(page)).toBe(1);
    expect(await table.locator('tbody tr th a').textContent()).toBe(mine.trackingCode);
    await page.locator('#inbox-q').fill('Persona e2e Inbox');
    await page.getByRole('button', { name: 'Applica' }).click();
    await page.waitForURL(/q=Persona/);
    await expect.poll(() => shownCount(page)).toBe(1);
    await page.getByRole('link', { name: mine.trackingCode }).click();
    await page.getByRole('heading', { level: 1, name: `Richiesta ${mine.trackingCode}` }).waitFor();
  });

  it('shows cards on a phone', async () => {
    const page = await e.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, operator, undefined, '/sportello');
    await page.locator('#inbox-count').waitFor();
    expect(await page.locator('table.noi-inbox-table').isVisible()).toBe(false);
    expect(await page.locator('.noi-inbox-cards li').first().isVisible()).toBe(true);
    await expectNoAxeViolations(page);
  });

  it('speaks English', async () => {
    const page = await e.page({ locale: 'en-GB' });
    await signIn(page, operator, undefined, '/sportello');
    await page.locator('#inbox-count').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Help desk' }).waitFor();
    expect(await page.locator('#inbox-count').textContent()).toMatch(/^\d+ requests?\.$/);
    await page.getByRole('columnheader', { name: 'First contact' }).waitFor();
    await page.getByRole('link', { name: 'New request on behalf of a person' }).waitFor();
    expect(
      await page.locator('table.noi-inbox-table tbody tr').first().locator('.noi-urgency').textContent(),
    ).toMatch(/Critical|High|Normal|Low/);
    await expectNoAxeViolations(page);
  });
});

describe('working on a request', () => {
  it('triages, takes on, starts, notes and resolves a request', async () => {
    const r = await newRequest('Persona e2e Flusso');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('heading', { level: 1, name: `Richiesta ${r.trackingCode}` }).waitFor();
    // The reasons of the suggested urgency, in plain words; the contact as links.
    const urgency = page.locator('section[aria-labelledby="req-urgency-title"]');
    await urgency.getByText('La persona vive da sola').waitFor();
    await urgency.getByText('Età: 82 anni').waitFor();
    expect(await page.getByRole('link', { name: '030 555 1234' }).getAttribute('href')).toBe(
      'tel:0305551234',
    );
    expect(await page.getByRole('link', { name: 'persona.e2e@example.org' }).getAttribute('href')).toBe(
      'mailto:persona.e2e@example.org',
    );
    await expectNoAxeViolations(page);

    await page.locator('#triage-urgency').selectOption('critical');
    await page.getByRole('button', { name: 'Conferma la valutazione' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Valutazione salvata: urgenza Critica.' });
    await status.waitFor();
    expect(await status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await statusOf(r.id)).toBe('triaged');

    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await page.getByText('Hai preso in carico la richiesta.').waitFor();
    expect(await statusOf(r.id)).toBe('assigned');

    await page.getByRole('button', { name: 'Inizia a occupartene' }).click();
    await page.getByText('La richiesta è in corso.').waitFor();
    expect(await statusOf(r.id)).toBe('in_progress');

    // A note: empty first (the summary takes the focus), then written.
    await page.getByRole('button', { name: 'Aggiungi la nota' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await page
      .locator('#note-text')
      .fill('Chiamata la persona: la spesa arriva giovedì. <b>non grassetto</b>');
    await page.getByRole('button', { name: 'Aggiungi la nota' }).click();
    await page.getByText('Nota aggiunta.').waitFor();
    // Text only: what people type is never markup.
    await page.getByText('<b>non grassetto</b>', { exact: false }).waitFor();
    expect(await page.locator('.noi-notes b').count()).toBe(0);

    await page.getByRole('button', { name: 'Segna come risolta' }).click();
    await page.getByText('La richiesta è segnata come risolta.').waitFor();
    expect(await statusOf(r.id)).toBe('resolved');
    const history = page.locator('.noi-timeline');
    await history.getByText('Presa in carico da').waitFor();
    await history.getByText('Stato cambiato: da «In corso» a «Risolta».').waitFor();
    // Resolved: it can be reopened (with a reason) or closed, no longer started.
    await page.getByRole('button', { name: 'Riapri la richiesta' }).waitFor();
    expect(await page.getByRole('button', { name: 'Inizia a occupartene' }).count()).toBe(0);
    await history.getByText('Arrivata al Punto Comunità che serve il quartiere della persona.').waitFor();
    await expectNoAxeViolations(page);
    // Reopening needs a reason.
    await page.getByRole('button', { name: 'Riapri la richiesta' }).click();
    await page.locator('#reopen-reason').fill('La persona ha richiamato: serve ancora la spesa.');
    await page.getByRole('button', { name: 'Riapri', exact: true }).click();
    await page.getByText('La richiesta è di nuovo in corso.').waitFor();
    expect(await statusOf(r.id)).toBe('in_progress');
  });

  it('closes a request only with an outcome, after a confirmation', async () => {
    const r = await newRequest('Persona e2e Chiusura');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('button', { name: 'Chiudi la richiesta' }).click();
    await page.locator('#close-outcome').waitFor();
    await page.locator('#act-close-region').getByRole('button', { name: 'Chiudi la richiesta' }).click();
    await page.getByRole('alert').filter({ hasText: 'Com’è finita' }).first().waitFor();
    await page.locator('#close-outcome').fill('La persona ha trovato aiuto dai vicini.');
    await page.locator('#act-close-region').getByRole('button', { name: 'Chiudi la richiesta' }).click();
    const confirm = page.getByRole('alert').filter({ hasText: 'Vuoi davvero chiudere la richiesta?' });
    await confirm.waitFor();
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await statusOf(r.id)).toBe('new');
    await confirm.getByRole('button', { name: 'Chiudi la richiesta' }).click();
    await page.getByText('La richiesta è chiusa.').waitFor();
    expect(await statusOf(r.id)).toBe('closed');
    await page.getByText('Non ci sono altre azioni: la richiesta è conclusa.').waitFor();
  });

  it('transfers a request to another hub: it leaves the inbox', async () => {
    const r = await newRequest('Persona e2e Trasferita');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('button', { name: 'Passa a un altro Punto Comunità' }).click();
    await page.locator('#transfer-communityPoint').selectOption('sanpolino');
    await page.locator('#transfer-reason').fill('La persona abita vicino a Sanpolino.');
    await page.locator('#act-transfer-region').getByRole('button', { name: 'Passa la richiesta' }).click();
    await page.getByText('Vuoi davvero passare la richiesta?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('alert').getByRole('button', { name: 'Passa la richiesta' }).click();
    await page.getByText('non è più nel tuo sportello').waitFor();
    const { rows } = await e.t.database.pool.query<{ slug: string }>(
      `SELECT cp.slug FROM help_requests h JOIN community_points cp
          ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id WHERE h.help_request_id = $1`,
      [r.id],
    );
    expect(rows[0]?.slug).toBe('sanpolino');
    await page.getByRole('link', { name: 'Torna allo sportello' }).click();
    await page.locator('#inbox-count').waitFor();
    await page.locator('#inbox-q').fill(r.trackingCode);
    await page.getByRole('button', { name: 'Applica' }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => shownCount(page)).toBe(0);
    await page.getByText('Nessuna richiesta con questi filtri.').waitFor();
  });

  it('escalates a request: the social workers of zone Sud see it', async () => {
    const r = await newRequest('Persona e2e Segnalata');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('button', { name: 'Segnala al servizio sociale' }).click();
    await page.locator('#escalate-reason').fill('Situazione complessa, serve l’assistente sociale.');
    await page.getByRole('button', { name: 'Segnala', exact: true }).click();
    await page.getByText(/La richiesta è segnalata al servizio sociale di/).waitFor();
    await page.locator('.noi-timeline').getByText('Segnalata al servizio sociale della zona.').waitFor();

    const sw = await e.page();
    await signIn(sw, socialWorkerSud, undefined, '/sportello?escalated=true');
    await sw.locator('#inbox-count').waitFor();
    expect(await sw.locator('#inbox-escalated').isChecked()).toBe(true);
    await sw.locator('#inbox-q').fill('Persona e2e Segnalata');
    await sw.getByRole('button', { name: 'Applica' }).click();
    await expect.poll(() => shownCount(sw)).toBe(1);
    await sw.getByRole('link', { name: r.trackingCode }).click();
    await sw.getByRole('heading', { level: 1, name: `Richiesta ${r.trackingCode}` }).waitFor();
    await sw.getByText('Situazione complessa, serve l’assistente sociale.').waitFor();
    await expectNoAxeViolations(sw);
  });

  it('gives a request to someone else: after escalation, the social worker of zone Sud', async () => {
    const r = await newRequest('Persona e2e Affidata');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('button', { name: 'Segnala al servizio sociale' }).click();
    await page.locator('#escalate-reason').fill('Serve una valutazione del servizio sociale.');
    await page.getByRole('button', { name: 'Segnala', exact: true }).click();
    await page.getByText(/La richiesta è segnalata al servizio sociale di/).waitFor();

    await page.getByRole('button', { name: "Affida a un'altra persona" }).click();
    await page.getByRole('heading', { name: "Affida la richiesta a un'altra persona" }).waitFor();
    await page.getByRole('button', { name: 'Affida la richiesta' }).click();
    await page.getByText('Scegli la persona a cui affidare la richiesta.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assign-other-person');
    await expectNoAxeViolations(page);
    await page
      .getByLabel('Persona', { exact: true })
      .selectOption({ label: 'Assistente sociale Zona Sud (demo)' });
    await page.getByRole('button', { name: 'Affida la richiesta' }).click();
    await page.getByText('Richiesta affidata a Assistente sociale Zona Sud (demo).').waitFor();
    await expect.poll(() => statusOf(r.id)).toBe('assigned');
    const { rows } = await e.t.database.pool.query<{ display_name: string }>(
      `SELECT u.display_name FROM help_requests h JOIN users u ON u.city_id = h.city_id AND u.user_id = h.assignee_id
        WHERE h.help_request_id = $1`,
      [r.id],
    );
    expect(rows[0]?.display_name).toBe('Assistente sociale Zona Sud (demo)');
  });

  it('can be worked with the keyboard alone', async () => {
    const r = await newRequest('Persona e2e Tastiera');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('heading', { level: 1, name: `Richiesta ${r.trackingCode}` }).waitFor();
    // Triage: reach the urgency, change it with the arrows, send with Enter.
    await tabTo(page, '#triage-urgency');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'button[type="submit"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Conferma la valutazione');
    await page.keyboard.press('Enter');
    await page.getByText(/Valutazione salvata/).waitFor();
    // The message has the focus; go on from there to "take it on".
    await tabTo(page, 'button.btn-primary:not([type="submit"])');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Prendi in carico');
    await page.keyboard.press('Enter');
    await page.getByText('Hai preso in carico la richiesta.').waitFor();
    expect(await statusOf(r.id)).toBe('assigned');
    // Open the escalation form with the keyboard: its heading takes the focus; Escape-free cancel.
    await tabTo(page, 'button[aria-controls="act-escalate-region"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'escalate-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('escalate-reason');
    await page.keyboard.type('Serve una visita a casa.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/La richiesta è segnalata al servizio sociale/).waitFor();
    // A note, typed and sent from the keyboard.
    await tabTo(page, '#note-text');
    await page.keyboard.type('Nota scritta con la tastiera.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Nota aggiunta.').waitFor();
    const { rows } = await e.t.database.pool.query(
      'SELECT text FROM help_request_notes WHERE help_request_id = $1',
      [r.id],
    );
    expect(rows).toEqual([{ text: 'Nota scritta con la tastiera.' }]);
  });

  it('is a page not found for a citizen', async () => {
    const r = await newRequest('Persona e2e Riservata');
    const page = await e.page();
    await signIn(page, 'cittadino@demo.cittadelnoi.it', undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('heading', { level: 1, name: 'Pagina non trovata' }).waitFor();
    expect(await page.getByText('Persona e2e Riservata').count()).toBe(0);
  });
});

describe('emergency mode and figures (city admin)', () => {
  it('switches emergency mode on and off, and shows the figures', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/emergenza');
    await page.getByRole('heading', { level: 1, name: 'Modalità emergenza' }).waitFor();
    await page.getByRole('heading', { name: 'Per zona' }).waitFor();
    await page.getByRole('heading', { name: 'Per quartiere' }).waitFor();
    await expectNoAxeViolations(page);
    // Counts under 5 are never shown as such.
    const { rows } = await e.t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT h.neighbourhood_code FROM help_requests h
         JOIN cities c ON c.city_id = h.city_id AND c.code = 'brescia'
         WHERE h.created_at > now() - interval '365 days' GROUP BY h.neighbourhood_code HAVING count(*) < 5) x`,
    );
    if (rows[0]!.n > 0) await page.getByText('meno di 5').first().waitFor();

    // On without a phone: the summary says what is missing.
    await page.locator('label[for="emergency-active"]').click();
    await page.locator('#emergency-phone').fill('');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('alert').filter({ hasText: 'Scrivi il numero di telefono' }).waitFor();
    await page.locator('#emergency-phone').fill('800 123 456');
    await page.locator('#emergency-message').fill('Ondata di calore: se hai bisogno di aiuto, chiama.');
    await page.locator('label[for="emergency-category-medicines"]').click();
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Salvato: la modalità emergenza è attiva.').waitFor();
    const on = await e.t.app.inject({
      method: 'GET',
      url: '/api/v1/emergency',
      headers: { host: 'localhost' },
    });
    expect(on.json()).toMatchObject({ active: true, phone: '800 123 456', categories: ['medicines'] });
    await expectNoAxeViolations(page);

    await page.locator('label[for="emergency-active"]').click();
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Salvato: la modalità emergenza non è attiva.').waitFor();
    const off = await e.t.app.inject({
      method: 'GET',
      url: '/api/v1/emergency',
      headers: { host: 'localhost' },
    });
    expect(off.json()).toMatchObject({ active: false });
  });

  it('leads a city admin from the desk to emergency mode', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/sportello');
    await page.getByRole('link', { name: 'Modalità emergenza e numeri' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modalità emergenza' }).waitFor();
  });

  it('is not for an operator', async () => {
    const page = await e.page();
    await signIn(page, operator, undefined, '/admin/emergenza');
    await page.getByText(/Non puoi vedere questa pagina/).waitFor();
  });
});
