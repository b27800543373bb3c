import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.ts';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser context (cookies, storage) and page, Italian by default. */
  page(options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** The whole platform on a cloned database, listening on a free port, and Debian's Chromium. */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  const t = await buildTestApp({ env: options.env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const contexts: BrowserContext[] = [];
  return {
    t,
    base,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({
        baseURL: base,
        locale: options.locale ?? 'it-IT',
        timezoneId: 'Europe/Rome',
        viewport: options.viewport ?? { width: 1280, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw new Error(`Error in the page: ${error.message}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await t.close();
    },
  };
}

/** Fails listing every WCAG 2.1 A/AA violation axe finds on the page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(violations, violations.join('\n')).toEqual([]);
}

/** The password of the demo accounts (src/modules/identity/seed.ts). */
export const demoPassword = 'cittadelnoi';

/**
 * Signs in through the sign-in page (optionally asked to go on to `next`) and waits until the
 * page has moved on and the header shows the person signed in.
 */
export async function signIn(
  page: Page,
  email: string,
  password = demoPassword,
  next?: string,
): Promise<void> {
  await page.goto(next ? `/accedi?next=${encodeURIComponent(next)}` : '/accedi');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('#main form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/accedi');
  await page.locator('header a[href="/profilo"]').waitFor();
}
