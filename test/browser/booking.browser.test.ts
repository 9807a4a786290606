/**
 * The public booking page in a real browser, in the customer's language: a booking that links to
 * the existing customer, one that creates a new customer flagged as a possible duplicate, script
 * typed into the page shown as text, and staff confirming a request with a chosen take-over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateCustomers } from '../../bench/generator/index.ts';
import { loadGenerated } from '../../bench/generator/load.ts';
import { reindexTenant } from '../../src/modules/duplicates/matchIndex.ts';
import { createTestTenant, loginOwner } from '../support/app.ts';
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

/** A day a week ahead, as the date field wants it. */
function nextWeek(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const requests = () =>
  server.database.query<any>('SELECT * FROM booking_requests WHERE tenant_id = $1 ORDER BY created_at, id', [
    tenant.tenantId,
  ]);

async function fillBooking(page: Page, fields: Record<string, string>) {
  await page.getByTestId('book-service').click();
  await page.getByRole('option', { name: /Knippen/ }).click();
  await page.getByTestId('book-date').fill(nextWeek());
  await page.getByTestId('book-time').fill('10:30');
  for (const [id, value] of Object.entries(fields)) await page.getByTestId(id).fill(value);
  await page.getByTestId('book-submit').click();
  await page.getByTestId('book-received').waitFor();
}

beforeAll(async () => {
  server = await startBrowserServer();
  tenant = await createTestTenant(server, { slug: 'lotus', name: 'Kapsalon Lotus' });
  // A salon of realistic size, so the business's model weighs names as it would in practice.
  await loadGenerated(server.database, generateCustomers({ seed: 63, n: 300, country: 'BE' }), {
    tenantId: tenant.tenantId,
  });
  await reindexTenant(server.database, tenant.tenantId);
  stephanie = await addStephanie(server, tenant.tenantId);
  const owner = await loginOwner(server, tenant);
  await owner.post('/api/booking-services', { name: 'Knippen', durationMinutes: 30, priceCents: 3500 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('public booking page', () => {
  it('speaks the browser’s language without a staff login, and links the same phone and name to the existing customer', async () => {
    const context = await browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    await page.goto(`${server.url}/book/lotus`);
    await page.getByText('Een afspraak aanvragen').waitFor();
    expect(await page.getByTestId('book-business').textContent()).toBe('Kapsalon Lotus');
    const customersBefore = await server.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    // The brief's seed case: another e-mail address, the same mobile written differently.
    await fillBooking(page, {
      'book-first-name': 'stefanie',
      'book-last-name': 'wachters',
      'book-email': 'stefaniew@hotmail.com',
      'book-phone': '+32 475 88 88 88',
    });
    await maybeScreenshot(page, 'booking-received');
    const [request] = await requests();
    expect(request).toMatchObject({
      customer_id: stephanie,
      link: 'certain',
      first_name: 'stefanie',
      language: 'nl',
    });
    const customersAfter = await server.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    expect(customersAfter).toEqual(customersBefore);
    await context.close();
  });

  it('creates a new customer flagged as a possible duplicate, and keeps typed script as text', async () => {
    const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    await page.goto(`${server.url}/book/lotus`);
    await page.getByText('Demander un rendez-vous').waitFor();
    await fillBooking(page, {
      'book-first-name': 'Stefanie',
      'book-last-name': 'Wahters',
      'book-phone': '0475 88 88 89',
      'book-note': '<script>window.hacked = true</script>',
    });
    const flagged = (await requests()).at(-1);
    expect(flagged).toMatchObject({ link: 'new', note: '<script>window.hacked = true</script>' });
    expect(flagged.candidates.map((c: any) => c.id)).toEqual([stephanie]);
    const [created] = await server.database.query<any>(
      'SELECT source FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, flagged.customer_id],
    );
    expect(created.source).toBe('online');
    await context.close();
  });

  it('shows errors next to the fields and sends nothing until they are right', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/book/lotus`);
    await page.getByTestId('book-submit').click();
    await page.getByText('Enter an e-mail address or a phone number.').waitFor();
    expect((await requests()).length).toBe(2);
    await context.close();
  });
});

describe('staff', () => {
  it('sees the possible duplicate on the request, and confirms the linked one taking over the new e-mail', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1360, height: 900 },
    });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.getByTestId('nav-bookings').click();
    await page.getByTestId('requests').waitFor();
    expect(await page.getByTestId('request-row').count()).toBe(2);
    expect(await page.getByTestId('request-duplicates-badge').count()).toBe(1);

    // The new customer's request: the existing profile is shown as a possible duplicate, and the
    // script typed on the page is plain text.
    await page.getByTestId('request-row').filter({ hasText: '0475 88 88 89' }).click();
    await page.getByTestId('request-duplicates').waitFor();
    expect(await page.getByTestId('request-duplicates').textContent()).toContain('Stephanie Wahters');
    expect(await page.getByTestId('request-note').textContent()).toBe(
      '<script>window.hacked = true</script>',
    );
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
    await page.keyboard.press('Escape');

    // The linked request: the typed names and e-mail differ; staff take over only the e-mail.
    await page.getByTestId('request-row').filter({ hasText: 'stefaniew@hotmail.com' }).click();
    await page.getByTestId('request-compare').waitFor();
    await page.getByTestId('take-over-email').check();
    await maybeScreenshot(page, 'booking-request');
    await page.getByTestId('confirm').click();
    await page.getByTestId('request-appointment').waitFor();
    const [profile] = await server.database.query<any>(
      'SELECT first_name, email FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, stephanie],
    );
    expect(profile).toEqual({ first_name: 'Stephanie', email: 'stefaniew@hotmail.com' });
    const confirmed = (await requests()).find((r) => r.email === 'stefaniew@hotmail.com');
    expect(confirmed.status).toBe('confirmed');
    const [appointment] = await server.database.query<any>(
      'SELECT customer_id, service, booking_request_id FROM appointments WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, confirmed.appointment_id],
    );
    expect(appointment).toEqual({
      customer_id: stephanie,
      service: 'Knippen',
      booking_request_id: confirmed.id,
    });
    await context.close();
  });
});
