import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/service/accounts.ts';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const operator = 'operatore.lamarmora@demo.cittadelnoi.it';
const demoVolunteer = 'volontario@demo.cittadelnoi.it';
/** A new person who applies in the test; the name sorts first among candidates that tie. */
const applicant = {
  email: 'abele.volontario.e2e@example.org',
  name: 'Abele Volontario E2E',
  password: 'una-password-e2e-1',
};

let e: E2E;
let cityId: number;
beforeAll(async () => {
  e = await startE2E({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '1000' },
  });
  const { rows } = await e.t.database.pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  cityId = rows[0]!.city_id;
  await createUser(e.t.database.pool, cityId, {
    email: applicant.email,
    displayName: applicant.name,
    password: applicant.password,
    verified: true,
    assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
  });
});
afterAll(async () => {
  await e?.close();
});

/** A fresh request of a person of Lamarmora (hub "lamarmora", zone Sud), through the public API. */
async function newRequest(name: string): Promise<{ id: string; trackingCode: string }> {
  const res = await e.t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    headers: { host: 'localhost' },
    payload: {
      category: 'shopping',
      description:
        'Da quando sono caduto non riesco a fare la spesa: mi servirebbe una mano questa settimana.',
      neighbourhoodCode: 'lamarmora',
      contact: { name, phone: '030 555 9876', email: 'persona.volontari.e2e@example.org' },
      consent: true,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const volunteerRow = async (email: string) =>
  (
    await e.t.database.pool.query<{ user_id: string; status: string; cleared_at: Date | null }>(
      `SELECT v.user_id, v.status, v.cleared_at FROM volunteers v
         JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id WHERE u.email = $1`,
      [email],
    )
  ).rows[0];

/** The element that has the focus matches `selector`. */
const focused = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

describe('volunteering, signed out', () => {
  it('explains volunteering and asks to sign in to apply', async () => {
    const page = await e.page();
    await page.goto('/volontariato');
    await page.getByRole('heading', { level: 1, name: 'Volontariato' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Come funziona' }).waitFor();
    const link = page.getByRole('link', { name: 'Accedi per candidarti' });
    expect(await link.getAttribute('href')).toBe('/accedi?next=%2Fvolontariato');
    await expect.poll(() => page.locator('form.noi-vol-form').count()).toBe(0);
    await expectNoAxeViolations(page);
  });
});

describe('a volunteer applies, is accepted, is offered a task and does it', () => {
  it('applies on /volontariato: checked form, psychologist number only when ticked, availability rows', async () => {
    const page = await e.page();
    await signIn(page, applicant.email, applicant.password, '/volontariato');
    await page.getByRole('heading', { level: 2, name: 'Candidati' }).waitFor();
    await page.locator('#vol-skill-shopping').waitFor();
    await expectNoAxeViolations(page);

    // Nothing chosen: the summary takes the focus and links to the fields.
    await page.getByRole('button', { name: 'Invia la candidatura' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: 'Scegli almeno una cosa che sai fare' }).click();
    expect(await focused(page, '#vol-skill-shopping')).toBe(true);
    await summary.getByRole('link', { name: 'Scegli almeno un quartiere dove puoi aiutare' }).waitFor();
    await expectNoAxeViolations(page);

    // The psychologist's registration number is asked only when the skill is ticked.
    await expect.poll(() => page.locator('#vol-psy-reg').count()).toBe(0);
    await page.locator('label[for="vol-skill-psychologist"]').click();
    await page.locator('#vol-psy-reg').waitFor();
    await page.locator('label[for="vol-skill-psychologist"]').click();
    await expect.poll(() => page.locator('#vol-psy-reg').count()).toBe(0);

    await page.locator('label[for="vol-skill-shopping"]').click();
    await page.locator('label[for="vol-skill-medicines"]').click();
    await page.locator('label[for="vol-lang-en"]').click();
    // Neighbourhoods grouped by zone, each zone a fieldset with its legend.
    const sud = page
      .locator('fieldset.noi-vol-zone')
      .filter({ has: page.locator('legend', { hasText: 'Zona Sud' }) });
    await sud.locator('label', { hasText: /^Lamarmora$/ }).click();
    await page.locator('#vol-max-tasks').fill('3');

    // Availability: every day, all day (so "available now" holds whenever the test runs).
    const first = page.locator('fieldset.noi-vol-slot').first();
    await first.locator('select').selectOption('1');
    await first.locator('input[type="time"]').first().fill('00:00');
    await first.locator('input[type="time"]').last().fill('23:59');
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Aggiungi una fascia' }).click();
    await expect.poll(() => page.locator('fieldset.noi-vol-slot').count()).toBe(7);
    // The new row's day takes the focus; days follow on.
    expect(await focused(page, 'fieldset.noi-vol-slot:last-of-type select')).toBe(true);
    expect(await page.locator('fieldset.noi-vol-slot').last().locator('select').inputValue()).toBe('7');
    // An eighth row on Monday overlaps the first: said before sending.
    await page.getByRole('button', { name: 'Aggiungi una fascia' }).click();
    const eighth = page.locator('fieldset.noi-vol-slot').nth(7);
    await eighth.locator('select').selectOption('1');
    await page.getByRole('button', { name: 'Invia la candidatura' }).click();
    await summary.getByText('Fascia 8: si sovrappone alla fascia 1 dello stesso giorno').waitFor();
    await eighth.getByRole('button', { name: 'Togli la fascia 8' }).click();
    await expect.poll(() => page.locator('fieldset.noi-vol-slot').count()).toBe(7);
    expect(await focused(page, '#vol-slot-add')).toBe(true);

    await page.locator('#vol-hub').selectOption('lamarmora');
    await page.getByRole('button', { name: 'Invia la candidatura' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Candidatura inviata. Grazie!' });
    await done.waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('volunteer-status').getByText('Candidatura inviata').waitFor();
    expect((await volunteerRow(applicant.email))?.status).toBe('applied');
    await expectNoAxeViolations(page);

    // The profile page shows it and lets them change it.
    await page.getByRole('link', { name: 'Il mio profilo di volontario' }).click();
    await page.getByRole('heading', { level: 1, name: 'Il mio profilo di volontario' }).waitFor();
    await page.getByText('Spesa, Farmaci').waitFor();
    await page.getByText('Lunedì dalle 00:00 alle 23:59').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Modifica il profilo' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifica il profilo' }).waitFor();
    expect(await page.locator('#vol-skill-shopping').isChecked()).toBe(true);
    await expect.poll(() => page.locator('fieldset.noi-vol-slot').count()).toBe(7);
    await page.locator('#vol-phone').fill('333 123 4567');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByRole('status').filter({ hasText: 'Profilo salvato.' }).waitFor();
    await page.getByText('333 123 4567').waitFor();
  });

  it('an operator of the hub finds the application, accepts it and records the clearance', async () => {
    const page = await e.page();
    await signIn(page, operator, undefined, '/sportello/volontari');
    await page.getByRole('heading', { level: 1, name: 'Volontari' }).waitFor();
    await page.locator('#vol-count').waitFor();
    await expectNoAxeViolations(page);
    await page.locator('#vol-status').selectOption('applied');
    await page.locator('#vol-q').fill('Abele');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.waitForURL(/status=applied/);
    await expect.poll(() => page.locator('#vol-count').textContent()).toBe('1 volontario.');
    await page.getByRole('link', { name: applicant.name }).click();
    await page.getByRole('heading', { level: 1, name: applicant.name }).waitFor();
    await page.getByText('Spesa, Farmaci').waitFor();
    await expectNoAxeViolations(page);

    // Pausing needs a reason; accepting does not.
    await page.locator('label[for="vol-to-active"]').click();
    await page.getByRole('button', { name: 'Conferma' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${applicant.name} ora è un volontario attivo.` })
      .waitFor();
    expect((await volunteerRow(applicant.email))?.status).toBe('active');

    await page.getByRole('button', { name: 'Registra il controllo' }).click();
    await page.getByRole('alert').filter({ hasText: 'Scrivi che cosa hai verificato' }).waitFor();
    await page.locator('#vol-clearance-note').fill('Certificato del casellario visto allo sportello.');
    await page.getByRole('button', { name: 'Registra il controllo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Controllo registrato per ${applicant.name}.` })
      .waitFor();
    expect((await volunteerRow(applicant.email))?.cleared_at).not.toBeNull();
    await page.getByText(/^Fatto il .+ da /).waitFor();
    await expectNoAxeViolations(page);
  });

  it('the operator offers a request to the volunteer from the request page', async () => {
    const r = await newRequest('Persona e2e Volontari');
    const page = await e.page();
    await signIn(page, operator, undefined, `/sportello/richieste/${r.id}`);
    await page.getByRole('heading', { level: 1, name: `Richiesta ${r.trackingCode}` }).waitFor();
    const panel = page.locator('section[aria-labelledby="req-volunteers-title"]');
    await panel.getByRole('heading', { level: 2, name: 'Volontari' }).waitFor();
    await panel.locator('#vm-count').waitFor();
    const box = panel.getByRole('checkbox', { name: new RegExp(applicant.name) });
    await box.waitFor();
    // Why, in plain words, tied to the checkbox.
    const why = panel.locator(`#${await box.getAttribute('aria-describedby')}`);
    await why.getByText('Sa fare quello che serve: Spesa').waitFor();
    await why.getByText('Aiuta nel quartiere della persona (Lamarmora)').waitFor();
    await why.getByText('Disponibile adesso').waitFor();
    await expectNoAxeViolations(page);

    // Nothing ticked, no brief: both said.
    await panel.getByRole('button', { name: 'Proponi il compito' }).click();
    const summary = panel.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByText('Scegli almeno un volontario').waitFor();
    await summary.getByText(/Scrivi che cosa deve sapere il volontario/).waitFor();

    // Bootstrap Italia draws the box on the label: a click there, as a person does.
    await panel.locator(`label[for="${await box.getAttribute('id')}"]`).click();
    expect(await box.isChecked()).toBe(true);
    await panel
      .locator('#vm-brief')
      .fill('Spesa per una persona in via Lamarmora: lista al telefono, consegna entro giovedì.');
    await panel.getByRole('button', { name: 'Proponi il compito' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: `Compito proposto a ${applicant.name}.` })
      .waitFor();
    const { rows } = await e.t.database.pool.query<{ status: string }>(
      `SELECT t.status FROM volunteer_tasks t JOIN users u ON u.city_id = t.city_id AND u.user_id = t.user_id
        WHERE t.help_request_id = $1 AND u.email = $2`,
      [r.id, applicant.email],
    );
    expect(rows.map((x) => x.status)).toEqual(['offered']);
    // Already asked: no longer among the candidates.
    await expect
      .poll(() => panel.getByRole('checkbox', { name: new RegExp(applicant.name) }).count())
      .toBe(0);
  });

  it('the volunteer accepts the task, then marks it done with a note and the hours', async () => {
    const page = await e.page();
    await signIn(page, applicant.email, applicant.password, '/volontariato/compiti');
    await page.getByRole('heading', { level: 1, name: 'I miei compiti' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Da rispondere (1)' }).waitFor();
    const card = page.locator('article').filter({ hasText: 'consegna entro giovedì' });
    await card.waitFor();
    // Only what the task needs: no name of the person before accepting.
    await expect.poll(() => card.getByText('Persona e2e Volontari').count()).toBe(0);
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: 'Accetto' }).click();
    const accepted = page.getByRole('status').filter({ hasText: 'Compito accettato.' });
    await accepted.waitFor();
    expect(await accepted.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('heading', { level: 2, name: 'In corso (1)' }).waitFor();
    const mine = page.locator('article').filter({ hasText: 'consegna entro giovedì' });
    await mine.getByText('Persona e2e Volontari').waitFor();

    await mine.getByRole('button', { name: 'Segna come fatto' }).click();
    await mine.getByRole('heading', { name: 'Com’è andata' }).waitFor();
    expect(await focused(page, 'h4')).toBe(true);
    await mine.locator('textarea').fill('Spesa consegnata, il signore sta bene.');
    await mine.locator('input[inputmode="decimal"]').fill('1,3');
    await mine.getByRole('button', { name: 'Segna come fatto' }).last().click();
    await mine
      .getByRole('alert')
      .getByText(/a quarti d’ora/)
      .waitFor();
    await mine.locator('input[inputmode="decimal"]').fill('1,5');
    await mine.getByRole('button', { name: 'Segna come fatto' }).last().click();
    await page.getByRole('status').filter({ hasText: 'Compito segnato come fatto: 1,5 ore.' }).waitFor();
    await expect.poll(() => page.getByTestId('hours-total').textContent()).toMatch(/1,5$/);
    const past = page.locator('table.noi-vol-table');
    await past.getByText('Spesa consegnata, il signore sta bene.').waitFor();
    await expectNoAxeViolations(page);
  });

  it('the volunteer declines a task with a reason', async () => {
    const r = await newRequest('Persona e2e Rifiuto');
    const applicantRow = await volunteerRow(applicant.email);
    const { rows: op } = await e.t.database.pool.query<{ user_id: string }>(
      'SELECT user_id FROM users WHERE email = $1',
      [operator],
    );
    await e.t.database.pool.query(
      `INSERT INTO volunteer_tasks (city_id, help_request_id, user_id, brief, offered_by)
       VALUES ($1, $2, $3, 'Ritirare una ricetta dal medico in via Corsica, entro venerdì.', $4)`,
      [cityId, r.id, applicantRow!.user_id, op[0]!.user_id],
    );
    const page = await e.page();
    await signIn(page, applicant.email, applicant.password, '/volontariato/compiti');
    const card = page.locator('article').filter({ hasText: 'Ritirare una ricetta' });
    await card.getByRole('button', { name: 'Non posso' }).click();
    // The form opens below the button, its heading takes the focus.
    await card.getByRole('heading', { name: 'Dicci perché non puoi' }).waitFor();
    expect(await focused(page, 'h4')).toBe(true);
    expect(await card.getByRole('button', { name: 'Non posso' }).getAttribute('aria-expanded')).toBe('true');
    await card.getByRole('button', { name: 'Rifiuta il compito' }).click();
    await card
      .getByRole('alert')
      .getByRole('link', { name: /Scrivi il motivo/ })
      .waitFor();
    await expectNoAxeViolations(page);
    await card.locator('textarea').fill('Sono fuori città fino a lunedì.');
    await card.getByRole('button', { name: 'Rifiuta il compito' }).click();
    await page.getByRole('status').filter({ hasText: 'Compito rifiutato.' }).waitFor();
    await page.locator('table.noi-vol-table').getByText('Sono fuori città fino a lunedì.').waitFor();
    const { rows } = await e.t.database.pool.query<{ status: string; decline_reason: string }>(
      'SELECT status, decline_reason FROM volunteer_tasks WHERE help_request_id = $1',
      [r.id],
    );
    expect(rows).toEqual([{ status: 'declined', decline_reason: 'Sono fuori città fino a lunedì.' }]);
  });

  it('the demo volunteer sees their tasks, and the figures count the hours', async () => {
    const page = await e.page();
    await signIn(page, demoVolunteer, undefined, '/volontariato/compiti');
    await page.getByRole('heading', { level: 1, name: 'I miei compiti' }).waitFor();
    await page.getByTestId('hours-total').waitFor();
    await expectNoAxeViolations(page);

    const staff = await e.page();
    await signIn(staff, operator, undefined, '/sportello/volontari');
    await staff.getByTestId('figures-total').waitFor();
    await staff.getByRole('table', { name: 'Per volontario' }).getByText(applicant.name).waitFor();
    await expectNoAxeViolations(staff);
  });
});

describe('assign all (operator of Punto Comunità Lamarmora, zone Sud)', () => {
  it('proposes a matching for the zone, applies the ticked pairs, and discards another proposal', async () => {
    for (let i = 0; i < 3; i++) await newRequest(`Persona e2e Assegna ${i}`);
    const page = await e.page();
    await signIn(page, operator, undefined, '/sportello/assegna-tutti');
    await page.getByRole('heading', { level: 1, name: 'Assegna tutti' }).waitFor();
    await expectNoAxeViolations(page);

    // No zone: said, with the focus on the summary.
    await page.getByRole('button', { name: 'Prepara la proposta' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Scegli una zona' }).waitFor();

    const batchTasks = async () =>
      (
        await e.t.database.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM volunteer_tasks WHERE city_id = $1 AND batch_id IS NOT NULL',
          [cityId],
        )
      ).rows[0]!.n;
    const before = await batchTasks();
    await page.locator('#batch-zone').selectOption('sud');
    expect(await page.locator('#batch-strategy-optimal').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Prepara la proposta' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Proposta per Zona Sud' });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const rows = page.locator('table.noi-vol-table tbody tr');
    const n = await rows.count();
    expect(n).toBeGreaterThan(1);
    expect(await page.getByTestId('batch-summary').textContent()).toMatch(/abbinat/);
    await expectNoAxeViolations(page);
    // Nothing is offered before it is confirmed.
    expect(await batchTasks()).toBe(before);

    // Leave out the first pair.
    await rows.first().locator('label').click();
    await page.getByText(`Selezionate ${n - 1} su ${n}.`).waitFor();
    await page
      .getByRole('button', { name: `Conferma ${n - 1} ${n - 1 === 1 ? 'coppia' : 'coppie'}` })
      .click();
    const applied = page.getByRole('status').filter({ hasText: /^Confermata: \d+ compit/ });
    await applied.waitFor();
    const created = Number((await applied.textContent())?.match(/\d+/)?.[0]);
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(n - 1);
    expect(await batchTasks()).toBe(before + created);
    await page.getByText('Questa proposta è stata confermata.').waitFor();
    await expectNoAxeViolations(page);

    // Another proposal, discarded: nothing changes.
    await page.getByRole('button', { name: 'Prepara la proposta' }).click();
    await page
      .getByRole('button', { name: 'Scarta la proposta' })
      .or(page.getByText('Nessuna richiesta da abbinare.'))
      .first()
      .waitFor();
    if (await page.getByRole('button', { name: 'Scarta la proposta' }).count()) {
      const now = await batchTasks();
      await page.getByRole('button', { name: 'Scarta la proposta' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Proposta scartata: non è cambiato niente.' })
        .waitFor();
      expect(await batchTasks()).toBe(now);
    }
  });

  it('speaks English', async () => {
    const page = await e.page({ locale: 'en-GB' });
    await signIn(page, operator, undefined, '/sportello/assegna-tutti');
    await page.getByRole('heading', { level: 1, name: 'Assegna tutti' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assign all' }).waitFor();
    await page.getByText('The best matching (recommended)').waitFor();
    await expectNoAxeViolations(page);
  });

  it('is not for citizens', async () => {
    const page = await e.page();
    await signIn(page, 'cittadino@demo.cittadelnoi.it', undefined, '/sportello/assegna-tutti');
    await page.getByRole('heading', { level: 1, name: 'Non puoi vedere questa pagina' }).waitFor();
  });
});
