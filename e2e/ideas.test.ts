import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../src/modules/ideas/files.ts';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const citizenEmail = 'cittadino@demo.cittadelnoi.it';
const memberEmail = 'tavolo@demo.cittadelnoi.it';
const adminEmail = 'admin@demo.cittadelnoi.it';
const callSlug = 'idee-per-non-sentirsi-soli';

let e: E2E;
let citizen: Page;
let member: Page;
let proposalId: string;

beforeAll(async () => {
  e = await startE2E({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '1000' },
  });
});
afterAll(async () => {
  await e?.close();
});

const status = (page: Page) => page.locator('#idea-status-title ~ p .noi-idea-status').first();

describe('calls for ideas and proposals', () => {
  it('shows the open calls to everyone, in plain words', async () => {
    const page = await e.page();
    await page.goto('/proposte');
    await page.getByRole('heading', { level: 1, name: 'Hai un’idea per il tuo quartiere?' }).waitFor();
    await page.getByRole('link', { name: 'Idee per non sentirsi soli' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Idee per non sentirsi soli' }).click();
    await page.getByRole('heading', { level: 1, name: 'Idee per non sentirsi soli' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Proposte accolte' }).waitFor();
    expect(await page.getByRole('link', { name: 'Accedi' }).last().getAttribute('href')).toBe(
      `/accedi?next=${encodeURIComponent(`/proposte/bandi/${callSlug}`)}`,
    );
    await expectNoAxeViolations(page);
  });

  it('lets a citizen submit a proposal with a PDF, after clear errors', async () => {
    citizen = await e.page();
    await signIn(citizen, citizenEmail, undefined, `/proposte/bandi/${callSlug}`);
    await citizen.getByRole('heading', { level: 2, name: 'Presenta una proposta' }).waitFor();
    await citizen.getByRole('button', { name: 'Invia la proposta' }).click();
    const summary = citizen.getByRole('alert').filter({ hasText: 'Controlla questi punti' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => summary.locator('li').count()).toBeGreaterThanOrEqual(5);
    await expectNoAxeViolations(citizen);

    await citizen.locator('#prop-title').fill('Tè e carte al Punto Comunità');
    await citizen
      .locator('#prop-what')
      .fill(
        'Un pomeriggio a settimana tè, biscotti e carte per chi vive da solo, con i volontari del quartiere.',
      );
    await citizen.locator('#prop-whereText').fill('Sala del Punto Comunità, via Milano');
    await citizen.locator('#prop-neighbourhoodCode').selectOption('porta-milano');
    await citizen.locator('#prop-forWhom').fill('Anziani soli del quartiere');
    await citizen.locator('#prop-partners').fill('Parrocchia, Bar Centrale');
    await citizen.locator('#prop-ask').fill('La sala il mercoledì pomeriggio');
    await citizen.locator('#prop-doc-progetto').setInputFiles({
      name: 'progetto tè.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('Te e carte'),
    });
    await citizen.getByRole('button', { name: 'Invia la proposta' }).click();
    await citizen.waitForURL(/\/le-mie-proposte\/[0-9a-f-]{36}/);
    proposalId = new URL(citizen.url()).pathname.split('/').pop()!;
    await citizen.getByRole('heading', { level: 1, name: 'Tè e carte al Punto Comunità' }).waitFor();
    await citizen.getByText('Proposta inviata.').waitFor();
    expect(await status(citizen).textContent()).toBe('Ricevuta');
    await citizen.getByRole('link', { name: 'progetto tè.pdf' }).waitFor();
    await expectNoAxeViolations(citizen);
  });

  it('lets a table member review it and ask for changes', async () => {
    member = await e.page();
    await signIn(member, memberEmail, undefined, '/tavoli');
    await member.getByRole('heading', { level: 1, name: 'Tavoli tematici: proposte da valutare' }).waitFor();
    await member.locator('#tables-status').selectOption('received');
    await member.getByRole('link', { name: 'Tè e carte al Punto Comunità' }).waitFor();
    await expectNoAxeViolations(member);
    await member.getByRole('link', { name: 'Tè e carte al Punto Comunità' }).click();
    await member.getByRole('heading', { level: 1, name: 'Tè e carte al Punto Comunità' }).waitFor();
    await expectNoAxeViolations(member);

    await member.locator('label[for="step-under_review"]').click();
    await member.getByRole('button', { name: 'Conferma' }).click();
    await member.getByText('Fatto: la proposta è cambiata di stato').waitFor();
    await member.locator('#grid-relevance').selectOption('5');
    await member.locator('#grid-feasibility').selectOption('4');
    await member.locator('#grid-comment').fill('Semplice e utile.');
    await member.getByRole('button', { name: 'Salva la valutazione' }).click();
    await member.getByText('Valutazione salvata.').waitFor();
    await member.locator('#comment-text').fill('Sentiamo il Punto Comunità per la sala.');
    await member.getByRole('button', { name: 'Aggiungi il commento' }).click();
    await member.getByText('Commento aggiunto.').waitFor();

    await member.locator('label[for="step-changes_requested"]').click();
    await member.getByRole('button', { name: 'Conferma' }).click();
    await member.getByRole('alert').filter({ hasText: 'almeno 10 caratteri' }).waitFor();
    await member.locator('#step-reasons').fill('Indicate l’orario e chi accompagna chi non cammina bene.');
    await member.getByRole('button', { name: 'Conferma' }).click();
    await member.locator('.lead .noi-idea-status', { hasText: 'Modifiche richieste' }).waitFor();
    await expectNoAxeViolations(member);
  });

  it('lets the citizen read the reasons, change the proposal and resubmit it', async () => {
    await citizen.goto(`/le-mie-proposte/${proposalId}`);
    await citizen.getByTestId('proposal-reasons').waitFor();
    expect(await citizen.getByTestId('proposal-reasons').textContent()).toBe(
      'Indicate l’orario e chi accompagna chi non cammina bene.',
    );
    await expect.poll(() => citizen.getByText('Sentiamo il Punto Comunità per la sala.').count()).toBe(0);
    await citizen.getByRole('button', { name: 'Modifica e ripresenta' }).click();
    await citizen
      .locator('#prop-what')
      .fill(
        'Ogni mercoledì dalle 15 alle 17 tè, biscotti e carte; i volontari accompagnano chi non cammina bene.',
      );
    await expectNoAxeViolations(citizen);
    await citizen.getByRole('button', { name: 'Salva e ripresenta' }).click();
    await citizen.getByText('Proposta salvata.').waitFor();
    await expect.poll(() => status(citizen).textContent()).toBe('In valutazione');
  });

  it('lets the member accept it, and the citizen sees the reasons and the initiative', async () => {
    await member.goto(`/tavoli/proposte/${proposalId}`);
    await member.locator('label[for="step-accepted"]').click();
    await member.locator('#step-reasons').fill('Accolta: il Punto Comunità mette a disposizione la sala.');
    await member.getByRole('button', { name: 'Conferma' }).click();
    await member.locator('.lead .noi-idea-status', { hasText: 'Accolta' }).waitFor();
    await member.getByRole('link', { name: 'Vai all’iniziativa' }).waitFor();

    await citizen.goto(`/le-mie-proposte/${proposalId}`);
    await expect.poll(() => status(citizen).textContent()).toBe('Accolta');
    expect(await citizen.getByTestId('proposal-reasons').textContent()).toBe(
      'Accolta: il Punto Comunità mette a disposizione la sala.',
    );
    const link = citizen.getByRole('link', { name: 'Vai all’iniziativa' });
    expect(await link.getAttribute('href')).toMatch(/^\/iniziative\/[a-z0-9-]+$/);
    await expectNoAxeViolations(citizen);
    await citizen.goto('/le-mie-proposte');
    await citizen.getByRole('link', { name: 'Tè e carte al Punto Comunità' }).waitFor();
    await expectNoAxeViolations(citizen);
    const mails = await e.t.database.pool.query(
      `SELECT subject FROM mail_outbox WHERE "to" = $1 AND subject LIKE '%Tè e carte%'`,
      [citizenEmail],
    );
    expect(mails.rows.length).toBe(5);
  });

  it('shows the city its calls and tables', async () => {
    const page = await e.page();
    await signIn(page, adminEmail, undefined, '/admin/bandi');
    await page.getByRole('heading', { level: 1, name: 'Bandi di idee e tavoli tematici' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Tavolo anziani e fragilità' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Nuovo bando' }).click();
    await page.locator('#call-title').waitFor();
    await expectNoAxeViolations(page);
  });
});
