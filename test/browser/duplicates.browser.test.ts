/**
 * Duplicates in the staff app, on the demo salon: the review queue fills after a scan of the whole
 * file (groups with their reasons), the profile of Stephanie Wahters shows "Duplicates (1)" with
 * stefanie wachters, the chart of reasons and the ways to compare and merge, and "Not a duplicate"
 * makes the tab go away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../bench/generator/seedDemo.ts';
import { SEED_CASE } from '../../bench/generator/demo.ts';
import { launchBrowser, loginInBrowser, maybeScreenshot, newContext, startBrowserServer } from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemo>>;
const PASSWORD = 'lotus-demo-duplicates-1';
let stephanie: string;
let stefanie: string;

beforeAll(async () => {
  server = await startBrowserServer();
  demo = await seedDemo(server.database, { now: new Date(), password: PASSWORD });
  stephanie = demo.ids.get(SEED_CASE.stephanie.id)!;
  stefanie = demo.ids.get(SEED_CASE.stefanie.id)!;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('duplicates in the staff app', () => {
  it('scans the file into the review queue, shows the profile’s duplicate with its reasons, and dismisses it', async () => {
    // The demo owner works in Dutch, as the salon does: the app and the reasons are in Dutch.
    const context = await newContext(browser, 'nl-BE');
    const page = await context.newPage();
    // Six engineers share two cores: give slow moments room without hiding real failures.
    page.setDefaultTimeout(90_000);
    await loginInBrowser(page, server.url, demo.email, PASSWORD);

    // The review queue: scan the whole file, follow its progress, see groups with their reasons.
    await page.goto(`${server.url}/duplicates`);
    await page.getByTestId('scan-button').click();
    await page.getByTestId('queue-total').waitFor({ timeout: 180_000 });
    const [{ n: groups } = { n: 0 }] = await server.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM duplicate_groups WHERE tenant_id = $1 AND status = 'open'`,
      [demo.tenantId],
    );
    expect(groups).toBeGreaterThan(20);
    expect(await page.getByTestId('queue-total').textContent()).toBe(`${groups} groepen`);
    const first = page.getByTestId('duplicate-group').first();
    expect(await first.getByTestId('reason-chart').first().textContent()).not.toBe('');
    expect(await first.getByTestId('group-merge').getAttribute('href')).toMatch(
      /^\/merge\?ids=[0-9a-f-]{36},/,
    );
    await maybeScreenshot(page, 'duplicates-queue');

    // The profile shows the tab with its count, the candidate and the chart of reasons.
    await page.goto(`${server.url}/customers/${stephanie}`);
    const tab = page.getByTestId('tab-duplicates');
    await tab.waitFor();
    expect((await tab.textContent())?.trim()).toBe('Duplicaten (1)');
    await tab.click();
    const card = page.getByTestId(`duplicate-${SEED_CASE.stefanie.number}`);
    await card.waitFor();
    const chart = card.getByTestId('reason-chart');
    expect(await chart.textContent()).toContain('Zelfde gsm-nummer');
    expect(await chart.textContent()).toContain('Voornamen klinken hetzelfde: Stephanie / Stefanie');
    expect(await card.getByTestId('reason-phone').count()).toBe(1);
    expect(await card.getByTestId('compare').getAttribute('href')).toBe(
      `/compare?ids=${stephanie},${stefanie}`,
    );
    expect(await card.getByTestId('merge').getAttribute('href')).toBe(`/merge?ids=${stephanie},${stefanie}`);
    await maybeScreenshot(page, 'duplicates-tab');

    // "Not a duplicate": the tab goes away, and stays away after a reload.
    await card.getByTestId('not-duplicate').click();
    await tab.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('tab-info').waitFor();
    expect(await page.getByTestId('tab-duplicates').count()).toBe(0);
    const [row] = await server.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM duplicate_dismissals WHERE tenant_id = $1',
      [demo.tenantId],
    );
    expect(row?.n).toBe(1);
    await context.close();
  }, 300_000);
});
