/**
 * The agenda in a real browser: book an existing customer, move and complete the appointment,
 * book a new customer who turns out to look like an existing one (the warning offers the existing
 * profile), and a walk-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestTenant } from '../support/app.ts';
import type { TestTenant } from '../support/app.ts';
import {
  addStephanie,
  launchBrowser,
  loginInBrowser,
  maybeScreenshot,
  startBrowserServer,
} from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let tenant: TestTenant;
let stephanie: string;

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const appointments = () =>
  server.database.query<any>(
    `SELECT a.status, a.service, a.start_at, a.end_at, c.first_name, c.last_name, c.source, c.id AS customer_id
     FROM appointments a JOIN customers c ON c.tenant_id = a.tenant_id AND c.id = a.customer_id
     WHERE a.tenant_id = $1 ORDER BY a.created_at`,
    [tenant.tenantId],
  );

beforeAll(async () => {
  server = await startBrowserServer();
  tenant = await createTestTenant(server, { slug: 'lotus', name: 'Kapsalon Lotus' });
  stephanie = await addStephanie(server, tenant.tenantId);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('agenda', () => {
  it('books an existing customer, moves the appointment keeping its length, and completes it', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1360, height: 900 },
    });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.getByTestId('nav-agenda').click();
    await page.getByTestId('agenda-empty').waitFor();

    await page.getByTestId('agenda-new').click();
    await page.getByTestId('agenda-customer-search').fill('Wahters');
    await page.getByRole('option', { name: /Stephanie Wahters/ }).click();
    await page.getByTestId('agenda-date').fill(day(1));
    await page.getByTestId('agenda-time').fill('09:00');
    await page.getByTestId('agenda-duration').fill('45');
    await page.getByTestId('agenda-service').fill('Knippen');
    await page.getByTestId('agenda-book').click();
    await page.getByTestId('agenda').waitFor();
    expect(await page.getByTestId('agenda-entry').textContent()).toContain('Stephanie Wahters');

    await page.getByTestId('agenda-move').click();
    await page.getByTestId('move-time').fill('11:15');
    await page.getByTestId('move-submit').click();
    await page.getByText('11:15–12:00').waitFor();
    await page.getByTestId('agenda-complete').click();
    await page.getByTestId('agenda-status').getByText('Done').waitFor();
    await maybeScreenshot(page, 'agenda-day');
    const [a] = await appointments();
    expect(a).toMatchObject({ status: 'completed', service: 'Knippen', customer_id: stephanie });
    expect((a.end_at.getTime() - a.start_at.getTime()) / 60_000).toBe(45);
    await context.close();
  });

  it('warns before creating a look-alike customer and books the existing one when picked', async () => {
    const context = await browser.newContext({
      locale: 'nl-BE',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1360, height: 900 },
    });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.goto(`${server.url}/agenda?day=${day(2)}`);
    await page.getByTestId('agenda-new').click();
    await page.getByTestId('agenda-mode').getByText('Nieuwe klant').click();
    await page.getByTestId('agenda-first-name').fill('stefanie');
    await page.getByTestId('agenda-last-name').fill('wachters');
    await page.getByTestId('agenda-mobile').fill('+32 475 88 88 88');
    await page.getByTestId('agenda-date').fill(day(2));
    await page.getByTestId('agenda-time').fill('10:00');
    await page.getByTestId('agenda-service').fill('Kleuren');
    await page.getByTestId('agenda-book').click();
    await page.getByTestId('agenda-duplicates').waitFor();
    expect(await page.getByTestId('agenda-duplicates').textContent()).toContain('Stephanie Wahters');
    await page.locator('[data-testid^="agenda-pick-"]').first().click();
    await page.getByTestId('agenda').waitFor();
    const booked = (await appointments()).find((x) => x.service === 'Kleuren');
    expect(booked.customer_id).toBe(stephanie);
    const [row] = await server.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    expect(row?.n).toBe(1);
    await context.close();
  });

  it('adds a walk-in from a name and a phone, booked from now', async () => {
    const context = await browser.newContext({
      locale: 'de-DE',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1360, height: 900 },
    });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.getByTestId('nav-agenda').click();
    await page.getByTestId('agenda-walk-in').click();
    await page.getByTestId('walk-in-name').fill('Jürgen Groß');
    await page.getByTestId('walk-in-phone').fill('0486 12 34 56');
    await page.getByTestId('walk-in-submit').click();
    await page.getByTestId('agenda').waitFor();
    await page.getByText('Jürgen Groß').waitFor();
    const walkIn = (await appointments()).find((x) => x.last_name === 'Groß');
    expect(walkIn).toMatchObject({ first_name: 'Jürgen', source: 'walk_in', status: 'booked' });
    expect(Math.abs(walkIn.start_at.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    await context.close();
  });
});
