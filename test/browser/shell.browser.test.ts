/** The foundation's browser check: open the app, log in as an owner, see the business's name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestTenant } from '../support/app.ts';
import type { TestTenant } from '../support/app.ts';
import { launchBrowser, loginInBrowser, newContext, startBrowserServer } from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let tenant: TestTenant;

beforeAll(async () => {
  server = await startBrowserServer();
  tenant = await createTestTenant(server, { name: 'Kapsalon Lotus' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('staff app shell', () => {
  it('sends a visitor to the login page, logs the owner in and shows the business name', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/customers`);
    await page.waitForURL(/\/login/);
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await expect(page.getByTestId('tenant-name').textContent()).resolves.toContain('Kapsalon Lotus');
    await context.close();
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(tenant.ownerEmail);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByText('E-mail or password is incorrect.').waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('switches the interface to Dutch', async () => {
    const context = await newContext(browser, 'nl-BE');
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await expect(page.getByTestId('nav-customers').textContent()).resolves.toMatch(/Klanten/);
    await context.close();
  });
});
