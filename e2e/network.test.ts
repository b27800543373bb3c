import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const lamarmora = 'operatore.lamarmora@demo.cittadelnoi.it';
const folzano = 'operatore.folzano@demo.cittadelnoi.it';
const admin = 'admin@demo.cittadelnoi.it';
const subject = 'Scambio di tavoli per la festa di quartiere';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200' } });
});
afterAll(async () => {
  await e?.close();
});

describe('the hubs’ network', () => {
  it('an operator finds the city’s announcement unread, opens it and replies', async () => {
    const page = await e.page();
    await signIn(page, lamarmora, undefined, '/rete');
    await page.getByRole('heading', { level: 1, name: 'Rete dei Punti Comunità' }).waitFor();
    // The nav leads here; unread counts are said in words, not colour alone.
    await page.locator('header a[href="/rete"]').first().waitFor();
    await page.getByText('Hai 4 messaggi non letti.').waitFor();
    const item = page.locator('li.noi-net-item').filter({
      has: page.getByRole('link', { name: 'Formazione comune per gli operatori dei Punti Comunità' }),
    });
    await item.getByText('3 non letti').waitFor();
    await item.getByText('Avviso del Comune').waitFor();
    await expectNoAxeViolations(page);

    await item.getByRole('link').click();
    await page
      .getByRole('heading', { level: 1, name: 'Formazione comune per gli operatori dei Punti Comunità' })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: '3 messaggi' }).waitFor();
    await expectNoAxeViolations(page);

    // An empty reply is refused before sending.
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByText('Scrivi la risposta prima di inviarla.').waitFor();
    // Markup is kept as text, never rendered.
    await page.locator('#net-reply').fill('Da Lamarmora veniamo in due. <b>grazie</b>');
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByRole('status').filter({ hasText: 'Messaggio inviato.' }).waitFor();
    await expect
      .poll(() => page.locator('[aria-live="polite"]').filter({ hasText: 'Messaggio inviato.' }).count())
      .toBe(1);
    await page.getByText('Da Lamarmora veniamo in due. <b>grazie</b>').waitFor();
    await expect.poll(() => page.locator('.noi-net-body b').count()).toBe(0);
    expect(await page.locator('#net-reply').inputValue()).toBe('');
    await expectNoAxeViolations(page);

    // Back on the list, the announcement is read.
    await page.getByRole('link', { name: 'Torna alla Rete dei Punti' }).click();
    await page.getByText('Hai 1 messaggio non letto.').waitFor();
  });

  it('the operator starts a conversation with another hub; that hub sees it unread, then read', async () => {
    const page = await e.page();
    await signIn(page, lamarmora, undefined, '/rete/nuova');
    await page.getByRole('heading', { level: 1, name: 'Nuova discussione' }).waitFor();
    await expectNoAxeViolations(page);
    // Nothing filled in: the errors are told.
    await page.getByRole('button', { name: 'Avvia la conversazione' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Controlla questi campi.' });
    await alert.waitFor();
    await page.getByText('Scegli almeno un altro Punto Comunità.').waitFor();
    await expectNoAxeViolations(page);
    // Its own hub is not offered; hubs are grouped by zone.
    await expect.poll(() => page.locator('#net-hub-lamarmora').count()).toBe(0);
    const sud = page
      .locator('fieldset.noi-net-zone')
      .filter({ has: page.locator('legend', { hasText: 'Sud' }) });
    await sud.locator('label[for="net-hub-folzano"]').click();
    await page.locator('#net-subject').fill(subject);
    await page.locator('#net-body').fill('Ci prestate 10 tavoli per sabato?');
    await page.getByRole('button', { name: 'Avvia la conversazione' }).click();
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByText('Ci prestate 10 tavoli per sabato?').waitFor();
    await expectNoAxeViolations(page);

    const other = await e.page();
    await signIn(other, folzano, undefined, '/rete');
    const item = other.locator('li.noi-net-item').filter({ has: other.getByRole('link', { name: subject }) });
    await item.getByText('1 non letto').waitFor();
    await item.getByText('Conversazione').waitFor();
    await expectNoAxeViolations(other);
    await item.getByRole('link').click();
    await other.getByRole('heading', { level: 1, name: subject }).waitFor();
    await other.getByRole('link', { name: 'Torna alla Rete dei Punti' }).click();
    await expect.poll(() => item.getByText('1 non letto').count()).toBe(0);

    // A mail waits in the outbox for Folzano's address.
    const { rows } = await e.t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE "to" = 'pc.folzano@demo.cittadelnoi.it' AND subject LIKE $1`,
      [`%${subject}%`],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('the city sends an announcement to every hub', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/rete/nuova');
    await page.getByRole('heading', { level: 1, name: 'Nuova discussione' }).waitFor();
    expect(await page.locator('#net-kind-announcement').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await page.locator('#net-subject').fill('Chiusura estiva degli uffici');
    await page.locator('#net-body').fill('Gli uffici del Comune sono chiusi dal 10 al 20 agosto.');
    await page.getByRole('button', { name: 'Manda l’avviso' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chiusura estiva degli uffici' }).waitFor();
    await page.getByText('A tutti i Punti Comunità (19)').waitFor();
    await expectNoAxeViolations(page);
  });
});
