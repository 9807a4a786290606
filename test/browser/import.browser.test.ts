/**
 * The import wizard end to end in a real browser, with the file Dutch Excel saves: Windows-1252,
 * semicolons. Upload, the suggested mapping (one column changed and the mapping saved), the dry
 * run's counts and lists, a decision, the choice for existing customers, the job with its progress
 * bar, the result, and the downloaded per-row report.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
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

const FILE = iconv.encode(
  [
    'Voornaam;Familie naam;GSM;E-mail;Geboortedatum;Opmerking;Klantnummer',
    'stefanie;wachters;0475/88.88.88;stefaniew@hotmail.com;24/03/1985;vaste klant;1222',
    'Séverine;Müller;0486 12 34 56;severine@example.be;02.05.1979;;2001',
    'Joël;Dupré;;joel@example.be;;koffie zonder suiker;2002',
    'Joël;Dupré;0477 99 88 77;JOEL@example.be;;;2003',
    ';;12;;31/02/1990;;2004',
  ].join('\r\n') + '\r\n',
  'windows-1252',
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

describe('import wizard', () => {
  it('imports a Windows-1252 semicolon file from Dutch Excel, from upload to report', async () => {
    const context = await browser.newContext({
      locale: 'nl-BE',
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, tenant.ownerEmail, tenant.password);
    await page.getByTestId('nav-imports').click();

    // Upload: the hidden file input behind Mantine's FileInput.
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'klanten.csv', mimeType: 'text/csv', buffer: FILE });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('mapping').waitFor();
    expect(await page.getByTestId('import-file').textContent()).toBe(
      "klanten.csv: 5 rijen, windows-1252, gescheiden door puntkomma's",
    );
    // Suggested from the Dutch header, accents read right.
    expect(await page.getByTestId('mapping-0').inputValue()).toBe('Voornaam');
    expect(await page.getByTestId('mapping-1').inputValue()).toBe('Familienaam');
    expect(await page.getByTestId('mapping-2').inputValue()).toBe('Gsm');
    expect(await page.getByTestId('mapping-6').inputValue()).toBe('— Niet importeren —');
    expect(await page.getByTestId('mapping').textContent()).toContain('Séverine');
    // "Opmerking" goes to the notes; the user keeps it and saves the mapping for next time.
    expect(await page.getByTestId('mapping-5').inputValue()).toBe('Notities');
    await page.getByTestId('mapping-name').fill('Oud kassasysteem');
    await page.getByTestId('mapping-save').click();
    await page.getByTestId('mapping-saved').waitFor();

    // Dry run: counts per outcome, the invalid row with its reasons.
    await page.getByTestId('import-plan').click();
    await page.getByTestId('dry-run-counts').waitFor();
    const count = async (o: string) => Number(await page.getByTestId(`count-${o}-value`).textContent());
    expect([
      await count('new'),
      await count('match'),
      await count('possible'),
      await count('file_duplicate'),
      await count('invalid'),
    ]).toEqual([2, 1, 0, 1, 1]);
    await page.getByTestId('count-invalid').click();
    await page.getByTestId('row-6').waitFor();
    const errors = await page.getByTestId('row-6').textContent();
    expect(errors).toContain('Geboortedatum: Geboortedatum is geen bestaande datum');
    expect(errors).toContain('GSM: Gsm is geen geldig telefoonnummer');
    await page.getByTestId('count-match').click();
    await page.getByTestId('row-2').waitFor();
    expect(await page.getByTestId('row-2').textContent()).toContain('Stephanie Wahters');
    await maybeScreenshot(page, 'import-dry-run');

    // Choose: fill only empty fields of existing customers, then import as a job.
    await page.getByTestId('import-next').click();
    await page.getByTestId('on-match-update-empty').click();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(
      await page.getByTestId('import-progress').getByRole('progressbar').getAttribute('aria-valuenow'),
    ).toBe('100');
    expect(await page.getByTestId('result-created').textContent()).toContain('2');
    expect(await page.getByTestId('result-updated').textContent()).toContain('1');

    // The database: customers with source import; Stephanie's empty birth date filled, her e-mail kept.
    const imported = await server.database.query<any>(
      `SELECT first_name, last_name, email, mobile_e164, notes FROM customers WHERE tenant_id = $1 AND source = 'import' ORDER BY number`,
      [tenant.tenantId],
    );
    expect(imported).toEqual([
      {
        first_name: 'Séverine',
        last_name: 'Müller',
        email: 'severine@example.be',
        mobile_e164: '+32486123456',
        notes: null,
      },
      {
        first_name: 'Joël',
        last_name: 'Dupré',
        email: 'joel@example.be',
        mobile_e164: '+32477998877',
        notes: 'koffie zonder suiker',
      },
    ]);
    const [steph] = await server.database.query<any>(
      'SELECT email, birth_date, notes FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, stephanie],
    );
    expect(steph).toEqual({
      email: 'stephaniewachters@telenet.be',
      birth_date: '1985-03-24',
      notes: 'vaste klant',
    });

    // The report: one line per row, in Dutch, with the file's own delimiter.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-report').click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('row;outcome;action;customer_number;customer_id;name;email;details');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^2;match;updated;1;/);
    expect(lines[4]).toMatch(/^5;file_duplicate;skipped;.*Zelfde persoon als rij 4/);
    expect(lines[5]).toMatch(/^6;invalid;invalid;/);
    await context.close();
  });
});
