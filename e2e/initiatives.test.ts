import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/service/accounts.ts';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const operator = 'operatore.lamarmora@demo.cittadelnoi.it';
const citizenA = {
  email: 'anna.eventi.e2e@example.org',
  name: 'Anna Eventi E2E',
  password: 'una-password-e2e-1',
};
const citizenB = {
  email: 'bruno.eventi.e2e@example.org',
  name: 'Bruno Eventi E2E',
  password: 'una-password-e2e-2',
};

let e: E2E;
let cityId: number;
let hubId: string;
let initiativeSlug: string;
/** An event in 3 days with 20 places, one with 1 place, one starting in 30 minutes (attendance). */
const ev = { open: '', full: '', now: '' };

const day = 86_400_000;
/** "YYYY-MM" of an instant in Rome. */
const romeMonthOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Rome' })
    .format(d)
    .slice(0, 7);
const inThreeDays = new Date(Date.now() + 3 * day);

async function insertEvent(
  initiativeId: string,
  title: string,
  startsAt: Date,
  capacity: number | null,
): Promise<string> {
  const { rows } = await e.t.database.pool.query<{ event_id: string }>(
    `INSERT INTO community_events (city_id, initiative_id, title, description, place, lat, lon, neighbourhood_code,
                                   starts_at, ends_at, capacity)
     VALUES ($1, $2, $3, 'Un pomeriggio insieme.', 'Sala civica, via Lamarmora 185', 45.5205, 10.2170, 'lamarmora',
             $4, $5, $6) RETURNING event_id`,
    [cityId, initiativeId, title, startsAt, new Date(startsAt.getTime() + 2 * 3_600_000), capacity],
  );
  return rows[0]!.event_id;
}

beforeAll(async () => {
  e = await startE2E({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '1000' },
  });
  const pool = e.t.database.pool;
  cityId = (await pool.query<{ city_id: number }>("SELECT city_id FROM cities WHERE code = 'brescia'"))
    .rows[0]!.city_id;
  for (const c of [citizenA, citizenB])
    await createUser(pool, cityId, {
      email: c.email,
      displayName: c.name,
      password: c.password,
      verified: true,
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    });
  hubId = (
    await pool.query<{ community_point_id: string }>(
      "SELECT community_point_id FROM community_points WHERE city_id = $1 AND slug = 'lamarmora'",
      [cityId],
    )
  ).rows[0]!.community_point_id;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
  const { rows } = await pool.query<{ initiative_id: string; slug: string }>(
    `INSERT INTO initiatives (city_id, slug, title, description, neighbourhood_code, community_point_id, partners,
                              status, starts_on, programme_part)
     VALUES ($1, 'merenda-e2e', 'Merenda di quartiere E2E', 'Una merenda per conoscersi tra vicini.', 'lamarmora',
             $2, '[{"name":"Oratorio di Lamarmora"}]'::jsonb, 'running', $3::date, 'community_points')
     RETURNING initiative_id, slug`,
    [cityId, hubId, today],
  );
  initiativeSlug = rows[0]!.slug;
  const id = rows[0]!.initiative_id;
  ev.open = await insertEvent(id, 'Merenda in sala civica E2E', inThreeDays, 20);
  ev.full = await insertEvent(
    id,
    'Laboratorio a un posto E2E',
    new Date(inThreeDays.getTime() + 3_600_000),
    1,
  );
  ev.now = await insertEvent(id, 'Merenda di adesso E2E', new Date(Date.now() + 30 * 60_000), 10);
  // Two people registered for the event about to start, one of them without an account.
  await pool.query(
    `INSERT INTO event_registrations (city_id, event_id, name, phone, seats, status)
     VALUES ($1, $2, 'Maria Presente E2E', '030 111 2222', 1, 'registered'),
            ($1, $2, 'Carlo Assente E2E', '030 333 4444', 2, 'registered')`,
    [cityId, ev.now],
  );
  await pool.query('UPDATE community_events SET registered_count = 3 WHERE city_id = $1 AND event_id = $2', [
    cityId,
    ev.now,
  ]);
});
afterAll(async () => {
  await e?.close();
});

const registrationsOf = async (eventId: string) =>
  (
    await e.t.database.pool.query<{ name: string; status: string; attended_at: Date | null; seats: number }>(
      `SELECT name, status, attended_at, seats FROM event_registrations
        WHERE city_id = $1 AND event_id = $2 ORDER BY position`,
      [cityId, eventId],
    )
  ).rows;

const english = async (page: Page) => page.addInitScript(() => localStorage.setItem('noi.lang', 'en'));

describe('initiatives, signed out', () => {
  it('lists the initiatives with filters and cards with the next event', async () => {
    const page = await e.page();
    await page.goto('/iniziative');
    await page.getByRole('heading', { level: 1, name: 'Iniziative' }).waitFor();
    await page
      .locator('#ini-count')
      .filter({ hasText: /iniziativ/ })
      .waitFor();
    await expectNoAxeViolations(page);
    await page.locator('#ini-zone').selectOption({ label: 'Zona Sud' });
    await page.locator('#ini-neighbourhood').selectOption('lamarmora');
    await page.locator('#ini-hub').selectOption('lamarmora');
    await page.getByRole('button', { name: 'Mostra', exact: true }).click();
    await page.waitForURL(/communityPoint=lamarmora/);
    const card = page.locator('article').filter({ hasText: 'Merenda di quartiere E2E' });
    await card.waitFor();
    await card.getByText('Prossimo appuntamento').waitFor();
    await expectNoAxeViolations(page);
    await card.getByRole('link', { name: 'Merenda di quartiere E2E' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merenda di quartiere E2E' }).waitFor();
    await page.getByText('Oratorio di Lamarmora').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Prossimi appuntamenti' }).waitFor();
    await page.getByRole('link', { name: 'Mi iscrivo: Merenda in sala civica E2E' }).waitFor();
    await page.getByText('Ancora 20 posti liberi').first().waitFor();
    const ics = await page.getByTestId('ics-link').getAttribute('href');
    expect(ics).toBe(`/api/v1/initiatives/${initiativeSlug}/events.ics`);
    await expectNoAxeViolations(page);
  });

  it('shows the figures: a table per hub (with a chart) and participants by neighbourhood', async () => {
    const page = await e.page();
    await page.goto('/iniziative/numeri?anno=2018');
    await page.getByRole('heading', { level: 1, name: 'Le iniziative in numeri' }).waitFor();
    await page.getByTestId('figures-total').filter({ hasText: '74 iniziative nel 2018/19' }).waitFor();
    expect(await page.getByTestId('figures-hubs').locator('tbody tr').count()).toBeGreaterThanOrEqual(19);
    await page.getByTestId('figures-chart').waitFor();
    await page.getByTestId('figures-neighbourhoods').waitFor();
    await expectNoAxeViolations(page);
  });

  it('the calendar lists the month by day, filters by neighbourhood, and gives its iCalendar feed', async () => {
    const page = await e.page();
    await page.goto(`/calendario?mese=${romeMonthOf(inThreeDays)}`);
    await page.getByRole('heading', { level: 1, name: 'Calendario' }).waitFor();
    await page
      .locator('#cal-count')
      .filter({ hasText: /appuntament/ })
      .waitFor();
    await expectNoAxeViolations(page);
    await page.locator('#cal-zone').selectOption({ label: 'Zona Sud' });
    await page.locator('#cal-neighbourhood').selectOption('lamarmora');
    await page.waitForURL(/quartiere=lamarmora/);
    await page.locator('#cal-count').filter({ hasText: 'a Lamarmora' }).waitFor();
    const item = page.locator('.noi-ini-day').filter({ hasText: 'Merenda in sala civica E2E' });
    await item.getByRole('heading', { level: 3 }).waitFor();
    const href = await page.getByTestId('ics-link').getAttribute('href');
    expect(href).toBe('/api/v1/events.ics?neighbourhood=lamarmora');
    expect(await page.getByTestId('ics-subscribe').getAttribute('href')).toMatch(
      /^webcal:\/\/127\.0\.0\.1:\d+\/api\/v1\/events\.ics\?neighbourhood=lamarmora$/,
    );
    await page.getByText('Come si fa, passo per passo').click();
    await page.getByText('Aggiungi calendario da URL', { exact: false }).waitFor();
    await expectNoAxeViolations(page);
    const res = await fetch(`${e.base}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toContain('Merenda in sala civica E2E');
    const own = await fetch(`${e.base}/api/v1/initiatives/${initiativeSlug}/events.ics`);
    expect(own.headers.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('the neighbourhood page shows its next events', async () => {
    const page = await e.page();
    await page.goto('/quartieri/lamarmora');
    const section = page.getByTestId('initiatives-section');
    await section.getByRole('heading', { name: 'Iniziative e eventi nel quartiere' }).waitFor();
    await section.getByRole('link', { name: 'Merenda in sala civica E2E' }).waitFor();
    await expectNoAxeViolations(page);
  });
});

describe('a citizen registers for an event', () => {
  it('finds the event in the calendar, signs in, registers, sees it in "Le mie iscrizioni", cancels', async () => {
    const page = await e.page();
    await page.goto(`/calendario?mese=${romeMonthOf(inThreeDays)}&zona=sud&quartiere=lamarmora`);
    await page.getByRole('link', { name: 'Merenda in sala civica E2E' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merenda in sala civica E2E' }).waitFor();
    await page.getByTestId('places-left').getByText('Ancora 20 posti liberi').waitFor();
    await page.locator('.leaflet-container').waitFor();
    const signInLink = page.getByRole('link', { name: 'Accedi per iscriverti' });
    expect(await signInLink.getAttribute('href')).toBe(`/accedi?next=%2Feventi%2F${ev.open}`);
    await expectNoAxeViolations(page);

    await signIn(page, citizenA.email, citizenA.password, `/eventi/${ev.open}`);
    await page.getByRole('heading', { level: 1, name: 'Merenda in sala civica E2E' }).waitFor();
    await page.locator('#reg-seats').fill('2');
    await page.getByRole('button', { name: 'Mi iscrivo' }).click();
    await page.getByRole('status').filter({ hasText: 'Fatto: sei iscritto.' }).waitFor();
    await page.getByTestId('my-registration').filter({ hasText: 'Sei iscritto per 2 persone' }).waitFor();
    await page.getByTestId('places-left').getByText('Ancora 18 posti liberi').waitFor();
    expect((await registrationsOf(ev.open)).map((r) => [r.status, r.seats])).toEqual([['registered', 2]]);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Le mie iscrizioni' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Le mie iscrizioni' }).waitFor();
    const mine = page.locator('article').filter({ hasText: 'Merenda in sala civica E2E' });
    await mine.getByText('Sei iscritto per 2 persone').waitFor();
    await expectNoAxeViolations(page);
    await mine.getByRole('button', { name: 'Annulla l’iscrizione a «Merenda in sala civica E2E»' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Iscrizione annullata: «Merenda in sala civica E2E».' })
      .waitFor();
    await page.getByText('Non sei iscritto a nessun appuntamento.').waitFor();
    expect((await registrationsOf(ev.open)).map((r) => r.status)).toEqual(['cancelled']);
  });

  it('a full event puts the next person in the waiting line, with their number', async () => {
    const b = await e.page();
    await signIn(b, citizenB.email, citizenB.password, `/eventi/${ev.full}`);
    await b.getByRole('button', { name: 'Mi iscrivo' }).click();
    await b.getByTestId('my-registration').filter({ hasText: 'Sei iscritto' }).waitFor();

    const a = await e.page();
    await signIn(a, citizenA.email, citizenA.password, `/eventi/${ev.full}`);
    await a.getByTestId('places-left').getByText('Posti esauriti').waitFor();
    await a.getByRole('button', { name: 'Mettimi in lista d’attesa' }).click();
    await a.getByRole('status').filter({ hasText: 'sei il numero 1 in lista d’attesa' }).waitFor();
    await a
      .getByTestId('my-registration')
      .filter({ hasText: 'Sei il numero 1 in lista d’attesa.' })
      .waitFor();
    await expectNoAxeViolations(a);
    expect((await registrationsOf(ev.full)).map((r) => r.status)).toEqual(['registered', 'waiting']);

    // B gives up the place: it goes to A.
    await b.getByRole('button', { name: 'Annulla la mia iscrizione' }).click();
    await b.getByRole('status').filter({ hasText: 'La tua iscrizione è annullata.' }).waitFor();
    expect((await registrationsOf(ev.full)).map((r) => r.status)).toEqual(['cancelled', 'registered']);
    await a.goto('/le-mie-iscrizioni');
    await a
      .locator('article')
      .filter({ hasText: 'Laboratorio a un posto E2E' })
      .getByText('Sei iscritto')
      .waitFor();
  });
});

describe('an operator runs the initiatives of the hub', () => {
  it('creates an initiative and a weekly event', async () => {
    const page = await e.page();
    await signIn(page, operator, undefined, '/sportello/iniziative');
    await page.getByRole('heading', { level: 1, name: 'Iniziative del Punto Comunità' }).waitFor();
    await page.getByRole('rowheader', { name: 'Merenda di quartiere E2E' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Nuova iniziativa' }).click();
    await page.getByRole('heading', { level: 3, name: 'Nuova iniziativa' }).waitFor();
    await page.getByRole('button', { name: 'Crea l’iniziativa' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.waitFor();
    await summary.getByRole('link', { name: 'Scegli il quartiere' }).waitFor();
    await expectNoAxeViolations(page);
    await page.locator('#new-title').fill('Caffè delle lingue E2E');
    await page
      .locator('#new-description')
      .fill('Ogni settimana ci si incontra per parlare italiano e le lingue di chi abita qui.');
    await page.locator('#new-neighbourhood').selectOption('lamarmora');
    await page.locator('#new-part').selectOption('families');
    await page.locator('#new-starts').fill('2026-01-10');
    await page.locator('#new-partners').fill('Associazione Amici E2E\nBiblioteca di quartiere');
    await page.getByRole('button', { name: 'Crea l’iniziativa' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Iniziativa «Caffè delle lingue E2E» creata.' })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Caffè delle lingue E2E' }).waitFor();
    const { rows } = await e.t.database.pool.query<{ community_point_id: string; partners: unknown }>(
      "SELECT community_point_id, partners FROM initiatives WHERE city_id = $1 AND title = 'Caffè delle lingue E2E'",
      [cityId],
    );
    expect(rows[0]?.community_point_id).toBe(hubId);

    await page.getByRole('button', { name: 'Aggiungi un appuntamento' }).click();
    await page.getByRole('heading', { level: 3, name: 'Nuovo appuntamento' }).waitFor();
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(
      new Date(Date.now() + 7 * day),
    );
    await page.locator('#ev-place').fill('Biblioteca, via Lamarmora 10');
    await page.locator('#ev-date').fill(date);
    await page.locator('#ev-start').fill('18:00');
    await page.locator('#ev-end').fill('19:30');
    await page.locator('#ev-capacity').fill('15');
    await page.locator('label[for="ev-weekly"]').click();
    await page.locator('#ev-weeks').fill('4');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Aggiungi l’appuntamento' }).click();
    await page.getByRole('status').filter({ hasText: '4 appuntamenti aggiunti.' }).waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: /^Presenze: Caffè delle lingue E2E/ }).count())
      .toBe(4);
    const series = await e.t.database.pool.query<{ n: number; series: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT series_id)::int AS series FROM community_events ev
         JOIN initiatives i ON i.city_id = ev.city_id AND i.initiative_id = ev.initiative_id
        WHERE i.city_id = $1 AND i.title = 'Caffè delle lingue E2E'`,
      [cityId],
    );
    expect(series.rows[0]).toEqual({ n: 4, series: 1 });
    await expectNoAxeViolations(page);

    // Edit the initiative: the form comes back filled in.
    await page.getByRole('button', { name: 'Modifica', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Modifica l’iniziativa' }).waitFor();
    expect(await page.locator('#edit-title').inputValue()).toBe('Caffè delle lingue E2E');
    expect(await page.locator('#edit-partners').inputValue()).toBe(
      'Associazione Amici E2E\nBiblioteca di quartiere',
    );
    await page.locator('#edit-status').selectOption('running');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Modifiche salvate: «Caffè delle lingue E2E».' })
      .waitFor();
    const status = await e.t.database.pool.query<{ status: string }>(
      "SELECT status FROM initiatives WHERE city_id = $1 AND title = 'Caffè delle lingue E2E'",
      [cityId],
    );
    expect(status.rows[0]?.status).toBe('running');

    // Cancel the last event of the series, after a second question.
    const cancels = page.getByRole('button', { name: /^Annulla l’appuntamento «Caffè delle lingue E2E»/ });
    await cancels.last().click();
    await page.getByRole('button', { name: 'Sì, annulla l’appuntamento' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Appuntamento «Caffè delle lingue E2E» annullato' })
      .waitFor();
    await expect.poll(() => cancels.count()).toBe(3);
    await expectNoAxeViolations(page);
  });

  it('takes attendance on a phone: toggles saved at once, someone at the door, the waiting line', async () => {
    const page = await e.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, operator, undefined, `/sportello/eventi/${ev.now}/presenze`);
    await page.getByRole('heading', { level: 1, name: 'Presenze' }).waitFor();
    await page.locator('fieldset').filter({ hasText: 'Maria Presente E2E' }).waitFor();
    await expectNoAxeViolations(page);
    const maria = page.locator('fieldset').filter({ hasText: 'Maria Presente E2E' });
    const present = maria.getByRole('button', { name: 'Presente' });
    const box = await present.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box?.width).toBeGreaterThanOrEqual(44);
    await present.click();
    await page
      .getByTestId('attendance-live')
      .filter({ hasText: 'Maria Presente E2E: presente. Salvato.' })
      .waitFor();
    expect(await present.getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('present-count').filter({ hasText: 'Presenti: 1 su 3' }).waitFor();
    await expect
      .poll(
        async () => (await registrationsOf(ev.now)).find((r) => r.name === 'Maria Presente E2E')?.attended_at,
      )
      .not.toBeNull();
    // The page does not scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );

    await page.getByRole('button', { name: 'Iscrivi', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Scrivi il nome' }).waitFor();
    await page.locator('#door-name').fill('Giulia Porta E2E');
    await page.locator('#door-phone').fill('333 765 4321');
    await page.getByRole('button', { name: 'Iscrivi', exact: true }).click();
    await page.getByTestId('attendance-live').filter({ hasText: 'Giulia Porta E2E è iscritto' }).waitFor();
    await page.locator('fieldset').filter({ hasText: 'Giulia Porta E2E' }).waitFor();
    await page.getByText('Nessuno in lista d’attesa.').waitFor();
    await expectNoAxeViolations(page);
  });
});

describe('in English', () => {
  it('the calendar and an event page speak English', async () => {
    const page = await e.page({ locale: 'en-GB' });
    await english(page);
    await page.goto(`/calendario?mese=${romeMonthOf(inThreeDays)}&quartiere=lamarmora`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Add to your calendar' }).waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`/eventi/${ev.open}`);
    await page.getByRole('link', { name: 'Sign in to register' }).waitFor();
    await page.getByTestId('places-left').getByText('20 places left').waitFor();
    await expectNoAxeViolations(page);
  });
});
