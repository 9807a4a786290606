/**
 * The seed's flow in the staff app, on the demo salon: open Stephanie Wahters (#1222), see
 * "Duplicates (1)", compare with stefanie wachters (#1223), merge keeping her first name and
 * stefanie's e-mail, see all five appointments on one profile, find the merge in the history,
 * undo it, and see two profiles again with three and two appointments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../bench/generator/seedDemo.ts';
import { SEED_CASE } from '../../bench/generator/demo.ts';
import { launchBrowser, loginInBrowser, maybeScreenshot, newContext, startBrowserServer } from './support.ts';
import type { BrowserServer } from './support.ts';

let server: BrowserServer;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemo>>;
const PASSWORD = 'lotus-demo-merge-1';
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

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe('merging the seed case in the staff app', () => {
  it('opens her profile, compares, merges with the chosen values, shows five appointments, undoes from the history', async () => {
    expect(demo.tenantSlug).toBe('demo');
    // The demo owner works in Dutch, as the salon does.
    const context = await newContext(browser, 'nl-BE');
    const page = await context.newPage();
    await loginInBrowser(page, server.url, demo.email, PASSWORD);

    // Stephanie's profile shows "Duplicates (1)": stefanie, with compare and merge.
    await page.goto(`${server.url}/customers/${stephanie}`);
    await page.getByTestId('tab-duplicates').waitFor();
    expect(await text(page, 'tab-duplicates')).toBe('Duplicaten (1)');
    await page.getByTestId('tab-duplicates').click();
    const candidate = page.getByTestId('duplicate-1223');
    await candidate.waitFor();

    // Compare: every field side by side; the shared mobile is marked identical.
    await candidate.getByTestId('compare').click();
    await page.waitForURL(/\/compare\?ids=/);
    await page.getByTestId('comparison').waitFor();
    expect(await page.getByTestId('compare-row-mobile').getAttribute('data-state')).toBe('identical');
    expect(await page.getByTestId('compare-row-firstName').getAttribute('data-state')).toBe('different');
    expect(await page.getByTestId('compare-row-email').getAttribute('data-state')).toBe('different');
    await maybeScreenshot(page, 'merge-compare');

    // The merge form: her first name, stefanie's e-mail.
    await page.getByTestId('compare-merge').click();
    await page.waitForURL(/\/merge\?ids=/);
    await page.getByTestId('merge-form').waitFor();
    expect(await page.getByTestId('survivor-1222').isChecked()).toBe(true);
    await page.getByTestId('pick-firstName-1222').click();
    await page.getByTestId('pick-email-1223').click();
    expect(await text(page, 'result-email')).toBe('stefaniew@hotmail.com');
    expect(await text(page, 'result-firstName')).toBe('Stephanie');

    // The preview is the plan.
    await page.getByTestId('merge-preview').click();
    await page.getByTestId('merge-plan').waitFor();
    expect(await text(page, 'plan-value-firstName')).toBe('Stephanie');
    expect(await text(page, 'plan-value-email')).toBe('stefaniew@hotmail.com');
    expect(await text(page, 'plan-total-appointments')).toBe('5');
    expect(await page.getByTestId('plan-contact-points').textContent()).toContain(
      'stephaniewachters@telenet.be',
    );
    // Opposite newsletter consents: the most restrictive is proposed.
    await page.getByTestId('clash-newsletter').waitFor();
    expect(await text(page, 'plan-value-newsletterConsent')).toBe('Nee');
    await page.getByTestId('merge-plan').scrollIntoViewIfNeeded();
    await maybeScreenshot(page, 'merge-preview');

    // Apply: the result page shows one profile with all five appointments.
    await page.getByTestId('merge-apply').click();
    await page.waitForURL(/\/merges\/[0-9a-f-]{36}$/);
    const mergeId = page.url().split('/').pop()!;
    await page.getByTestId('merge-customer-1222').waitFor();
    expect(await text(page, 'merge-customer-1222-appointments')).toBe('5');
    expect(await text(page, 'merge-customer-1223-appointments')).toBe('0');
    await maybeScreenshot(page, 'merge-result');
    const pastAppointments = async (id: string) => {
      await page.goto(`${server.url}/customers/${id}`);
      await page.getByTestId('tab-summary').click();
      await page.getByTestId('stat-past').waitFor();
      return text(page, 'stat-past');
    };
    expect(await pastAppointments(stephanie)).toBe('5');
    // The old id still opens the survivor, with a notice.
    await page.goto(`${server.url}/customers/${stefanie}`);
    await page.getByTestId('merged-notice').waitFor();

    // The merge history lists it; undo it from there.
    await page.goto(`${server.url}/merges`);
    await page.getByTestId(`merge-${mergeId}`).waitFor();
    expect(await page.getByTestId(`merge-${mergeId}`).textContent()).toContain('Stephanie Wahters');
    await page.getByTestId(`undo-${mergeId}`).click();
    await page.getByTestId('undo-confirm').click();
    await page.getByText('De samenvoeging is ongedaan gemaakt.').waitFor();
    await page
      .getByTestId(`merge-${mergeId}`)
      .getByText(/Ongedaan gemaakt op/)
      .waitFor();

    // Two profiles again, with three and two appointments.
    await page.getByTestId(`merge-details-${mergeId}`).click();
    await page.getByTestId('merge-undone').waitFor();
    expect(await text(page, 'merge-customer-1222-appointments')).toBe('3');
    expect(await text(page, 'merge-customer-1223-appointments')).toBe('2');
    expect(await pastAppointments(stephanie)).toBe('3');
    expect(await pastAppointments(stefanie)).toBe('2');
    const rows = await server.database.query<{ id: string; merged_into: string | null; email: string }>(
      'SELECT id, merged_into, email FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [demo.tenantId, [stephanie, stefanie]],
    );
    expect(rows.map((r) => r.merged_into)).toEqual([null, null]);
    expect(rows.find((r) => r.id === stephanie)?.email).toBe('stephaniewachters@telenet.be');
    await context.close();
  });
});
