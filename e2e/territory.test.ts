import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectNoAxeViolations, startE2E } from './harness.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

describe('home page', () => {
  it('shows the city, the map of 33 neighbourhoods and the zone lists, in Italian, accessibly', async () => {
    const page = await e.page();
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Città del Noi a Brescia');
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.title()).toBe('Città del Noi');
    await page.locator('[data-testid="city-map"] canvas').waitFor();
    expect(await page.getByText('I confini dei quartieri sono approssimativi').count()).toBe(1);
    expect(await page.locator('#main a[href^="/quartieri/"]').count()).toBe(33);
    expect(await page.getByText('Via Monte Grappa 37, Brescia').count()).toBe(1);
    expect(await page.getByText('Dati dimostrativi').count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('switches to English and back, and remembers the choice', async () => {
    const page = await e.page();
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Città del Noi in Brescia');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Neighbourhoods' }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Città del Noi in Brescia');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('it');
  });

  it('reaches a neighbourhood with the keyboard alone', async () => {
    const page = await e.page();
    await page.goto('/');
    await page.locator('#main a[href="/quartieri/mompiano"]').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Vai al contenuto principale',
    );
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(
        () => document.activeElement?.getAttribute('href') === '/quartieri/mompiano',
      );
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mompiano');
  });

  it('fits a 360 px phone without sideways scrolling, with the menu behind a button', async () => {
    const page = await e.page({ viewport: { width: 360, height: 740 } });
    await page.goto('/');
    await page.locator('#main a[href="/quartieri/mompiano"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const toggler = page.getByRole('button', { name: 'Menu' });
    expect(await toggler.getAttribute('aria-expanded')).toBe('false');
    await toggler.click();
    expect(await page.getByRole('button', { name: 'Chiudi il menu' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await page.locator('#noi-nav').getByRole('link', { name: 'Quartieri' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quartieri');
    await expectNoAxeViolations(page);
  });
});

describe('neighbourhood pages', () => {
  it('shows the zone and its office, the map and the approximate notice', async () => {
    const page = await e.page();
    await page.goto('/quartieri/sanpolino');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sanpolino');
    expect(await page.getByRole('heading', { name: 'Zona Est' }).count()).toBe(1);
    expect(await page.getByText('Corso Bazoli 7, Brescia').count()).toBe(1);
    expect(await page.getByText('Detto anche: San Polino').count()).toBe(1);
    await page.locator('[data-testid="city-map"] canvas').waitFor();
    expect(await page.title()).toBe('Sanpolino · Città del Noi');
    await expectNoAxeViolations(page);
  });

  it('lists every neighbourhood by zone', async () => {
    const page = await e.page();
    await page.goto('/quartieri');
    await expect.poll(() => page.locator('#main a[href^="/quartieri/"]').count()).toBe(33);
    await expectNoAxeViolations(page);
  });

  it('answers an unknown neighbourhood with the not-found page', async () => {
    const page = await e.page();
    await page.goto('/quartieri/atlantide');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina non trovata');
    await expectNoAxeViolations(page);
  });
});

describe('other pages', () => {
  it('an unknown address shows the 404 page in the same style', async () => {
    const page = await e.page();
    await page.goto('/non-esiste');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina non trovata');
    expect(await page.locator('header.it-header-wrapper').count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('when the API fails, an error page with the request id and a retry', async () => {
    const page = await e.page();
    await page.route('**/api/v1/territory', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/api/problems/internal',
          title: 'Errore interno',
          status: 500,
          detail: 'Si è verificato un errore imprevisto.',
          requestId: 'req-e2e-1',
        }),
      }),
    );
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Errore interno');
    expect(await page.getByText('req-e2e-1').count()).toBe(1);
    await page.unroute('**/api/v1/territory');
    await page.getByRole('button', { name: 'Riprova' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Città del Noi a Brescia');
    await expectNoAxeViolations(page);
  });

  it.each([
    ['/accessibilita', 'Dichiarazione di accessibilità'],
    ['/privacy', 'Informativa sulla privacy'],
  ])('%s is reachable from the footer and accessible', async (path, title) => {
    const page = await e.page();
    await page.goto('/');
    await page.locator('footer').getByRole('link', { name: title }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    expect(page.url()).toBe(`${e.base}${path}`);
    await expectNoAxeViolations(page);
  });
});
