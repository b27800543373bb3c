import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const admin = 'admin@demo.cittadelnoi.it';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200' } });
});
afterAll(async () => {
  await e?.close();
});

const row = (page: Page, slug: string) => page.locator(`tr[data-slug="${slug}"]`);
/** The form's hours, as the rows show them: [day, opens, closes]. */
const hourRows = (page: Page) =>
  page
    .locator('.noi-cp-hours-row')
    .evaluateAll((rows) =>
      rows.map((r) =>
        [...r.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input')].map((c) => c.value),
      ),
    );

describe('the register of the Punti Comunità (city admin)', () => {
  it('lists every hub with its zone, neighbourhoods and state, and says all neighbourhoods are served', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/punti-comunita');
    await page.getByRole('heading', { level: 1, name: 'Gestione dei Punti Comunità' }).waitFor();
    expect(await page.title()).toBe('Gestione dei Punti Comunità · Città del Noi');
    await page.getByText('19 Punti Comunità, 19 attivi.').waitFor();
    await expect.poll(() => page.locator('table.noi-cp-admin-table tbody tr').count()).toBe(19);
    const lamarmora = row(page, 'lamarmora');
    expect(await lamarmora.locator('td').nth(0).textContent()).toBe('Zona Sud');
    expect(await lamarmora.locator('td').nth(1).textContent()).toBe('Lamarmora, Porta Cremona-Volta');
    expect(await lamarmora.locator('td').nth(2).textContent()).toBe('Attivo');
    await page.getByText('Ogni quartiere è seguito da almeno un Punto Comunità attivo.').waitFor();
    // The nav has the page, for the admin.
    expect(await page.locator('header a[href="/admin/punti-comunita"]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });

  it('edits a hub’s phone and hours; the public page shows them at once', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/punti-comunita');
    await row(page, 'folzano').getByRole('link', { name: 'Modifica Punto Comunità Folzano' }).click();
    await page.waitForURL('**/admin/punti-comunita/folzano/modifica');
    await page.getByRole('heading', { level: 1, name: 'Modifica: Punto Comunità Folzano' }).waitFor();
    expect(await page.locator('#cp-phone').inputValue()).toBe('030 000 1518');
    expect(await hourRows(page)).toEqual([
      ['1', '14:30', '17:30'],
      ['2', '09:00', '12:00'],
      ['4', '09:00', '12:00'],
    ]);
    expect(await page.locator('#cp-hood-folzano').isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    await page.locator('#cp-phone').fill('030 123 4567');
    // Monday now in the morning; Tuesday gone; a Saturday added.
    const first = page.locator('.noi-cp-hours-row').nth(0);
    await first.locator('input').nth(0).fill('08:30');
    await first.locator('input').nth(1).fill('11:00');
    await page.getByRole('button', { name: 'Togli l’orario 2' }).click();
    await page.getByRole('button', { name: 'Aggiungi un orario' }).click();
    const added = page.locator('.noi-cp-hours-row').nth(2);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await added.locator('select').selectOption('6');
    await added.locator('input').nth(0).fill('10:00');
    await added.locator('input').nth(1).fill('12:30');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    const notice = page.locator('.alert-success');
    await notice.getByText('Le modifiche sono state salvate.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('alert-success')))
      .toBe(true);
    expect(await hourRows(page)).toEqual([
      ['1', '08:30', '11:00'],
      ['4', '09:00', '12:00'],
      ['6', '10:00', '12:30'],
    ]);
    await expectNoAxeViolations(page);

    await notice.getByRole('link', { name: 'Vedi la pagina pubblica' }).click();
    await page.waitForURL('**/punti-comunita/folzano');
    await page.getByRole('heading', { level: 1, name: 'Punto Comunità Folzano' }).waitFor();
    expect(await page.locator('a[href="tel:0301234567"]').textContent()).toBe('030 123 4567');
    expect(await page.locator('.noi-cp-hours li').allTextContents()).toEqual([
      'lunedì 8:30–11:00',
      'giovedì 9:00–12:00',
      'sabato 10:00–12:30',
    ]);
  });

  it('checks the form first (an error summary that takes the focus), then shows the server’s errors by the field', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/punti-comunita/sanpolino/modifica');
    await page.getByRole('heading', { level: 1, name: /^Modifica: / }).waitFor();
    await page.locator('#cp-name').fill('');
    await page.locator('#cp-email').fill('non-una-email');
    const first = page.locator('.noi-cp-hours-row').nth(0);
    await first
      .locator('input')
      .nth(1)
      .fill(await first.locator('input').nth(0).inputValue());
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    const summary = page.locator('.alert-danger[role="alert"]');
    await summary.getByText('Ci sono 3 cose da correggere:').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await summary.getByRole('link', { name: /nome del Punto Comunità/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cp-name');
    expect(await page.locator('#cp-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#cp-name').getAttribute('aria-describedby')).toContain('cp-name-error');
    await expectNoAxeViolations(page);

    // Correct those, but put the hub in Rome: the server says it is outside the city, by the coordinates.
    await page.locator('#cp-name').fill('Punto Comunità Sanpolino');
    await page.locator('#cp-email').fill('pc.sanpolino@example.org');
    await first.locator('input').nth(1).fill('23:00');
    await page.locator('#cp-lat').fill('41,9');
    await page.locator('#cp-lon').fill('12,5');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page
      .locator('.alert-danger')
      .getByText(/non si trova nel territorio di Brescia/)
      .waitFor();
    await page
      .locator('#cp-lat-error')
      .getByText(/non si trova nel territorio/)
      .waitFor();
    const { rows } = await e.t.database.pool.query(
      "SELECT lat FROM community_points WHERE slug = 'sanpolino'",
    );
    expect(rows[0].lat).not.toBe(41.9);
  });

  it('creates a new hub (the code comes from the name; a code in use is refused)', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/punti-comunita');
    await page.getByRole('link', { name: 'Nuovo Punto Comunità' }).click();
    await page.waitForURL('**/admin/punti-comunita/nuovo');
    await page.getByRole('heading', { level: 1, name: 'Nuovo Punto Comunità' }).waitFor();
    await page.locator('#cp-name').fill('Punto Comunità Prova Città');
    expect(await page.locator('#cp-slug').inputValue()).toBe('prova-citta');
    await page.locator('#cp-hostName').fill('Associazione di prova');
    await page.locator('#cp-address').fill('Via di prova 1, Brescia');
    // A click on the map fills the coordinates.
    const map = page.getByTestId('cp-point-picker');
    await map.locator('path.leaflet-interactive, svg path').first().waitFor({ state: 'attached' });
    await map.click();
    await expect.poll(() => page.locator('#cp-lat').inputValue()).toMatch(/^45\.\d+$/);
    await page.locator('#cp-lat').fill('45.5376');
    await page.locator('#cp-lon').fill('10.2272');
    await page.locator('label[for="cp-hood-brescia-antica"]').click();
    await page.getByRole('button', { name: 'Aggiungi un orario' }).click();
    await expectNoAxeViolations(page);

    // A code already in use: refused before sending.
    await page.locator('#cp-slug').fill('folzano');
    await page.getByRole('button', { name: 'Crea il Punto Comunità' }).click();
    await page
      .getByText('Il codice «folzano» è già usato da un altro Punto Comunità: scegline un altro.')
      .first()
      .waitFor();

    await page.locator('#cp-slug').fill('prova-citta');
    await page.getByRole('button', { name: 'Crea il Punto Comunità' }).click();
    await page.waitForURL('**/admin/punti-comunita/prova-citta/modifica');
    await page.locator('.alert-success').getByText('Il Punto Comunità è stato creato.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Modifica: Punto Comunità Prova Città' }).waitFor();
    const { rows } = await e.t.database.pool.query(
      "SELECT zone_code, neighbourhood_code, hours FROM community_points WHERE slug = 'prova-citta'",
    );
    expect(rows[0]).toMatchObject({
      zone_code: 'centro',
      hours: [{ day: 1, opens: '09:00', closes: '12:00' }],
    });

    await page.getByRole('link', { name: 'Torna all’elenco dei Punti Comunità' }).first().click();
    await page.getByText('20 Punti Comunità, 20 attivi.').waitFor();
  });

  it('warns about neighbourhoods left without an active hub', async () => {
    const page = await e.page();
    await signIn(page, admin, undefined, '/admin/punti-comunita/buffalora/modifica');
    await page.getByRole('heading', { level: 1, name: 'Modifica: Punto Comunità Buffalora' }).waitFor();
    await page.locator('label[for="cp-active"]').click();
    expect(await page.locator('#cp-active').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByText('Le modifiche sono state salvate.').waitFor();
    await page.getByRole('link', { name: 'Torna all’elenco dei Punti Comunità' }).first().click();
    const warning = page.getByTestId('cp-uncovered');
    await warning.getByText('1 quartiere non è seguito da nessun Punto Comunità attivo:').waitFor();
    expect(await warning.locator('li').allTextContents()).toEqual(['Buffalora-Bettole (Zona Est)']);
    await warning.getByText(/vanno all’ufficio del servizio sociale della zona/).waitFor();
    expect(await row(page, 'buffalora').locator('td').nth(2).textContent()).toBe('Non attivo');
    await expectNoAxeViolations(page);
    // Its public page says it is closed, and offers no way to ask it for help.
    await page.goto('/punti-comunita/buffalora');
    await page.getByText('Questo Punto Comunità non è più attivo').waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: 'Chiedi aiuto a questo Punto Comunità' }).count())
      .toBe(0);
  });

  it('speaks English', async () => {
    const page = await e.page({ locale: 'en-GB' });
    await signIn(page, admin, undefined, '/admin/punti-comunita/lamarmora/modifica');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: Punto Comunità Lamarmora' }).waitFor();
    await page.getByRole('button', { name: 'Add opening hours' }).waitFor();
    await expectNoAxeViolations(page);
  });
});

describe('not for everyone', () => {
  it('tells a citizen and an operator the page is not for them', async () => {
    for (const email of ['cittadino@demo.cittadelnoi.it', 'operatore.lamarmora@demo.cittadelnoi.it']) {
      const page = await e.page();
      await signIn(page, email, undefined, '/admin/punti-comunita');
      await page.getByRole('heading', { level: 1, name: 'Non puoi vedere questa pagina' }).waitFor();
      await expect.poll(() => page.locator('table').count()).toBe(0);
      await page.goto('/admin/punti-comunita/nuovo');
      await page.getByRole('heading', { level: 1, name: 'Non puoi vedere questa pagina' }).waitFor();
      await expect.poll(() => page.locator('#cp-name').count()).toBe(0);
      await expect.poll(() => page.locator('header a[href="/admin/punti-comunita"]').count()).toBe(0);
    }
  });

  it('sends an anonymous visitor to sign in, and back after', async () => {
    const page = await e.page();
    await page.goto('/admin/punti-comunita/lamarmora/modifica');
    await page.waitForURL((url) => url.pathname === '/accedi');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/punti-comunita/lamarmora/modifica');
  });
});
