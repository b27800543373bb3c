import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, startE2E } from './harness.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

const resultLinks = (page: Page) => page.locator('#main ol.noi-dir-results h3 a');
const resultNames = (page: Page) => resultLinks(page).allTextContents();
const status = (page: Page) => page.getByTestId('directory-count').textContent();
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

/** Presses Tab until the focused element matches, at most `max` times; true when it did. */
async function tabUntil(page: Page, test: () => boolean, max = 80): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return true;
  }
  return false;
}

describe('searching the services', () => {
  it('lists the services with a count, on a list and on a map, accessibly', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Servizi e aiuti in città');
    expect(await page.title()).toBe('Servizi e aiuti in città · Città del Noi');
    await expect.poll(() => status(page)).toMatch(/^\d+ servizi trovati\.$/);
    expect(await page.getByRole('status').filter({ hasText: 'servizi trovati' }).count()).toBe(1);
    expect(await resultLinks(page).count()).toBe(10);
    expect(await page.getByLabel('Che cosa cerchi?').count()).toBe(1);
    for (const word of ['anziani', 'aiuto spesa', 'doposcuola']) {
      expect(await page.getByRole('link', { name: word, exact: true }).count()).toBe(1);
    }
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').first().waitFor();
    // No tile server configured: the neighbourhoods are drawn, no tile is asked for.
    expect(
      await page
        .locator(
          '[data-testid="directory-map"] path.leaflet-interactive, [data-testid="directory-map"] svg path',
        )
        .count(),
    ).toBeGreaterThan(30);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Pagine dei risultati' }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('finds the day centre when typing "anziani"', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await page.getByLabel('Che cosa cerchi?').fill('anziani');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => status(page)).toMatch(/^\d+ servizi trovati per «anziani»\.$/);
    expect(param(page, 'q')).toBe('anziani');
    await expect.poll(() => resultNames(page)).toContain('Centro diurno per anziani');
    const item = page.locator('ol.noi-dir-results > li').filter({ hasText: 'Centro diurno per anziani' });
    expect(await item.getByText('Di Associazione Nonni in Rete (demo)').count()).toBe(1);
    expect(await item.getByText('Via dei Mille 12, 25122 Brescia', { exact: false }).count()).toBe(1);
    expect(await item.getByText('Gratuito').count()).toBe(1);
    expect(await item.locator('.badge', { hasText: 'Anziani' }).count()).toBe(1);
  });

  it('corrects a typo: "doposcula" says "Forse cercavi" and shows the after-school services', async () => {
    const page = await e.page();
    await page.goto('/servizi?q=doposcula');
    await expect.poll(() => page.getByText('Forse cercavi:').count()).toBe(1);
    expect(await page.locator('#main').getByRole('link', { name: 'doposcuola', exact: true }).count()).toBe(
      2,
    );
    await expect.poll(() => resultNames(page)).toContain('Doposcuola per ragazzi delle medie');
    expect(await resultNames(page)).toContain('Doposcuola per la scuola primaria');
    await expectNoAxeViolations(page);
  });

  it('narrows by category, zone and age, keeping the search in the address; Back undoes', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await expect.poll(() => status(page)).toMatch(/servizi trovati/);
    const all = Number((await status(page))?.match(/\d+/)?.[0]);

    await page.getByLabel('Di che cosa si occupa').selectOption('giovani');
    await expect.poll(() => param(page, 'category')).toBe('giovani');
    await expect.poll(() => resultNames(page)).toContain('Doposcuola per la scuola primaria');
    const youth = Number((await status(page))?.match(/\d+/)?.[0]);
    expect(youth).toBeLessThan(all);

    await page.getByLabel('Zona').selectOption('sud');
    await expect.poll(() => param(page, 'zone')).toBe('sud');
    await expect.poll(() => resultNames(page)).not.toContain('Doposcuola per la scuola primaria');
    expect(await resultNames(page)).toEqual(
      expect.arrayContaining(['Doposcuola per ragazzi delle medie', 'Centro di aggregazione giovanile']),
    );
    // The neighbourhoods offered are those of the zone only.
    const options = await page.getByLabel('Quartiere').locator('option').allTextContents();
    expect(options).toContain('Don Bosco');
    expect(options).not.toContain('Sanpolino');
    expect(options[0]).toBe('Tutti i quartieri di Zona Sud');

    await page.getByLabel('Età della persona che ha bisogno').fill('12');
    await page.getByLabel('Età della persona che ha bisogno').press('Enter');
    await expect.poll(() => param(page, 'age')).toBe('12');
    await expect.poll(() => resultNames(page)).toEqual(['Doposcuola per ragazzi delle medie']);
    expect(await status(page)).toBe('1 servizio trovato.');
    expect(param(page, 'category')).toBe('giovani');
    expect(param(page, 'zone')).toBe('sud');
    await expectNoAxeViolations(page);

    // The address is shareable: opened anew it shows the same.
    const shared = await e.page();
    await shared.goto(page.url().replace(e.base, ''));
    await expect.poll(() => resultNames(shared)).toEqual(['Doposcuola per ragazzi delle medie']);
    expect(await shared.getByLabel('Zona').inputValue()).toBe('sud');
    expect(await shared.getByLabel('Età della persona che ha bisogno').inputValue()).toBe('12');

    await page.goBack();
    await expect.poll(() => param(page, 'age')).toBeNull();
    await expect.poll(() => resultNames(page)).toContain('Centro di aggregazione giovanile');
    expect(await page.getByLabel('Età della persona che ha bisogno').inputValue()).toBe('');
  });

  it('says what went wrong with an age that is not one', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await page.getByLabel('Età della persona che ha bisogno').fill('300');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => page.getByText('Scrivi un’età in anni, da 0 a 120.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dir-age');
    expect(param(page, 'age')).toBeNull();
  });

  it('shows an empty state with ways on when nothing matches', async () => {
    const page = await e.page();
    await page.goto('/servizi?q=zzzzqqqq&openNow=true');
    await expect.poll(() => status(page)).toBe('Nessun servizio trovato.');
    expect(
      await page.getByRole('heading', { name: 'Nessun servizio corrisponde alla ricerca' }).count(),
    ).toBe(1);
    await expect.poll(() => page.locator('#main a[href="/servizi?category=anziani"]').count()).toBe(1);
    expect(await page.locator('#main a[href="/quartieri"]').count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('pages through the results and takes the focus to them', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await expect.poll(() => page.getByText('Pagina 1 di').count()).toBe(1);
    const first = await resultNames(page);
    await page.getByRole('link', { name: 'Pagina successiva' }).click();
    await expect.poll(() => param(page, 'page')).toBe('2');
    await expect.poll(() => page.getByText('Pagina 2 di').count()).toBe(1);
    await expect.poll(() => resultNames(page)).not.toEqual(first);
    expect(await page.locator('ol.noi-dir-results').getAttribute('start')).toBe('11');
    expect(await page.locator('ol.noi-dir-results .noi-dir-number').first().textContent()).toBe('11');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dir-results-title');
  });

  it('sorts by distance from the neighbourhood chosen', async () => {
    const page = await e.page();
    await page.goto('/servizi?neighbourhood=sanpolino&sort=distance');
    await expect
      .poll(() => page.getByText('Ordinati per distanza dal centro del quartiere scelto.').count())
      .toBe(1);
    await expect
      .poll(() => page.locator('ol.noi-dir-results .badge', { hasText: 'Distanza:' }).count())
      .toBeGreaterThan(0);
    expect(await page.getByLabel('Ordina per').inputValue()).toBe('distance');
  });

  it('"vicino a me" sorts by distance from the device, without putting the position in the address', async () => {
    const page = await e.page();
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: 45.5212, longitude: 10.2601 });
    await page.goto('/servizi');
    await expect.poll(() => status(page)).toMatch(/servizi trovati/);
    await page.getByRole('button', { name: 'Vicino a me' }).click();
    await expect.poll(() => param(page, 'near')).toBe('me');
    expect(param(page, 'sort')).toBe('distance');
    expect(page.url()).not.toMatch(/lat=|lon=/);
    await expect.poll(() => page.getByText('Ordinati per distanza dalla tua posizione.').count()).toBe(1);
    await expect
      .poll(() =>
        page.locator('ol.noi-dir-results li').first().locator('.badge', { hasText: 'Distanza:' }).count(),
      )
      .toBe(1);
    expect(await page.locator('ol.noi-dir-results li').first().textContent()).toMatch(
      /Distanza: \d+(,\d)? (m|km)/,
    );
    await page.getByRole('button', { name: 'Non usare la mia posizione' }).click();
    await expect.poll(() => param(page, 'near')).toBeNull();
  });

  it('"vicino a me" says clearly when the position is refused', async () => {
    const page = await e.page();
    await page.context().clearPermissions();
    await page.goto('/servizi');
    await expect.poll(() => status(page)).toMatch(/servizi trovati/);
    await page.getByRole('button', { name: 'Vicino a me' }).click();
    await expect
      .poll(() =>
        page.getByText('Non hai dato il permesso di usare la tua posizione.', { exact: false }).count(),
      )
      .toBe(1);
    expect(param(page, 'near')).toBeNull();
  });

  it('works with the keyboard alone: search box, type, Enter, first result', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await expect.poll(() => status(page)).toMatch(/servizi trovati/);
    expect(await tabUntil(page, () => document.activeElement?.id === 'dir-q')).toBe(true);
    await page.keyboard.type('anziani');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page)).toMatch(/per «anziani»/);
    await expect.poll(() => resultNames(page)).toContain('Centro diurno per anziani');
    const first = (await resultNames(page))[0];
    expect(
      await tabUntil(page, () => Boolean(document.activeElement?.closest('ol.noi-dir-results h3'))),
    ).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe(first);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('reaches a service from the map with the keyboard', async () => {
    const page = await e.page();
    await page.goto('/servizi?q=doposcuola&sort=name');
    await expect.poll(() => resultNames(page)).toContain('Doposcuola per la scuola primaria');
    const first = (await resultNames(page))[0];
    const marker = page.locator('[data-testid="directory-map"] .noi-dir-marker').first();
    await marker.waitFor();
    expect(await marker.getAttribute('role')).toBe('button');
    expect(await marker.getAttribute('title')).toBe(`1. ${first}`);
    expect(await page.getByTestId('directory-map').getAttribute('aria-label')).toMatch(
      /L’elenco contiene le stesse informazioni/,
    );
    await marker.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe(first);
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const page = await e.page({ viewport: { width: 360, height: 740 } });
    await page.goto('/servizi?q=anziani');
    await expect.poll(() => resultNames(page)).toContain('Centro diurno per anziani');
    await page.locator('.noi-dir-marker').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
});

describe('a service and its organisation', () => {
  it('shows what, for whom, costs, languages, how to ask, where, the weekly hours and the last check', async () => {
    const page = await e.page();
    await page.goto('/servizi?q=anziani');
    await page.getByRole('link', { name: 'Centro diurno per anziani' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Centro diurno per anziani');
    expect(await page.title()).toBe('Centro diurno per anziani · Città del Noi');
    expect(await page.getByText('Dai 65 anni in su.').count()).toBe(1);
    expect(await page.getByText('È gratuito.').count()).toBe(1);
    expect(await page.locator('#languages-title + p').textContent()).toBe('Italiano');
    expect(await page.getByText('Via dei Mille 12, 25122 Brescia').count()).toBe(1);
    expect(await page.locator('#main a[href="/quartieri/sant-eustacchio"]').textContent()).toBe(
      "Sant'Eustacchio",
    );
    expect(await page.locator('#main a[href="/servizi?zone=nord"]').count()).toBe(1);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(7);
    expect(await rows.nth(0).locator('th').textContent()).toBe('Lunedì');
    expect(await rows.nth(0).locator('td').textContent()).toBe('dalle 09:00 alle 17:00');
    expect(await rows.nth(6).locator('th').textContent()).toBe('Domenica');
    expect(await rows.nth(6).locator('td').textContent()).toBe('Chiuso');
    expect(await page.getByText('Accessibile in sedia a rotelle.').count()).toBe(1);
    expect(await page.locator('#main a[href^="tel:"]').first().getAttribute('href')).toMatch(/^tel:\d+$/);
    expect(await page.getByTestId('last-verified').textContent()).toMatch(
      /^Ultimo controllo delle informazioni: \d{1,2} \p{L}+ \d{4}\.$/u,
    );
    expect(await page.locator('.badge', { hasText: /Aperto adesso|Chiuso adesso/ }).count()).toBe(1);
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').waitFor();
    await expectNoAxeViolations(page);
  });

  it('leads to the organisation: kind in words, contacts, places, services', async () => {
    const page = await e.page();
    await page.goto('/servizi?q=anziani');
    await page.getByRole('link', { name: 'Centro diurno per anziani' }).click();
    await page.locator('#main a[href^="/organizzazioni/"]').first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Associazione Nonni in Rete (demo)');
    expect(await page.getByText('Organizzazione di volontariato (ODV)').count()).toBe(1);
    expect(await page.locator('#main a[href^="tel:"]').count()).toBeGreaterThan(0);
    const services = await page.locator('#main ul.noi-dir-results h3 a').allTextContents();
    expect(services).toEqual(['Centro diurno per anziani', 'Compagnia telefonica per anziani soli']);
    expect(await page.getByRole('heading', { name: 'Sedi' }).count()).toBe(1);
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').waitFor();
    await expectNoAxeViolations(page);
  });

  it('answers an unknown service or organisation with the not-found page', async () => {
    const page = await e.page();
    await page.goto('/servizi/00000000-0000-4000-8000-000000000000');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina non trovata');
    await page.goto('/organizzazioni/non-esiste');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina non trovata');
  });
});

describe('the neighbourhood page', () => {
  it('lists the services based in the neighbourhood, with a link to search them', async () => {
    const page = await e.page();
    await page.goto('/quartieri/sanpolino');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sanpolino');
    const section = page.getByTestId('directory-section');
    await expect
      .poll(() => section.locator('h3 a').allTextContents())
      .toEqual(['Punto Comunità: ascolto e orientamento']);
    expect(await section.getByRole('heading', { name: 'Servizi nel quartiere' }).count()).toBe(1);
    expect(await section.getByText('1 servizio ha sede in questo quartiere.').count()).toBe(1);
    await expectNoAxeViolations(page);
    await section.getByRole('link', { name: 'Vedi tutti i servizi del quartiere' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Servizi e aiuti in città');
    expect(param(page, 'neighbourhood')).toBe('sanpolino');
    await expect.poll(() => page.getByLabel('Quartiere').inputValue()).toBe('sanpolino');
    await expect.poll(() => resultNames(page)).toEqual(['Punto Comunità: ascolto e orientamento']);
  });
});

describe('in English', () => {
  it('shows the search, the results and a service in English', async () => {
    const page = await e.page();
    await page.goto('/servizi');
    await expect.poll(() => status(page)).toMatch(/servizi trovati/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Services and help in the city');
    expect(await page.getByLabel('What are you looking for?').count()).toBe(1);
    await expect.poll(() => status(page)).toMatch(/^\d+ services found\.$/);
    await expect
      .poll(() => page.getByLabel('What it deals with').locator('option').allTextContents())
      .toContain('Elderly people');
    expect(await page.getByRole('link', { name: 'Services' }).first().count()).toBe(1);
    await page.getByLabel('What are you looking for?').fill('elderly');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page)).toMatch(/services found for “elderly”/);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Centro diurno per anziani' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Opening hours' }).count()).toBe(1);
    expect(await page.locator('table tbody tr th').first().textContent()).toBe('Monday');
    expect(await page.locator('table tbody tr td').first().textContent()).toBe('09:00 to 17:00');
    expect(await page.getByText('From 65 years old.').count()).toBe(1);
    expect(await page.locator('#languages-title + p').textContent()).toBe('Italian');
    expect(await page.getByTestId('last-verified').textContent()).toMatch(/^Information last checked: /);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('it');
  });
});

describe('with a tile server', () => {
  let tiled: E2E;
  beforeAll(async () => {
    tiled = await startE2E({ env: { TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' } });
  });
  afterAll(async () => {
    await tiled?.close();
  });

  it('draws the background tiles under the boundaries, allowed by the CSP', async () => {
    const page = await tiled.page();
    // A 1×1 transparent PNG for every tile: the test does not go out to the network.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const asked: string[] = [];
    await page.route('https://*.tiles.example.org/**', (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: png });
    });
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto('/servizi?q=anziani');
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').first().waitFor();
    await expect.poll(() => page.locator('.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(asked.length).toBeGreaterThan(0);
    expect(csp).toEqual([]);
    expect(await page.getByText('Senza mappa di sfondo', { exact: false }).count()).toBe(0);
    await expectNoAxeViolations(page);
  });
});
