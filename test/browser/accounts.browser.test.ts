/**
 * Online accounts in a real browser: staff invite a customer from a booking request, the customer
 * opens the e-mailed link (from the outbox), chooses a password and is logged in on the booking
 * page, books as themselves, logs out and in again, and resets a forgotten password. Staff also
 * invite and disable from the customer profile, for a customer who never sent a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createTestTenant, loginOwner } from '../support/app.ts';
import type { Client, TestTenant } from '../support/app.ts';
import { launchBrowser, loginInBrowser, maybeScreenshot, startBrowserServer } from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let tenant: TestTenant;
let owner: Client;
let lotte: string;
const PASSWORD = 'mijn geheim wachtwoord';

async function lastMailLink(customerId: string): Promise<string> {
  const [row] = await server.database.query<{ body: string; status: string }>(
    'SELECT body, status FROM messages WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 1',
    [tenant.tenantId, customerId],
  );
  expect(row?.status).toBe('outbox');
  const link = /https?:\/\/\S+/.exec(row!.body)![0];
  // The mail points at PUBLIC_URL; the test server listens elsewhere.
  return link.replace(/^https?:\/\/[^/]+/, server.url);
}

beforeAll(async () => {
  server = await startBrowserServer();
  tenant = await createTestTenant(server, { slug: 'lotus', name: 'Kapsalon Lotus' });
  lotte = (
    await createCustomer(
      server.database,
      tenant.tenantId,
      { firstName: 'Lotte', lastName: 'Peeters', email: 'lotte@example.be', language: 'nl' },
      { source: 'staff', actor: null, now: new Date() },
    )
  ).id;
  owner = await loginOwner(server, tenant);
  await owner.post('/api/booking-services', { name: 'Knippen', durationMinutes: 30 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('online account', () => {
  it('is invited by staff from a booking request, shown as invited, and the mail lands in the outbox', async () => {
    // A request from Lotte, linked to her profile by her e-mail address.
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/book/lotus/requests',
      payload: {
        service: 'Knippen',
        wishedStart: new Date(Date.now() + 86_400_000).toISOString(),
        firstName: 'Lotte',
        lastName: 'Peeters',
        email: 'lotte@example.be',
      },
    });
    expect(res.statusCode).toBe(202);
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.goto(`${server.url}/bookings`);
    await page.getByTestId('request-row').first().click();
    await page.getByTestId('online-account').waitFor();
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Nog niet uitgenodigd');
    await page.getByTestId('online-account-invite').click();
    await page.getByTestId('online-account-sent').waitFor();
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Uitgenodigd');
    await context.close();
  });

  it('accepts the invitation: the customer chooses a password and is logged in on the booking page', async () => {
    const link = await lastMailLink(lotte);
    expect(link).toContain('/book/lotus/invite?token=');
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText('Kies uw wachtwoord').waitFor();
    await page.getByTestId('book-password').fill('te kort');
    await page.getByTestId('book-password-repeat').fill('te kort');
    await page.getByTestId('book-password-submit').click();
    await page.getByText('Het wachtwoord moet minstens 10 tekens hebben.').waitFor();
    await page.getByTestId('book-password').fill(PASSWORD);
    await page.getByTestId('book-password-repeat').fill(PASSWORD);
    await page.getByTestId('book-password-submit').click();
    await page.waitForURL(/\/book\/lotus$/);
    expect(await page.getByTestId('book-account-name').textContent()).toBe('Aangemeld als Lotte Peeters');
    await maybeScreenshot(page, 'booking-logged-in');
    // Logged in, the form does not ask for name and contact data: the profile is used.
    expect(await page.getByTestId('book-first-name').count()).toBe(0);
    await page.getByTestId('my-bookings').waitFor();
    expect(await page.getByTestId('my-request').count()).toBe(1);
    // The customer's cookie does not open the staff app.
    await page.goto(`${server.url}/customers`);
    await page.waitForURL(/\/login/);
    const link2 = await page.context().cookies();
    expect(link2.map((c) => c.name)).toContain('clienteel_customer');
    expect(link2.map((c) => c.name)).not.toContain('clienteel_session');
    await context.close();
    const state = await owner.get(`/api/customers/${lotte}/online-account`);
    expect(state.body.state).toBe('active');
  });

  it('logs out and in again, and books as the logged-in customer', async () => {
    const context = await browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    await page.goto(`${server.url}/book/lotus`);
    await page.getByTestId('book-login-link').click();
    await page.getByTestId('book-login-email').fill('lotte@example.be');
    await page.getByTestId('book-login-password').fill('verkeerd wachtwoord');
    await page.getByTestId('book-login-submit').click();
    await page.getByText('E-mailadres of wachtwoord is onjuist.').waitFor();
    await page.getByTestId('book-login-password').fill(PASSWORD);
    await page.getByTestId('book-login-submit').click();
    await page.waitForURL(/\/book\/lotus$/);
    await page.getByTestId('book-account-name').waitFor();

    await page.getByTestId('book-service').click();
    await page.getByRole('option', { name: /Knippen/ }).click();
    const d = new Date(Date.now() + 3 * 86_400_000);
    await page
      .getByTestId('book-date')
      .fill(
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
      );
    await page.getByTestId('book-time').fill('14:00');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-received').waitFor();
    const [request] = await server.database.query<any>(
      `SELECT customer_id, link FROM booking_requests WHERE tenant_id = $1 AND link = 'account'`,
      [tenant.tenantId],
    );
    expect(request).toEqual({ customer_id: lotte, link: 'account' });

    await page.getByTestId('book-another').click();
    await page.getByTestId('book-logout').click();
    await page.getByTestId('book-login-link').waitFor();
    await context.close();
  });

  it('resets a forgotten password with the e-mailed link', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/book/lotus/login`);
    await page.getByTestId('book-forgot-link').click();
    await page.getByTestId('book-forgot-email').fill('lotte@example.be');
    await page.getByTestId('book-forgot-submit').click();
    await page.getByTestId('book-forgot-done').waitFor();
    await page.goto(await lastMailLink(lotte));
    await page.getByTestId('book-password').fill('a brand new password');
    await page.getByTestId('book-password-repeat').fill('a brand new password');
    await page.getByTestId('book-password-submit').click();
    await page.waitForURL(/\/book\/lotus$/);
    expect(await page.getByTestId('book-account-name').textContent()).toBe('Logged in as Lotte Peeters');
    await context.close();
  });

  it('is shown on the customer profile: invited from there (the mail in the outbox), and disabled after a confirmation', async () => {
    const now = new Date();
    const jan = (
      await createCustomer(
        server.database,
        tenant.tenantId,
        { firstName: 'Jan', lastName: 'Claes', email: 'jan.claes@example.be', language: 'nl' },
        { source: 'staff', actor: null, now },
      )
    ).id;
    const piet = (
      await createCustomer(
        server.database,
        tenant.tenantId,
        { firstName: 'Piet', lastName: 'Zonder', mobile: '0470 12 34 56', language: 'nl' },
        { source: 'staff', actor: null, now },
      )
    ).id;
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);

    // Without an e-mail address on the profile, the card says so and cannot invite yet.
    await page.goto(`${server.url}/customers/${piet}`);
    await page.getByTestId('online-account').waitFor();
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Nog niet uitgenodigd');
    await page.getByTestId('online-account-no-email').waitFor();
    expect(await page.getByTestId('online-account-invite').isDisabled()).toBe(true);

    await page.goto(`${server.url}/customers/${jan}`);
    await page.getByTestId('profile-sidebar').waitFor();
    await page.getByTestId('online-account').waitFor();
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Nog niet uitgenodigd');
    expect(await page.getByTestId('online-account-email').inputValue()).toBe('jan.claes@example.be');
    expect(await page.getByTestId('online-account-no-email').count()).toBe(0);
    await page.getByTestId('online-account-invite').click();
    await page.getByTestId('online-account-sent').waitFor();
    expect(await page.getByTestId('online-account-sent').textContent()).toContain('jan.claes@example.be');
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Uitgenodigd');
    expect(await page.getByTestId('online-account-details').textContent()).toContain('link geldig tot');
    expect(await page.getByTestId('online-account-invite').textContent()).toBe('Nieuwe link sturen');
    const link = await lastMailLink(jan);
    expect(link).toContain('/book/lotus/invite?token=');
    const [mail] = await server.database.query<{ to_address: string }>(
      'SELECT to_address FROM messages WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, jan],
    );
    expect(mail?.to_address).toBe('jan.claes@example.be');

    // Disabling asks first; cancelled, nothing changes.
    await page.getByTestId('online-account-disable').click();
    await page.getByTestId('online-account-disable-confirm').waitFor();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByTestId('online-account-disable-confirm').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('online-account-state').textContent()).toBe('Uitgenodigd');
    await page.getByTestId('online-account-disable').click();
    await page.getByTestId('online-account-disable-confirm').click();
    await page.getByTestId('online-account-state').filter({ hasText: 'Uitgeschakeld' }).waitFor();
    expect(await page.getByTestId('online-account-invite').textContent()).toBe('Opnieuw uitnodigen');
    expect((await owner.get(`/api/customers/${jan}/online-account`)).body.state).toBe('disabled');
    await context.close();
  });
});
