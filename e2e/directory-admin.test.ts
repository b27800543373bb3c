import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const fixture = path.resolve(import.meta.dirname, '../test/fixtures/directory/servizi-esempio.csv');

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200' } });
});
afterAll(async () => {
  await e?.close();
});

describe('managing the directory (city admin)', () => {
  it('lists entries not checked for a year and marks one as checked', async () => {
    const page = await e.page();
    await signIn(page, 'admin@demo.cittadelnoi.it', undefined, '/admin/servizi');
    await page.getByRole('heading', { level: 1, name: 'Gestione della mappa dei servizi' }).waitFor();
    const count = page.getByText(/schede? da controllare\./);
    await count.waitFor();
    const before = Number((await count.textContent())?.match(/\d+/)?.[0]);
    expect(before).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page
      .getByRole('button', { name: /Segna come controllata/ })
      .first()
      .click();
    await page.getByText(/è segnata come controllata oggi/).waitFor();
    await expect.poll(async () => Number((await count.textContent())?.match(/\d+/)?.[0])).toBe(before - 1);
  });

  it('checks a spreadsheet first, then imports it, showing what was created', async () => {
    const page = await e.page();
    await signIn(page, 'admin@demo.cittadelnoi.it', undefined, '/admin/servizi');
    await page.locator('#import-file').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Controlla il file' }).click();
    await page.getByText(/Il file è corretto: \d+ righe pronte/).waitFor();
    const { rows: none } = await e.t.database.pool.query(
      "SELECT 1 FROM dir_services WHERE name = 'Doposcuola Aurora'",
    );
    expect(none).toHaveLength(0);
    // Bootstrap Italia draws its own checkbox over the input: click the label, as a person does.
    await page.locator('label[for="import-dry-run"]').click();
    expect(await page.locator('#import-dry-run').isChecked()).toBe(false);
    await page.locator('#import-file').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Importa', exact: true }).click();
    await page.getByText(/Importazione completata/).waitFor();
    await expectNoAxeViolations(page);
    const { rows } = await e.t.database.pool.query(
      "SELECT 1 FROM dir_services WHERE name = 'Doposcuola Aurora'",
    );
    expect(rows).toHaveLength(1);
  });

  it('reports row by row what is wrong in a file, and imports nothing', async () => {
    const page = await e.page();
    await signIn(page, 'admin@demo.cittadelnoi.it', undefined, '/admin/servizi');
    const broken = [
      'organizzazione;tipo_organizzazione;servizio;categorie;indirizzo;comune;eta_min;eta_max',
      'Associazione Prova;odv;Servizio A;categoria-inventata;Via Roma 1;Brescia;10;5',
    ].join('\n');
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'rotto.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Controlla il file' }).click();
    const table = page.locator('table', {
      has: page.locator('caption', { hasText: /error[ei] da correggere/ }),
    });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await table.textContent()).toContain('L’età minima (10) è maggiore dell’età massima (5).');
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('2');
    await expectNoAxeViolations(page);
  });

  it('is not for a citizen', async () => {
    const page = await e.page();
    await signIn(page, 'cittadino@demo.cittadelnoi.it', undefined, '/admin/servizi');
    await page.getByText(/Non puoi vedere questa pagina/).waitFor();
  });
});
