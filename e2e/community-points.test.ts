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

const count = (page: Page) => page.getByTestId('cp-count').textContent();
const cardNames = (page: Page) => page.locator('#main .noi-cp-card h3 a').allTextContents();
const card = (page: Page, name: string) => page.locator('#main .noi-cp-card').filter({ hasText: name });

/** Presses Tab until the focused element matches, at most `max` times; true when it did. */
async function tabUntil(page: Page, test: () => boolean, max = 200): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return true;
  }
  return false;
}

describe('the Punti Comunità', () => {
  it('lists every hub with address, phone, hours in words and neighbourhoods, on a map, accessibly', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Punti Comunità');
    expect(await page.title()).toBe('Punti Comunità · Città del Noi');
    await expect.poll(() => count(page)).toBe('19 Punti Comunità.');
    expect(await cardNames(page)).toContain('Punto Comunità Lamarmora');
    const lamarmora = card(page, 'Punto Comunità Lamarmora');
    expect(await lamarmora.locator('a[href="tel:0300001407"]').textContent()).toBe('030 000 1407');
    expect(await lamarmora.locator('.noi-cp-hours li').allTextContents()).toEqual([
      'lunedì 14:30–17:30',
      'martedì 9:00–12:00',
      'giovedì 9:00–12:00',
    ]);
    expect(await lamarmora.locator('a[href="/quartieri/lamarmora"]').count()).toBe(1);
    expect(await lamarmora.locator('a[href="/quartieri/porta-cremona-volta"]').count()).toBe(1);
    // The map: a numbered marker per hub over the neighbourhoods' boundaries.
    await expect.poll(() => page.locator('[data-testid="directory-map"] .noi-dir-marker').count()).toBe(19);
    await expect
      .poll(() => page.locator('[data-testid="directory-map"] svg path').count())
      .toBeGreaterThan(30);
    await expectNoAxeViolations(page);
  });

  it('narrows the list by zone, keeping it in the address', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita');
    await expect.poll(() => count(page)).toBe('19 Punti Comunità.');
    await page.getByLabel('Mostra i Punti Comunità della zona').selectOption('sud');
    await expect.poll(() => new URL(page.url()).searchParams.get('zona')).toBe('sud');
    await expect.poll(() => count(page)).toMatch(/^\d+ Punt[oi] Comunità in Zona Sud\.$/);
    const names = await cardNames(page);
    expect(names).toContain('Punto Comunità Lamarmora');
    expect(names).not.toContain('Punto Comunità Mompiano');
    expect(names.length).toBeLessThan(19);
    await expect
      .poll(() => page.locator('[data-testid="directory-map"] .noi-dir-marker').count())
      .toBe(names.length);
  });

  it('shows a hub: where, when, whom it serves, a map and the way to ask it for help', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita/lamarmora');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Punto Comunità Lamarmora');
    expect(await page.title()).toBe('Punto Comunità Lamarmora · Città del Noi');
    expect(await page.locator('#main a[href="tel:0300001407"]').count()).toBe(1);
    expect(await page.locator('#main a[href="mailto:pc.lamarmora@demo.cittadelnoi.it"]').count()).toBe(1);
    expect(await page.getByText('lunedì 14:30–17:30').count()).toBe(1);
    expect(await page.getByText('Questo Punto Comunità segue 2 quartieri:').count()).toBe(1);
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').first().waitFor();
    await expectNoAxeViolations(page);
    const ask = page.getByRole('link', { name: 'Chiedi aiuto a questo Punto Comunità' });
    expect(await ask.getAttribute('href')).toBe('/chiedi-aiuto?quartiere=lamarmora');
    await ask.click();
    await page.waitForURL('**/chiedi-aiuto?quartiere=lamarmora');
    await expect.poll(() => page.locator('#help-neighbourhoodCode').inputValue()).toBe('lamarmora');
  });

  it('shows "Il tuo Punto Comunità" on each neighbourhood page', async () => {
    const page = await e.page();
    await page.goto('/quartieri/porta-cremona-volta');
    const section = page.getByTestId('community-point-section');
    await expect.poll(() => section.locator('h2').textContent()).toBe('Il tuo Punto Comunità');
    await expect.poll(() => section.locator('h3 a').textContent()).toBe('Punto Comunità Lamarmora');
    expect(await section.locator('a[href="tel:0300001407"]').count()).toBe(1);
    expect(
      await section.getByRole('link', { name: 'Chiedi aiuto a questo Punto Comunità' }).getAttribute('href'),
    ).toBe('/chiedi-aiuto?quartiere=porta-cremona-volta');
    await expectNoAxeViolations(page);
  });

  it('answers an unknown hub with the not-found page', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita/non-esiste');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina non trovata');
  });

  it('works with the keyboard alone: zone filter, then a hub from the list and from the map', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita');
    await expect.poll(() => count(page)).toBe('19 Punti Comunità.');
    expect(await tabUntil(page, () => document.activeElement?.tagName === 'SELECT')).toBe(true);
    expect(
      await tabUntil(page, () => document.activeElement?.textContent === 'Punto Comunità Lamarmora'),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/punti-comunita/lamarmora');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Punto Comunità Lamarmora');

    await page.goto('/punti-comunita');
    await page.locator('[data-testid="directory-map"] .noi-dir-marker').first().waitFor();
    expect(
      await tabUntil(page, () => document.activeElement?.classList.contains('noi-dir-marker') ?? false),
    ).toBe(true);
    await page.keyboard.press('Enter');
    const popupLink = page.locator('.noi-dir-popup a');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.noi-dir-popup') !== null))
      .toBe(true);
    const href = await popupLink.getAttribute('href');
    expect(href).toMatch(/^\/punti-comunita\/[a-z-]+$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${href}`);
  });

  it('speaks English', async () => {
    const page = await e.page();
    await page.goto('/punti-comunita');
    await expect.poll(() => count(page)).toBe('19 Punti Comunità.');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Community points');
    await expect.poll(() => count(page)).toBe('19 community points.');
    expect(await page.locator('header nav').getByRole('link', { name: 'Community points' }).count()).toBe(1);
    expect(
      await card(page, 'Punto Comunità Lamarmora').locator('.noi-cp-hours li').allTextContents(),
    ).toEqual(['Monday 14:30–17:30', 'Tuesday 9:00–12:00', 'Thursday 9:00–12:00']);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Punto Comunità Lamarmora' }).first().click();
    await expect
      .poll(() => page.getByRole('link', { name: 'Ask this community point for help' }).count())
      .toBe(1);
    expect(await page.getByText('This community point serves 2 neighbourhoods:').count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});
