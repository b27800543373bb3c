import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/service/accounts.ts';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

const orgAdminEmail = 'referente.famiglie@example.org';
const orgAdminPassword = 'password-lunga-1';

let e: E2E;
let service: { id: string; organizationId: string };
let otherService: { id: string; organizationId: string };

async function serviceNamed(name: string) {
  const { rows } = await e.t.database.pool.query<{ service_id: string; organization_id: string }>(
    `SELECT service_id, organization_id FROM dir_services s JOIN cities c USING (city_id)
      WHERE c.code = 'brescia' AND s.name = $1`,
    [name],
  );
  return { id: rows[0]!.service_id, organizationId: rows[0]!.organization_id };
}

const publicService = async (id: string) =>
  (await e.t.app.inject({ method: 'GET', url: `/api/v1/directory/services/${id}` })).json();

beforeAll(async () => {
  e = await startE2E({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '200' } });
  service = await serviceNamed('Spazio gioco 0-3 anni');
  otherService = await serviceNamed('Centro diurno per anziani');
  expect(otherService.organizationId).not.toBe(service.organizationId);
  const { rows } = await e.t.database.pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  await createUser(e.t.database.pool, rows[0]!.city_id, {
    email: orgAdminEmail,
    displayName: 'Referente Famiglie al Centro',
    password: orgAdminPassword,
    assignments: [{ role: 'org_admin', scope: { kind: 'organisation', ref: service.organizationId } }],
  });
});
afterAll(async () => {
  await e?.close();
});

describe("an organisation's admin", () => {
  it('finds their organisation and its services on /le-mie-schede', async () => {
    const page = await e.page();
    await signIn(page, orgAdminEmail, orgAdminPassword, '/le-mie-schede');
    await page.getByRole('heading', { level: 1, name: 'Le mie schede' }).waitFor();
    expect(await page.title()).toBe('Le mie schede · Città del Noi');
    const org = page.getByTestId('my-organization');
    await org.waitFor();
    expect(await page.getByTestId('my-organization').count()).toBe(1);
    await org.getByRole('link', { name: 'Spazio gioco 0-3 anni', exact: true }).waitFor();
    expect(
      await org
        .getByRole('link', { name: 'Modifica «Spazio gioco 0-3 anni»', exact: true })
        .getAttribute('href'),
    ).toBe(`/servizi/${service.id}/modifica`);
    expect(await org.getByRole('link', { name: /^Modifica i dati dell'organizzazione/ }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('edits the description and a category of their service; only those are sent', async () => {
    const page = await e.page();
    await signIn(page, orgAdminEmail, orgAdminPassword, '/le-mie-schede');
    await page.getByRole('link', { name: 'Modifica «Spazio gioco 0-3 anni»', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifica: Spazio gioco 0-3 anni' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/servizi/${service.id}/modifica`);
    // Pre-filled with what the service has now.
    const before = await publicService(service.id);
    expect(await page.getByLabel('Nome del servizio').inputValue()).toBe(before.name);
    expect(await page.getByLabel('Descrizione', { exact: true }).inputValue()).toBe(before.description);
    expect(await page.getByLabel('Età massima, in anni (facoltativo)').inputValue()).toBe('3');
    expect(await page.locator('#service-category-prima-infanzia').isChecked()).toBe(true);
    expect(await page.locator('#service-category-cultura-socialita').isChecked()).toBe(false);
    expect(await page.locator('#service-language-it').isChecked()).toBe(true);
    expect(await page.locator('label[for="service-language-uk"]').textContent()).toBe('Ucraino (uk)');
    await expectNoAxeViolations(page);

    const description = 'Mattine di gioco, musica e letture per bambini da 0 a 3 anni con i genitori.';
    await page.getByLabel('Descrizione', { exact: true }).fill(description);
    // Bootstrap Italia draws its own checkbox over the input: click the label, as a person does.
    await page.locator('label[for="service-category-cultura-socialita"]').click();
    expect(await page.locator('#service-category-cultura-socialita').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Modifiche salvate' });
    await notice.waitFor();
    expect(
      await notice.getByRole('link', { name: 'Torna alla scheda del servizio' }).getAttribute('href'),
    ).toBe(`/servizi/${service.id}`);
    await expectNoAxeViolations(page);

    const after = await publicService(service.id);
    expect(after.description).toBe(description);
    expect(after.categories.map((c: { code: string }) => c.code).sort()).toEqual(
      ['cultura-socialita', 'famiglie', 'prima-infanzia'].sort(),
    );
    expect(after.name).toBe(before.name);
    const { rows } = await e.t.database.pool.query<{ detail: { fields: string[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'update' AND resource = 'directory_service'
        AND resource_id = $1 ORDER BY audit_id DESC LIMIT 1`,
      [service.id],
    );
    expect(rows[0]!.detail.fields.sort()).toEqual(['categories', 'description']);

    // Saving again with nothing changed sends nothing.
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByText('Non hai cambiato nessun dato').waitFor();
  });

  it('is told next to the field when the e-mail is wrong, and nothing is saved', async () => {
    const page = await e.page();
    await signIn(page, orgAdminEmail, orgAdminPassword, `/servizi/${service.id}/modifica`);
    const email = page.getByLabel('E-mail (facoltativo)');
    // Everything works from the keyboard: a checkbox toggles with Space, Enter sends the form.
    await page.locator('#service-language-en').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#service-language-en').isChecked()).toBe(true);
    await email.fill('spazio-gioco-at-example');
    await email.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Correggi i campi segnati');
    const error = page.locator('#service-email-error');
    expect(await error.textContent()).toContain('Questo indirizzo e-mail non è completo');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect((await email.getAttribute('aria-describedby'))?.split(' ')).toContain('service-email-error');
    await expectNoAxeViolations(page);
    expect((await publicService(service.id)).email).not.toBe('spazio-gioco-at-example');
  });

  it("may not edit another organisation's service", async () => {
    const page = await e.page();
    await signIn(page, orgAdminEmail, orgAdminPassword, `/servizi/${otherService.id}/modifica`);
    await page.getByRole('heading', { level: 1, name: 'Non puoi vedere questa pagina' }).waitFor();
    expect(await page.locator('form.noi-edit-form').count()).toBe(0);
    await page.goto(`/organizzazioni/${otherService.organizationId}/modifica`);
    await page.getByRole('heading', { level: 1, name: 'Non puoi vedere questa pagina' }).waitFor();
  });
});

describe('the city admin', () => {
  it("edits an organisation's phone", async () => {
    const page = await e.page();
    await signIn(page, 'admin@demo.cittadelnoi.it', undefined, '/le-mie-schede');
    await page.getByRole('heading', { level: 2, name: 'Tutte le schede della città' }).waitFor();
    await page.getByText(/servizi trovati\./).waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`/organizzazioni/${otherService.organizationId}/modifica`);
    const phone = page.getByLabel('Telefono (facoltativo)');
    await phone.waitFor();
    await phone.fill('030 7654321');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifiche salvate' }).waitFor();
    await expectNoAxeViolations(page);
    const org = (
      await e.t.app.inject({
        method: 'GET',
        url: `/api/v1/directory/organizations/${otherService.organizationId}`,
      })
    ).json();
    expect(org.phone).toBe('030 7654321');
  });
});

describe('everyone else', () => {
  it('is asked to sign in first', async () => {
    const page = await e.page();
    await page.goto('/le-mie-schede');
    await page.waitForURL((url) => url.pathname === '/accedi');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/le-mie-schede');
  });

  it('is told plainly that they have no organisation', async () => {
    const page = await e.page();
    await signIn(page, 'cittadino@demo.cittadelnoi.it', undefined, '/le-mie-schede');
    await page.getByText(/Non hai schede da modificare/).waitFor();
    expect(await page.getByTestId('my-organization').count()).toBe(0);
    await expectNoAxeViolations(page);
  });
});
