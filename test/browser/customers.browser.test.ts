/**
 * The customer pages in a real browser: live search, create with a required-field error, edit
 * with a stale-version conflict, reordering notes, e-mail to the outbox, archive and restore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addTestStaff, createTestTenant, loginOwner } from '../support/app.ts';
import type { Client, TestTenant } from '../support/app.ts';
import { launchBrowser, loginInBrowser, maybeScreenshot, newContext, startBrowserServer } from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let tenant: TestTenant;
let api: Client;
const ids: Record<string, { id: string; number: number }> = {};

async function create(key: string, body: Record<string, unknown>) {
  const res = await api.post('/api/customers', { allowDuplicate: true, ...body });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  ids[key] = { id: res.body.id, number: res.body.number };
  return res.body as { id: string; number: number; version: number };
}

async function signedIn(email = tenant.ownerEmail, locale = 'en-GB'): Promise<Page> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await loginInBrowser(page, server.url, email, tenant.password);
  return page;
}

const rowNumbers = async (page: Page) =>
  (await page
    .locator('[data-testid^="customer-row-"]')
    .evaluateAll((rows) =>
      rows.map((r) => Number(r.getAttribute('data-testid')!.replace('customer-row-', ''))),
    )) as number[];

/** Waits until the list shows the answer to `q` (the debounced search has caught up). */
async function waitForResults(page: Page, q: string) {
  await page.locator(`[data-testid="customer-total"][data-query="${q}"]`).waitFor();
}

beforeAll(async () => {
  server = await startBrowserServer();
  tenant = await createTestTenant(server, { name: 'Kapsalon Lotus' });
  api = await loginOwner(server, tenant);
  await create('stephanie', {
    firstName: 'Stephanie',
    lastName: 'Wahters',
    email: 'stephaniewachters@telenet.be',
    mobile: '0475 88 88 88',
    newsletterConsent: true,
  });
  await create('stefanie', {
    firstName: 'stefanie',
    lastName: 'wachters',
    email: 'stefaniew@hotmail.com',
    mobile: '+32475888888',
  });
  await create('katrien', {
    firstName: 'Katrien',
    lastName: 'Van den Broeck',
    mobile: '0496 12 34 56',
    city: 'Gent',
  });
  for (const [first, last] of [
    ['Els', 'Peeters'],
    ['Jan', 'Janssens'],
    ['Sofie', 'Maes'],
    ['Lotte', 'Claes'],
    ['Ann', 'Wouters'],
  ]) {
    await create(`${first}`, { firstName: first, lastName: last });
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('customer list', () => {
  it('searches as the user types, by name with a typo, by phone in another written form and by number', async () => {
    const page = await signedIn();
    await page.getByTestId('customer-table').waitFor();
    expect((await rowNumbers(page)).length).toBe(8);
    await maybeScreenshot(page, 'customers-list');

    const search = page.getByTestId('customer-search');
    // Typed fast, one key at a time: the list must end on the answer for the whole text.
    await search.pressSequentially('stephanie', { delay: 15 });
    await waitForResults(page, 'stephanie');
    expect(await rowNumbers(page)).toEqual([ids.stephanie!.number]);

    // A slow answer to an earlier search must not replace the answer to the later one.
    await page.route('**/api/customers?*', async (route) => {
      const q = new URL(route.request().url()).searchParams.get('q');
      if (q === 'ste') await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
    });
    await search.fill('');
    await search.pressSequentially('ste', { delay: 15 });
    await page.waitForRequest((r) => r.url().includes('q=ste&') || r.url().endsWith('q=ste'));
    await search.pressSequentially('fanie', { delay: 15 });
    await waitForResults(page, 'stefanie');
    await page.waitForTimeout(1800);
    expect(await page.getByTestId('customer-total').getAttribute('data-query')).toBe('stefanie');
    expect(await rowNumbers(page)).toEqual([ids.stefanie!.number]);
    await page.unroute('**/api/customers?*');

    await search.fill('');
    await search.pressSequentially('wachtres', { delay: 15 });
    await waitForResults(page, 'wachtres');
    expect(await rowNumbers(page)).toContain(ids.stefanie!.number);

    await search.fill('');
    await search.pressSequentially('0475 88', { delay: 15 });
    await waitForResults(page, '0475 88');
    expect((await rowNumbers(page)).sort()).toEqual([ids.stephanie!.number, ids.stefanie!.number].sort());

    await search.fill(String(ids.katrien!.number));
    await waitForResults(page, String(ids.katrien!.number));
    expect((await rowNumbers(page))[0]).toBe(ids.katrien!.number);
    await page.getByTestId(`view-${ids.katrien!.number}`).click();
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toBe('Katrien Van den Broeck');
    await page.context().close();
  });
});

describe('create', () => {
  it('shows the required phone, names it when missing, and creates once it is filled in', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/settings`);
    await page.getByTestId('setting-required-phone').check();
    await page.getByTestId('settings-save').click();
    await page.getByText('Settings saved.').waitFor();

    await page.goto(`${server.url}/customers`);
    await page.getByTestId('new-customer').click();
    await page.getByTestId('create-form').waitFor();
    await page.getByTestId('required-mobile').waitFor();
    await page.getByTestId('field-firstName').fill('Nina');
    await page.getByTestId('field-lastName').fill('Nieuw');
    await page.getByTestId('create-submit').click();
    await page.getByText('A phone number is required (mobile, landline or second phone).').waitFor();
    const [before] = await server.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND last_name = 'Nieuw'",
      [tenant.tenantId],
    );
    expect(before?.n).toBe(0);

    await page.getByTestId('field-mobile').fill('0470 12 34 56');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toBe('Nina Nieuw');
    expect(await page.getByTestId('value-mobile').textContent()).toBe('0470 12 34 56');
    await api.patch('/api/settings', { requiredFields: { phone: false, email: false } });
    await page.context().close();
  });

  it('warns before creating a customer who seems to exist, and opens the existing profile', async () => {
    const page = await signedIn();
    await page.getByTestId('new-customer').click();
    await page.getByTestId('field-firstName').fill('Stephanie');
    await page.getByTestId('field-lastName').fill('Wahters');
    await page.getByTestId('field-mobile').fill('+32 475 88 88 88');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('possible-duplicates').waitFor();
    await page.getByTestId(`open-existing-${ids.stephanie!.number}`).click();
    await page.getByTestId('profile-number').waitFor();
    expect(await page.getByTestId('profile-number').textContent()).toBe(`#${ids.stephanie!.number}`);
    await page.context().close();
  });
});

describe('profile', () => {
  it('shows what someone else changed instead of overwriting it, then saves on top', async () => {
    const page = await signedIn();
    const c = ids.katrien!;
    await page.goto(`${server.url}/customers/${c.id}`);
    await page.getByTestId('edit-customer').click();
    await page.getByTestId('edit-form').waitFor();
    await page.getByTestId('field-city').fill('Brugge');

    // Meanwhile a colleague saves another city and a new e-mail.
    const colleague = await addTestStaff(server, tenant, 'staff');
    const other = await (await import('../support/app.ts')).login(server, colleague.email);
    const current = (await other.get(`/api/customers/${c.id}`)).body;
    const saved = await other.patch(`/api/customers/${c.id}`, {
      version: current.version,
      city: 'Antwerpen',
      email: 'katrien@example.com',
    });
    expect(saved.status).toBe(200);

    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-conflict').waitFor();
    expect(await page.getByTestId('conflict-city-theirs').textContent()).toBe('Antwerpen');
    expect(await page.getByTestId('conflict-city-mine').textContent()).toBe('Brugge');
    expect(await page.getByTestId('conflict-email-theirs').textContent()).toBe('katrien@example.com');
    await maybeScreenshot(page, 'customer-edit-conflict');
    const [unchanged] = await server.database.query<{ city: string }>(
      'SELECT city FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, c.id],
    );
    expect(unchanged?.city).toBe('Antwerpen');

    await page.getByTestId('conflict-keep-mine').click();
    expect(await page.getByTestId('field-city').inputValue()).toBe('Brugge');
    expect(await page.getByTestId('field-email').inputValue()).toBe('katrien@example.com');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('customer-details').waitFor();
    expect(await page.getByTestId('value-city').textContent()).toBe('Brugge');
    expect(await page.getByTestId('value-email').textContent()).toBe('katrien@example.com');
    await page.context().close();
  });

  it('adds notes and reorders them by dragging, and the order stays after a reload', async () => {
    const page = await signedIn();
    const c = ids.stephanie!;
    await page.goto(`${server.url}/customers/${c.id}`);
    await page.getByTestId('tab-notes').click();
    for (const text of ['Allergisch voor ammoniak', 'Koffie zonder suiker', 'Komt met de fiets']) {
      await page.getByTestId('note-new').fill(text);
      await page.getByTestId('note-add').click();
      await page.getByTestId('note-text').filter({ hasText: text }).waitFor();
    }
    const texts = () => page.getByTestId('note-text').allTextContents();
    expect(await texts()).toEqual(['Komt met de fiets', 'Koffie zonder suiker', 'Allergisch voor ammoniak']);

    // Drag the first note below the second with the mouse, by its handle.
    const handle = page.getByTestId('note-handle').first();
    const target = page.getByTestId('note').nth(1);
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
    await page.mouse.move(from.x + from.width / 2, to.y + to.height - 4, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="note-text"]')].map((n) => n.textContent)[0] ===
        'Koffie zonder suiker',
    );
    const stored = async () =>
      (
        await server.database.query<{ body: string }>(
          'SELECT body FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2 ORDER BY position',
          [tenant.tenantId, c.id],
        )
      ).map((n) => n.body);
    await expect
      .poll(stored)
      .toEqual(['Koffie zonder suiker', 'Komt met de fiets', 'Allergisch voor ammoniak']);

    // And the last one to the top with the keyboard.
    await page.waitForLoadState('networkidle');
    await page.getByTestId('note-handle').nth(2).focus();
    for (const key of ['Space', 'ArrowUp', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250); // dnd-kit measures and animates between moves
    }
    const expected = ['Allergisch voor ammoniak', 'Koffie zonder suiker', 'Komt met de fiets'];
    await page.waitForFunction(
      (want) =>
        [...document.querySelectorAll('[data-testid="note-text"]')].map((n) => n.textContent).join('|') ===
        want,
      expected.join('|'),
    );
    await expect.poll(stored).toEqual(expected);

    await page.reload();
    await page.getByTestId('tab-notes').click();
    await page.getByTestId('note-text').first().waitFor();
    expect(await texts()).toEqual(expected);
    expect(await page.getByTestId('sidebar-notes').textContent()).toContain('Allergisch voor ammoniak');
    await maybeScreenshot(page, 'customer-profile');
    await page.context().close();
  });

  it('e-mails the customer into the outbox (no SMTP configured) and shows it there', async () => {
    const page = await signedIn();
    const c = ids.stephanie!;
    await page.goto(`${server.url}/customers/${c.id}`);
    await page.getByTestId('send-email').click();
    await page.getByTestId('email-form').waitFor();
    expect(await page.getByTestId('email-to').inputValue()).toBe('stephaniewachters@telenet.be');
    await page.getByTestId('email-subject').fill('Uw afspraak van dinsdag');
    await page.getByTestId('email-message').fill('Dag Stephanie,\nTot dinsdag om 10 uur!');
    await page.getByTestId('email-send').click();
    await page.getByText('No mail server is set up: the e-mail waits in the outbox.').waitFor();
    await page.getByTestId('tab-messages').click();
    await page.getByTestId('message-status').first().waitFor();
    expect(await page.getByTestId('message-status').first().textContent()).toBe('In outbox');

    await page.goto(`${server.url}/customers`);
    await page.getByTestId('open-outbox').click();
    await page.getByTestId('outbox-list').waitFor();
    await page.getByTestId('outbox-subject').filter({ hasText: 'Uw afspraak van dinsdag' }).click();
    await page.getByTestId('outbox-body').filter({ hasText: 'Tot dinsdag om 10 uur!' }).waitFor();
    const [row] = await server.database.query<{ status: string; to_address: string }>(
      'SELECT status, to_address FROM messages WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, c.id],
    );
    expect(row).toEqual({ status: 'outbox', to_address: 'stephaniewachters@telenet.be' });
    await page.context().close();
  });

  it('archives a customer out of the list and restores it', async () => {
    const page = await signedIn();
    const c = ids.Els!;
    await page.goto(`${server.url}/customers/${c.id}`);
    await page.getByTestId('archive-customer').click();
    await page.getByTestId('profile-archived').waitFor();

    await page.goto(`${server.url}/customers`);
    const search = page.getByTestId('customer-search');
    await search.fill('peeters');
    await waitForResults(page, 'peeters');
    await page.getByTestId('customer-empty').waitFor();
    await page.getByTestId('filter-archived').getByText('Archived').click();
    await page.getByTestId(`customer-row-${c.number}`).waitFor();
    await page.getByTestId(`view-${c.number}`).click();
    await page.getByTestId('restore-customer').click();
    await page.getByTestId('archive-customer').waitFor();

    await page.goto(`${server.url}/customers?q=peeters`);
    await page.getByTestId(`customer-row-${c.number}`).waitFor();
    const [row] = await server.database.query<{ archived_at: string | null }>(
      'SELECT archived_at FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, c.id],
    );
    expect(row?.archived_at).toBeNull();
    await page.context().close();
  });

  it('hides Settings and the owner actions from staff', async () => {
    const staff = await addTestStaff(server, tenant, 'staff');
    const page = await signedIn(staff.email);
    await page.getByTestId('nav-customers').waitFor();
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await page.goto(`${server.url}/customers/${ids.stephanie!.id}`);
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('customer-options').count()).toBe(0);
    await page.context().close();
  });
});
