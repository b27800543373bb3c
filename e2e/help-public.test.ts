import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, signIn, startE2E } from './harness.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

const rows = async (): Promise<number> => {
  const { rows } = await e.t.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM help_requests',
  );
  return rows[0]!.n;
};
const byCode = async (code: string) => {
  const { rows } = await e.t.database.pool.query<{
    category: string;
    neighbourhood_code: string;
    circumstances: Record<string, unknown>;
    channel: string;
    contact_name: string;
    contact_email: string | null;
    citizen_id: string | null;
  }>(
    `SELECT category, neighbourhood_code, circumstances, channel, contact_name, contact_email, citizen_id
       FROM help_requests WHERE tracking_code = $1`,
    [code.replace('-', '')],
  );
  return rows;
};

/** Presses Tab until the element with `id` has the focus; fails when it never does. */
async function tabTo(page: Page, id: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const codePattern = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** Switches emergency mode through the API, signed in as the city's administrator. */
async function setEmergency(value: {
  active: boolean;
  phone: string | null;
  message: string | null;
  categories: string[];
}) {
  const page = await e.page();
  await signIn(page, 'admin@demo.cittadelnoi.it');
  const status = await page.evaluate(async (body) => {
    const token = document.cookie
      .split('; ')
      .find((c) => c.startsWith('noi_csrf='))
      ?.slice('noi_csrf='.length);
    const res = await fetch('/api/v1/emergency', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(token ?? '') },
      body: JSON.stringify(body),
    });
    return res.status;
  }, value);
  expect(status).toBe(200);
  await page.close();
}

describe('asking for help', () => {
  it('a person fills the form with the keyboard alone, sees the suggestion, gets a code and follows it', async () => {
    const before = await rows();
    const page = await e.page();
    await page.goto('/chiedi-aiuto');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Chiedi aiuto');
    expect(await page.title()).toBe('Chiedi aiuto · Città del Noi');
    await expect.poll(() => page.locator('#help-neighbourhoodCode option').count()).toBeGreaterThan(30);
    await expectNoAxeViolations(page);

    await tabTo(page, 'help-description');
    await page.keyboard.type('Non riesco ad andare in farmacia, non posso uscire di casa.');
    const suggestion = page.getByTestId('help-suggestion');
    await expect.poll(() => suggestion.textContent()).toContain('Suggerito: Farmaci');
    expect(await suggestion.textContent()).toContain('perché hai scritto «farmacia»');
    // Until the person chooses, the suggestion chooses for them, and says so.
    expect(await page.locator('#help-category-medicines').isChecked()).toBe(true);
    expect(await suggestion.textContent()).toContain('L’abbiamo scelto qui sotto: puoi cambiarlo.');

    await tabTo(page, 'help-neighbourhoodCode');
    await page.keyboard.type('Lamarmora');
    await expect.poll(() => page.locator('#help-neighbourhoodCode').inputValue()).toBe('lamarmora');
    await tabTo(page, 'help-livesAlone');
    await page.keyboard.press('Space');
    await tabTo(page, 'help-age');
    await page.keyboard.type('82');
    await tabTo(page, 'help-name');
    await page.keyboard.type('Maria Rossi');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('help-phone');
    await page.keyboard.type('333 123 4567');
    await tabTo(page, 'help-consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.type)).toBe(
      'submit',
    );
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('h1').textContent()).toBe('Richiesta inviata');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const code = (await page.getByTestId('tracking-code').textContent()) ?? '';
    expect(code).toMatch(codePattern);
    expect(await page.getByTestId('help-who').textContent()).toBe('Ti contatterà Punto Comunità Lamarmora.');
    await expect.poll(() => page.locator('#main a[href="tel:0300001407"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    expect(await rows()).toBe(before + 1);
    const [saved] = await byCode(code);
    expect(saved).toMatchObject({
      category: 'medicines',
      neighbourhood_code: 'lamarmora',
      channel: 'web',
      contact_name: 'Maria Rossi',
    });
    expect(saved?.circumstances).toEqual({ livesAlone: true, age: 82 });

    const follow = page.getByRole('link', { name: 'Segui la richiesta' });
    await follow.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/segui/${code}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`La tua richiesta ${code}`);
    expect(await page.getByTestId('help-status').textContent()).toContain('Ricevuta');
    expect(await page.locator('#main').textContent()).toContain('Punto Comunità Lamarmora');
    expect(await page.locator('.noi-help-steps li').count()).toBeGreaterThanOrEqual(1);
    await expectNoAxeViolations(page);
  });

  it('shows what is missing at the top, linked to the fields, and creates nothing', async () => {
    const before = await rows();
    const page = await e.page();
    await page.goto('/chiedi-aiuto');
    await expect.poll(() => page.locator('#help-neighbourhoodCode option').count()).toBeGreaterThan(30);
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'error-summary',
    );
    expect(await summary.locator('h2').textContent()).toBe('Controlla queste risposte');
    expect(await summary.locator('li a').allTextContents()).toEqual([
      'Scrivi di che cosa hai bisogno (almeno qualche parola).',
      'Scegli il tipo di aiuto.',
      'Dicci dove ti trovi: scegli il quartiere, usa la tua posizione o scrivi l’indirizzo.',
      'Scrivi il tuo nome.',
      'Scrivi un telefono o un’e-mail, per poterti contattare.',
      'Per inviare la richiesta devi essere d’accordo con l’informativa sulla privacy.',
    ]);
    expect(await page.locator('#help-description').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#help-description').getAttribute('aria-describedby')).toContain(
      'help-description-error',
    );
    await expectNoAxeViolations(page);
    // Each error leads to its field.
    await summary.getByRole('link', { name: 'Scrivi il tuo nome.' }).click();
    expect(await focusedId(page)).toBe('help-name');
    await summary.getByRole('link', { name: 'Scegli il tipo di aiuto.' }).click();
    expect(await focusedId(page)).toBe('help-category-shopping');

    // A wrong phone and an age that is not one are told apart.
    await page.locator('#help-description').fill('Ho bisogno di aiuto con la spesa');
    await page.locator('#help-neighbourhoodCode').selectOption('mompiano');
    await page.locator('#help-name').fill('Giovanni');
    await page.locator('#help-phone').fill('telefono');
    await page.locator('#help-age').fill('300');
    await page.locator('#help-consent').check();
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await expect
      .poll(() => summary.locator('li a').allTextContents())
      .toEqual([
        'Scrivi l’età in anni, da 0 a 120, o lascia vuoto.',
        'Scrivi un numero di telefono valido, solo cifre e spazi. Per esempio: 333 123 4567.',
      ]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'error-summary',
    );
    expect(await rows()).toBe(before);

    // What only the service can tell (an address that names no neighbourhood) is shown the same way.
    await page.locator('#help-phone').fill('333 765 4321');
    await page.locator('#help-age').fill('');
    await page.locator('#help-neighbourhoodCode').selectOption('');
    await page.locator('#help-address').fill('Via Che Non Esiste 1');
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await expect
      .poll(() => summary.locator('li a').allTextContents())
      .toEqual([
        'Non riusciamo a capire dove ti trovi da questo indirizzo: scegli il quartiere o indica il punto sulla mappa.',
      ]);
    expect(await rows()).toBe(before);
    await expectNoAxeViolations(page);
  });

  it('sends a request only once however often the button is pressed', async () => {
    const page = await e.page();
    await page.goto('/chiedi-aiuto?quartiere=mompiano');
    await expect.poll(() => page.locator('#help-neighbourhoodCode').inputValue()).toBe('mompiano');
    await page.locator('#help-description').fill('Vorrei qualcuno con cui parlare ogni tanto');
    await page.locator('#help-category-company').check();
    await page.locator('#help-name').fill('Persona Unica Doppio Click');
    await page.locator('#help-email').fill('unica@example.org');
    await page.locator('#help-consent').check();
    await page.getByRole('button', { name: 'Invia la richiesta' }).dblclick();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Richiesta inviata');
    const { rows: found } = await e.t.database.pool.query(
      "SELECT 1 FROM help_requests WHERE contact_name = 'Persona Unica Doppio Click'",
    );
    expect(found.length).toBe(1);
  });

  it('tells a code that does not exist, and a code that cannot be one', async () => {
    const page = await e.page();
    await page.goto('/segui');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Segui la tua richiesta');
    await page.getByLabel('Codice della richiesta').fill('abc');
    await page.getByRole('button', { name: 'Vedi a che punto è' }).click();
    await expect
      .poll(() => page.getByTestId('error-summary').textContent())
      .toContain('Il codice ha 8 lettere');
    await page.getByLabel('Codice della richiesta').fill('zzzz-zzzz');
    await page.getByRole('button', { name: 'Vedi a che punto è' }).click();
    await page.waitForURL('**/segui/ZZZZ-ZZZZ');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Richiesta non trovata');
    await expectNoAxeViolations(page);
  });
});

describe('in English', () => {
  it('asks for help, with the suggestion, the code and the status in English', async () => {
    const page = await e.page();
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: 45.5623, longitude: 10.2323 });
    await page.goto('/chiedi-aiuto');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ask for help');
    await page.getByLabel('Tell us in your own words').fill('I need help, non riesco ad andare in farmacia');
    const suggestion = page.getByTestId('help-suggestion');
    await expect.poll(() => suggestion.textContent()).toContain('Suggested: Medicines');
    expect(await suggestion.textContent()).toContain('because you wrote “farmacia”');
    await page.getByRole('button', { name: 'Use my position' }).click();
    await expect.poll(() => page.getByText('Position found').count()).toBe(1);
    await page.getByLabel('Full name').fill('John Smith');
    await page.getByLabel('E-mail').fill('john@example.org');
    await page.locator('#help-consent').check();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Request sent');
    const code = (await page.getByTestId('tracking-code').textContent()) ?? '';
    expect(code).toMatch(codePattern);
    expect(await page.getByTestId('help-who').textContent()).toMatch(/^You will be contacted by .+\.$/);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Follow the request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Your request ${code}`);
    expect(await page.getByTestId('help-status').textContent()).toContain('Received');
    await expectNoAxeViolations(page);
  });
});

describe('signed in', () => {
  it('a citizen finds name and e-mail filled in, and their requests in "Le mie richieste"', async () => {
    const page = await e.page();
    await signIn(page, 'cittadino@demo.cittadelnoi.it');
    await page.goto('/chiedi-aiuto');
    await expect.poll(() => page.locator('#help-email').inputValue()).toBe('cittadino@demo.cittadelnoi.it');
    expect(await page.locator('#help-name').inputValue()).not.toBe('');
    expect(await page.getByText('Richiesta presa per conto di una persona').count()).toBe(0);
    await page.locator('#help-description').fill('Mi serve aiuto per compilare una domanda al Comune');
    await page.locator('#help-category-paperwork').check();
    await page.locator('#help-neighbourhoodCode').selectOption('borgo-trento');
    await page.locator('#help-consent').check();
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    const code = (await page.getByTestId('tracking-code').textContent()) ?? '';
    expect(code).toMatch(codePattern);
    await page.goto('/le-mie-richieste');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Le mie richieste');
    await expect.poll(() => page.getByRole('link', { name: code }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('an operator enters a request on behalf of a person who phoned', async () => {
    const page = await e.page();
    await signIn(page, 'operatore.lamarmora@demo.cittadelnoi.it');
    await page.goto('/chiedi-aiuto');
    await expect.poll(() => page.getByText('Richiesta presa per conto di una persona').count()).toBe(1);
    expect(await page.locator('#help-email').inputValue()).toBe('');
    await page.getByLabel('Sì, la persona ha telefonato').check();
    await expect.poll(() => page.getByText('Come contattare la persona').count()).toBe(1);
    await page.locator('#help-description').fill('La signora non ha nessuno che le porti la spesa');
    await page.locator('#help-category-shopping').check();
    await page.locator('#help-neighbourhoodCode').selectOption('lamarmora');
    await page.locator('#help-name').fill('Anna Bianchi');
    await page.locator('#help-phone').fill('030 123456');
    await page.locator('#help-consent').check();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    const code = (await page.getByTestId('tracking-code').textContent()) ?? '';
    expect(code).toMatch(codePattern);
    const [saved] = await byCode(code);
    expect(saved?.channel).toBe('phone');
  });
});

describe('emergency mode', () => {
  it('leads the home page with the alert, the phone and the button, and puts its categories first', async () => {
    const page = await e.page();
    await page.goto('/');
    await expect.poll(() => page.locator('h1').count()).toBe(1);
    expect(await page.getByTestId('emergency-banner').count()).toBe(0);

    await setEmergency({
      active: true,
      phone: '030 0000000',
      message: 'Ondata di calore: chiama se hai bisogno di acqua, cibo o farmaci.',
      categories: ['food', 'medicines'],
    });
    try {
      await page.goto('/');
      const banner = page.getByTestId('emergency-banner');
      await expect.poll(() => banner.count()).toBe(1);
      expect(await banner.locator('h2').textContent()).toBe('Emergenza in corso in città');
      expect(await banner.textContent()).toContain('Ondata di calore');
      expect(await banner.locator('a[href="tel:0300000000"]').textContent()).toBe('030 0000000');
      // It leads the page: before the page's own title.
      expect(
        await page.evaluate(() => {
          const b = document.querySelector('[data-testid="emergency-banner"]');
          const h1 = document.querySelector('h1');
          return Boolean(b && h1 && b.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
        }),
      ).toBe(true);
      await expectNoAxeViolations(page);
      await banner.getByRole('link', { name: 'Chiedi aiuto' }).click();
      await page.waitForURL('**/chiedi-aiuto');
      await expect
        .poll(() =>
          page
            .locator('.noi-help-cards input[type="radio"]')
            .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
        )
        .toEqual([
          'food',
          'medicines',
          'shopping',
          'company',
          'escort',
          'paperwork',
          'psychological_support',
          'housing',
          'work',
          'other',
        ]);
      expect(await page.locator('#main a[href="tel:0300000000"]').count()).toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await setEmergency({ active: false, phone: null, message: null, categories: [] });
    }
    await page.goto('/');
    await expect.poll(() => page.locator('h1').count()).toBe(1);
    expect(await page.getByTestId('emergency-banner').count()).toBe(0);
  });
});
