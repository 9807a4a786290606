/**
 * Browser tests: the real server (built staff app, API) on a random loopback port over a fresh
 * test database, driven by Debian's Chromium through playwright-core. The staff app is built
 * once when its sources are newer than dist/web (see ensureWebBuilt).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { ensureWebBuilt } from '../../src/server/webBuild.ts';
import { createTestContext } from '../support/app.ts';
import type { TestContext } from '../support/app.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserServer extends TestContext {
  url: string;
}

/** The server with the built staff app on 127.0.0.1:<random port>. */
export async function startBrowserServer(
  opts: Parameters<typeof createTestContext>[0] = {},
): Promise<BrowserServer> {
  ensureWebBuilt();
  const ctx = await createTestContext(opts);
  const url = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  ctx.deps.jobs.start();
  return Object.assign(ctx, { url });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context (its own cookies) in the given UI language. */
export async function newContext(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
}

/** Logs in through the login page and waits for the customers page. */
export async function loginInBrowser(
  page: Page,
  url: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/customers/);
}

/** Saves a screenshot under docs/screenshots when SCREENSHOTS=1 (used to refresh the README's pictures). */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** The seed's Stephanie Wahters (the profile her online double must be matched with); returns her id. */
export async function addStephanie(server: BrowserServer, tenantId: string): Promise<string> {
  const created = await createCustomer(
    server.database,
    tenantId,
    {
      firstName: 'Stephanie',
      lastName: 'Wahters',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 888 888',
    },
    { source: 'staff', actor: null, now: new Date() },
  );
  return created.id;
}
