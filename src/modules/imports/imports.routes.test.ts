/** Medium tier: the import wizard's API on a real database, asserting on database state. */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { generateCustomers } from '../../../bench/generator/index.ts';
import { loadGenerated } from '../../../bench/generator/load.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { reindexTenant } from '../duplicates/matchIndex.ts';
import { JobQueue } from '../jobs/jobs.service.ts';
import { applyImport, IMPORT_APPLY_JOB } from './imports.apply.ts';
import { claimApply, uploadImport } from './imports.service.ts';

let ctx: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let staff: Client;
const now = new Date('2026-11-24T10:00:00Z');
const ids: Record<string, string> = {};

const count = async (sql: string, params: unknown[]) =>
  (await ctx.database.query<{ n: number }>(sql, params))[0]?.n ?? 0;

async function upload(client: Client, body: string | Buffer, query = 'fileName=klanten.csv') {
  return client.request('POST', `/api/imports?${query}`, body, { 'content-type': 'text/csv' });
}

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now });
  tenant = await createTestTenant(ctx, { name: 'Kapsalon Lotus' });
  other = await createTestTenant(ctx, { name: 'Salon Other' });
  staff = await loginOwner(ctx, tenant);
  // A salon of realistic size, so the tenant's model weighs matches as it would in practice.
  const loaded = await loadGenerated(ctx.database, generateCustomers({ seed: 61, n: 300, country: 'BE' }), {
    tenantId: tenant.tenantId,
  });
  expect(loaded.customers).toBe(300);
  const create = (input: Record<string, unknown>) =>
    createCustomer(ctx.database, tenant.tenantId, input, { source: 'staff', actor: null, now });
  ids.stephanie = (
    await create({
      firstName: 'Stephanie',
      lastName: 'Wahters',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 888 888',
    })
  ).id;
  ids.jan = (await create({ firstName: 'Jan', lastName: 'Peeters', email: 'jan.peeters@telenet.be' })).id;
  ids.els = (
    await create({
      firstName: 'Els',
      lastName: 'Vermeulen',
      birthDate: '1979-05-02',
      postalCode: '9000',
      city: 'Gent',
      email: 'els.v@gmail.com',
    })
  ).id;
  await reindexTenant(ctx.database, tenant.tenantId);
});
afterAll(async () => ctx?.close());

const FILE = [
  'Voornaam;Familienaam;GSM;E-mail;Geboortedatum;Gemeente;Nieuwsbrief',
  // certain by phone and name (the seed case): fills the birth date, keeps the e-mail
  'stefanie;wachters;+32 475 88 88 88;stefaniew@hotmail.com;24/03/1985;Gent;ja',
  // certain by e-mail
  'Jan;Peeters;;Jan.Peeters@telenet.be;;;nee',
  // possibly Els Vermeulen (same surname and town, another e-mail)
  'Els;Vermeule;;elske@proximus.be;;Gent;',
  // new
  'Ahmed;El Amrani;0486 12 34 56;ahmed@example.be;;Antwerpen;',
  // the same person as the row above, with a birth date the first copy lacks
  'Ahmed;El Amrani;0486123456;;11.07.1990;;',
  // invalid: no name, bad phone
  ';;12;;31/02/1990;;',
  'Zoë;<script>alert(1)</script>;;zoe@example.be;;;misschien',
].join('\r\n');

describe('upload', () => {
  it('reads a Windows-1252 semicolon file and suggests the mapping', async () => {
    const res = await upload(staff, iconv.encode(FILE, 'windows-1252'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      rowCount: 7,
      status: 'uploaded',
      mapping: ['firstName', 'lastName', 'mobile', 'email', 'birthDate', 'city', 'newsletterConsent'],
    });
    ids.import = res.body.id;
    expect(res.body.sample).toHaveLength(5);
    const rows = await staff.get(`/api/imports/${ids.import}/rows?offset=6`);
    expect(rows.body.rows[0].cells).toEqual([
      'Zoë',
      '<script>alert(1)</script>',
      '',
      'zoe@example.be',
      '',
      '',
      'misschien',
    ]);
    expect(
      await count(
        'SELECT sum(row_count)::int AS n FROM import_chunks WHERE tenant_id = $1 AND import_id = $2',
        [tenant.tenantId, ids.import],
      ),
    ).toBe(7);
  });

  const bad: [string, string | Buffer, string, RegExp][] = [
    ['an empty file', '', 'import.empty_file', /empty/],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'import.binary_file',
      /not a text file/,
    ],
    [
      'an Excel workbook',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]),
      'import.spreadsheet_file',
      /Excel/,
    ],
    [
      'a ragged row',
      'a;b;c\n1;2;3\n4;5\n',
      'import.ragged_row',
      /Row 3 has 2 columns where the header has 3/,
    ],
    [
      'unbalanced quotes',
      'name,note\nJan,ok\nPiet,"never closed\nKlaas,x\n',
      'import.unbalanced_quotes',
      /Line 3/,
    ],
    ['a 10 MB cell', `name,notes\nJan,${'x'.repeat(10 * 1024 * 1024)}\n`, 'import.cell_too_large', /Line 2/],
    [
      'an unknown encoding',
      iconv.encode('имя;город\nИван;Москва\n', 'windows-1251'),
      'import.unknown_encoding',
      /encoding/,
    ],
    ['a header only', 'Voornaam;Familienaam\r\n', 'import.header_only', /no customers/],
    ['a million rows', `name\n${'Jan\n'.repeat(1_000_000)}`, 'import.too_many_rows', /more than 200000/],
  ];
  it.each(bad)('refuses %s with a clear message and writes nothing', async (_label, body, code, message) => {
    const before = await count('SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    const rowsBefore = await count('SELECT count(*)::int AS n FROM import_chunks WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    const res = await upload(staff, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.field).toBe('file');
    expect(res.body.error.message).toMatch(message);
    expect(
      await count('SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1', [tenant.tenantId]),
    ).toBe(before);
    expect(
      await count('SELECT count(*)::int AS n FROM import_chunks WHERE tenant_id = $1', [tenant.tenantId]),
    ).toBe(rowsBefore);
  });

  it('answers in Dutch when asked', async () => {
    staff.language = 'nl-BE';
    const res = await upload(staff, 'Voornaam;Familienaam\r\n');
    staff.language = undefined;
    expect(res.body.error.message).toBe('Het bestand heeft een kopregel maar geen klanten eronder.');
  });

  it('refuses a file over the upload limit', async () => {
    const res = await upload(staff, Buffer.alloc(21 * 1024 * 1024, 0x61));
    expect(res.status).toBe(413);
  });
});

describe('dry run', () => {
  it('refuses a mapping without a name, or with a field twice', async () => {
    const noName = await staff.post(`/api/imports/${ids.import}/plan`, {
      mapping: [null, null, 'mobile', 'email', null, null, null],
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe('import.mapping_no_name');
    const twice = await staff.post(`/api/imports/${ids.import}/plan`, {
      mapping: ['firstName', 'firstName', null, null, null, null, null],
    });
    expect(twice.body.error.code).toBe('import.mapping_twice');
  });

  it('classifies every row and changes no customer', async () => {
    const customersBefore = await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    const res = await staff.post(`/api/imports/${ids.import}/plan`, {
      mapping: ['firstName', 'lastName', 'mobile', 'email', 'birthDate', 'city', 'newsletterConsent'],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('planned');
    expect(res.body.summary).toEqual({
      rows: 7,
      new: 1,
      match: 2,
      possible: 1,
      fileDuplicate: 1,
      invalid: 2,
    });
    expect(
      await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1', [tenant.tenantId]),
    ).toBe(customersBefore);

    const matches = await staff.get(`/api/imports/${ids.import}/rows?outcome=match`);
    expect(matches.body.rows.map((r: any) => [r.rowNumber, r.matchCustomerId, r.matchReason])).toEqual([
      [2, ids.stephanie, 'phone_and_name'],
      [3, ids.jan, 'email'],
    ]);
    const possible = await staff.get(`/api/imports/${ids.import}/rows?outcome=possible`);
    expect(possible.body.rows[0].candidates[0]).toMatchObject({ customerId: ids.els, name: 'Els Vermeulen' });
    const dup = await staff.get(`/api/imports/${ids.import}/rows?outcome=file_duplicate`);
    expect(dup.body.rows[0]).toMatchObject({ rowNumber: 6, duplicateOfRow: 5 });
    expect(dup.body.rows[0].message).toMatch(/Same person as row 5/);
    const invalid = await staff.get(`/api/imports/${ids.import}/rows?outcome=invalid`);
    expect(invalid.body.rows.map((r: any) => r.errors.map((e: any) => `${e.column}: ${e.code}`))).toEqual([
      ['Geboortedatum: invalid_date', 'GSM: invalid_phone', 'null: name_required'],
      ['Nieuwsbrief: import.invalid_yes_no'],
    ]);
    expect(invalid.body.rows[0].errors[1].message).toMatch(/^GSM: Mobile is not a valid phone number/);
  });

  it('lets staff decide a possible match, only among its candidates', async () => {
    const possible = await staff.get(`/api/imports/${ids.import}/rows?outcome=possible`);
    const idx = possible.body.rows[0].idx;
    const wrong = await staff.put(`/api/imports/${ids.import}/rows/${idx}/decision`, {
      decision: 'match',
      customerId: ids.jan,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('import.not_a_candidate');
    const notPossible = await staff.put(`/api/imports/${ids.import}/rows/0/decision`, { decision: 'skip' });
    expect(notPossible.body.error.code).toBe('import.not_possible_row');
    const ok = await staff.put(`/api/imports/${ids.import}/rows/${idx}/decision`, {
      decision: 'match',
      customerId: ids.els,
    });
    expect(ok.status).toBe(204);
  });
});

describe('apply', () => {
  it('runs as a job: creates with source import, fills empty fields of matches, reports every row', async () => {
    const res = await staff.post(`/api/imports/${ids.import}/apply`, { onMatch: 'update-empty' });
    expect(res.status).toBe(202);
    await ctx.deps.jobs.drain();
    const job = await staff.get(`/api/jobs/${res.body.id}`);
    expect(job.body.status).toBe('done');
    const imp = await staff.get(`/api/imports/${ids.import}`);
    expect(imp.body.status).toBe('applied');
    expect(imp.body.result).toEqual({ created: 1, updated: 2, unchanged: 1, skipped: 1, invalid: 2 });

    const [ahmed] = await ctx.database.query<any>(
      `SELECT id, source, birth_date, mobile_e164 FROM customers WHERE tenant_id = $1 AND last_name = 'El Amrani'`,
      [tenant.tenantId],
    );
    expect(ahmed).toMatchObject({ source: 'import', birth_date: '1990-07-11', mobile_e164: '+32486123456' });
    const keys = await count(
      'SELECT count(*)::int AS n FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, ahmed.id],
    );
    expect(keys).toBeGreaterThan(0);

    const [steph] = await ctx.database.query<any>(
      'SELECT first_name, email, birth_date, city, newsletter_consent, version FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, ids.stephanie],
    );
    expect(steph).toMatchObject({
      first_name: 'Stephanie',
      email: 'stephaniewachters@telenet.be',
      birth_date: '1985-03-24',
      city: 'Gent',
      newsletter_consent: true,
      version: 2,
    });
    const [els] = await ctx.database.query<any>(
      'SELECT email FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, ids.els],
    );
    expect(els.email).toBe('els.v@gmail.com');
    const audits = await ctx.database.query<any>(
      `SELECT action, details FROM audit_log WHERE tenant_id = $1 AND action IN ('customer.updated', 'customers.imported', 'import.applied') ORDER BY at, action`,
      [tenant.tenantId],
    );
    expect(audits.map((a) => a.action).sort()).toEqual([
      'customer.updated',
      'customer.updated',
      'customers.imported',
      'import.applied',
    ]);

    const report = await staff.get(`/api/imports/${ids.import}/report`);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.text.startsWith('\uFEFF')).toBe(true);
    const lines = report.text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('row;outcome;action;customer_number;customer_id;name;email;details');
    expect(lines).toHaveLength(8);
    expect(lines[6]).toMatch(/^7;invalid;invalid;;;;;Geboortedatum: Birth date is not a real date/);
    expect(lines[5]).toMatch(/^6;file_duplicate;skipped;.*Same person as row 5/);
  });

  it('refuses to apply twice', async () => {
    const again = await staff.post(`/api/imports/${ids.import}/apply`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('import.already_applied');
  });
});

describe('a failure part-way', () => {
  /** A planned import of `rows` new customers stored in chunks of 10 rows. */
  async function plannedImport(rows: number, prefix: string): Promise<string> {
    // Different people: originals of the generator, each with an address of its own.
    const people = [...generateCustomers({ seed: prefix.length, n: rows * 3, country: 'BE' })]
      .filter((c) => c.kind === 'original' && c.firstName && c.lastName)
      .slice(0, rows);
    const lines = ['Voornaam;Familienaam;E-mail'];
    people.forEach((c, i) => lines.push(`${c.firstName};${c.lastName};${prefix}${i}@chunks.example`));
    const uploaded = await uploadImport(
      ctx.database,
      { tenantId: tenant.tenantId, staffId: tenant.ownerId, label: 'test' },
      new TextEncoder().encode(lines.join('\n')),
      { fileName: `${prefix}.csv`, chunkRows: 10 },
      now,
    );
    const id = uploaded.import.id;
    const planned = await staff.post(`/api/imports/${id}/plan`, {
      mapping: ['firstName', 'lastName', 'email'],
    });
    expect(planned.body.summary.new).toBe(rows);
    await ctx.database.query(`UPDATE imports SET status = 'applying' WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      id,
    ]);
    return id;
  }
  const imported = (prefix: string) =>
    count(
      `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND source = 'import' AND email LIKE $2`,
      [tenant.tenantId, `${prefix}%@chunks.example`],
    );
  const opts = { now: () => now, actor: 'test', actorStaffId: null };

  it('rolls back the failing chunk, keeps the committed ones, and resumes from the checkpoint', async () => {
    const id = await plannedImport(25, 'first');
    const before = await count(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1`, [
      tenant.tenantId,
    ]);
    const err = await applyImport(ctx.database, tenant.tenantId, id, {
      ...opts,
      hooks: {
        beforeCommit: (chunk) => {
          if (chunk === 1) throw new Error('disk full');
        },
      },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('disk full');
    // Chunk 0 (rows 0–9) is in, chunk 1 left nothing behind: no customer, no index keys, no result.
    expect(
      await count(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1`, [tenant.tenantId]),
    ).toBe(before + 10);
    expect(await imported('first')).toBe(10);
    const [state] = await ctx.database.query<any>(
      'SELECT status, applied_through, error FROM imports WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, id],
    );
    expect(state).toEqual({ status: 'failed', applied_through: 9, error: 'disk full' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM import_chunks WHERE tenant_id = $1 AND import_id = $2 AND results IS NOT NULL`,
        [tenant.tenantId, id],
      ),
    ).toBe(1);

    // Resume through the API: the job continues after row 9, and every row is imported once.
    const res = await staff.post(`/api/imports/${id}/apply`, {});
    expect(res.status).toBe(202);
    await ctx.deps.jobs.drain();
    expect(
      await count(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1`, [tenant.tenantId]),
    ).toBe(before + 25);
    expect(await imported('first')).toBe(25);
    expect(
      await count(
        `SELECT count(DISTINCT email)::int AS n FROM customers WHERE tenant_id = $1 AND email LIKE 'first%@chunks.example'`,
        [tenant.tenantId],
      ),
    ).toBe(25);
    const report = await staff.get(`/api/imports/${id}/report`);
    expect(report.text.match(/;created;/g)).toHaveLength(25);
  });

  it('resumes after a crash between chunks', async () => {
    const id = await plannedImport(15, 'second');
    await applyImport(ctx.database, tenant.tenantId, id, {
      ...opts,
      hooks: {
        afterCommit: () => {
          throw new Error('killed');
        },
      },
    }).catch(() => undefined);
    expect(await imported('second')).toBe(10);
    await ctx.database.query(`UPDATE imports SET status = 'applying' WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      id,
    ]);
    const result = await applyImport(ctx.database, tenant.tenantId, id, opts);
    expect(result.actions).toEqual({ created: 15 });
    expect(await imported('second')).toBe(15);
  });
});

describe('a failed or interrupted import', () => {
  /** A planned (not yet applying) import of `rows` new customers in chunks of 10 rows. */
  async function planned(rows: number, prefix: string): Promise<string> {
    const lines = ['Voornaam;Familienaam;E-mail'];
    for (let i = 0; i < rows; i++)
      lines.push(`Persoon${prefix}${i};Achternaam${i};${prefix}${i}@resume.example`);
    const uploaded = await uploadImport(
      ctx.database,
      { tenantId: tenant.tenantId, staffId: tenant.ownerId, label: 'test' },
      new TextEncoder().encode(lines.join('\n')),
      { fileName: `${prefix}.csv`, chunkRows: 10 },
      now,
    );
    const res = await staff.post(`/api/imports/${uploaded.import.id}/plan`, {
      mapping: ['firstName', 'lastName', 'email'],
    });
    expect(res.body.summary.new).toBe(rows);
    return uploaded.import.id;
  }
  const imported = (prefix: string) =>
    count(
      `SELECT count(DISTINCT email)::int AS n FROM customers WHERE tenant_id = $1 AND source = 'import' AND email LIKE $2`,
      [tenant.tenantId, `${prefix}%@resume.example`],
    );
  const copies = (prefix: string) =>
    count(
      `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND source = 'import' AND email LIKE $2`,
      [tenant.tenantId, `${prefix}%@resume.example`],
    );
  const state = async (id: string) =>
    (
      await ctx.database.query<{
        status: string;
        applied_through: number;
        error: string | null;
        job_id: string;
      }>('SELECT status, applied_through, error, job_id FROM imports WHERE tenant_id = $1 AND id = $2', [
        tenant.tenantId,
        id,
      ])
    )[0]!;
  /** Applies the first chunk under `jobId` and stops as a killed process would (no "failed"). */
  async function crashAfterFirstChunk(id: string, jobId: string | undefined): Promise<void> {
    await applyImport(ctx.database, tenant.tenantId, id, {
      now: () => now,
      jobId,
      actor: 'test',
      actorStaffId: null,
      hooks: {
        afterCommit: () => {
          throw new Error('killed');
        },
      },
    }).catch(() => undefined);
    await ctx.database.query(
      `UPDATE imports SET status = 'applying', error = NULL WHERE tenant_id = $1 AND id = $2`,
      [tenant.tenantId, id],
    );
  }

  it('refuses to plan a partly applied import again, and resumes it from the checkpoint', async () => {
    const id = await planned(25, 'replan');
    const started = await staff.post(`/api/imports/${id}/apply`, {});
    expect(started.status).toBe(202);
    await applyImport(ctx.database, tenant.tenantId, id, {
      now: () => now,
      jobId: started.body.id,
      actor: 'test',
      actorStaffId: null,
      hooks: {
        beforeCommit: (chunk) => {
          if (chunk === 1) throw new Error('disk full');
        },
      },
    }).catch(() => undefined);
    expect(await state(id)).toMatchObject({ status: 'failed', applied_through: 9, error: 'disk full' });

    const again = await staff.request(
      'POST',
      `/api/imports/${id}/plan`,
      { mapping: ['firstName', 'lastName', 'email'] },
      { 'accept-language': 'nl' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('import.partly_applied');
    expect(again.body.error.message).toMatch(/hervat/);
    // Nothing was reset: the checkpoint and the first chunk's results stay.
    expect(await state(id)).toMatchObject({ status: 'failed', applied_through: 9 });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM import_chunks WHERE tenant_id = $1 AND import_id = $2 AND results IS NOT NULL`,
        [tenant.tenantId, id],
      ),
    ).toBe(1);

    const resumed = await staff.post(`/api/imports/${id}/apply`, {});
    expect(resumed.status).toBe(202);
    await ctx.deps.jobs.drain();
    expect((await staff.get(`/api/imports/${id}`)).body).toMatchObject({
      status: 'applied',
      result: { created: 25 },
    });
    expect(await imported('replan')).toBe(25);
    expect(await copies('replan')).toBe(25);
  });

  it("fails an import whose job gave up, with the job's message, and resumes it", async () => {
    const id = await planned(25, 'gaveup');
    const started = await staff.post(`/api/imports/${id}/apply`, {});
    expect(started.status).toBe(202);
    const firstJob = started.body.id as string;
    // The worker applied one chunk and died; every later claim died too, and the queue gives up.
    await crashAfterFirstChunk(id, firstJob);
    const giveUp = new JobQueue(ctx.database, { workerId: 'gives-up', maxAttempts: 0 });
    giveUp.register(IMPORT_APPLY_JOB, () => Promise.reject(new Error('never runs')));
    expect(await giveUp.runOnce()).toBe(true);
    const job = await staff.get(`/api/jobs/${firstJob}`);
    expect(job.body.status).toBe('failed');
    expect(await state(id)).toMatchObject({ status: 'applying', applied_through: 9 });

    const seen = await staff.get(`/api/imports/${id}`);
    expect(seen.body.status).toBe('failed');
    expect(seen.body.error).toMatch(/^Gave up after 0 attempts/);
    expect((await staff.get('/api/imports')).body.find((i: any) => i.id === id).status).toBe('failed');

    const resumed = await staff.post(`/api/imports/${id}/apply`, {});
    expect(resumed.status).toBe(202);
    expect(resumed.body.id).not.toBe(firstJob);
    // A run of the old job that is still alive somewhere neither applies nor fails the import.
    const stale = await applyImport(ctx.database, tenant.tenantId, id, {
      now: () => now,
      jobId: firstJob,
      actor: 'test',
      actorStaffId: null,
    }).catch((e: unknown) => e);
    expect((stale as { code?: string }).code).toBe('import.applied_elsewhere');
    expect(await state(id)).toMatchObject({ status: 'applying', applied_through: 9 });

    await ctx.deps.jobs.drain();
    expect(await state(id)).toMatchObject({ status: 'applied', applied_through: 24, error: null });
    expect(await imported('gaveup')).toBe(25);
    expect(await copies('gaveup')).toBe(25);
  });

  it('resumes an import left applying without a job (a command line run of an older version)', async () => {
    const id = await planned(15, 'nojob');
    await ctx.database.query(`UPDATE imports SET status = 'applying' WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      id,
    ]);
    await crashAfterFirstChunk(id, undefined);
    expect(await state(id)).toMatchObject({ status: 'applying', applied_through: 9, job_id: null });
    const resumed = await staff.post(`/api/imports/${id}/apply`, {});
    expect(resumed.status).toBe(202);
    await ctx.deps.jobs.drain();
    expect(await state(id)).toMatchObject({ status: 'applied', applied_through: 14 });
    expect(await copies('nojob')).toBe(15);
  });

  it('has the job worker resume a command line run killed mid-apply, once its lease ran out', async () => {
    const id = await planned(25, 'killed');
    // The command line claims the import with a lease of its own (none left here: it was killed).
    const jobId = await claimApply(
      ctx.database,
      { tenantId: tenant.tenantId, staffId: null, label: 'cli' },
      id,
      {},
      { workerId: 'cli-dead', seconds: 0 },
    );
    await crashAfterFirstChunk(id, jobId);
    // Its job still counts as running until a worker claims it again: no second run is started.
    const twice = await staff.post(`/api/imports/${id}/apply`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('import.already_applied');
    await ctx.deps.jobs.drain();
    expect(await state(id)).toMatchObject({ status: 'applied', applied_through: 24, job_id: jobId });
    expect(await copies('killed')).toBe(25);
    expect(
      await ctx.database.query('SELECT status, attempts FROM jobs WHERE tenant_id = $1 AND id = $2', [
        tenant.tenantId,
        jobId,
      ]),
    ).toEqual([{ status: 'done', attempts: 2 }]);
  });
});

describe('saved mappings', () => {
  it('uses a saved mapping for a file with the same header', async () => {
    const header = ['Naam', 'Tel.', 'Opmerking'];
    const saved = await staff.post('/api/import-mappings', {
      name: 'Oud systeem',
      header,
      mapping: ['fullName', 'landline', 'notes'],
    });
    expect(saved.status).toBe(201);
    const res = await upload(staff, 'Naam;Tel.;Opmerking\nJan Peeters;09 222 33 44;vaste klant\n');
    expect(res.body.savedMappingId).toBe(saved.body.id);
    expect(res.body.mapping).toEqual(['fullName', 'landline', 'notes']);
    const list = await staff.get('/api/import-mappings');
    expect(list.body.map((m: any) => m.name)).toEqual(['Oud systeem']);
    expect((await staff.delete(`/api/import-mappings/${saved.body.id}`)).status).toBe(204);
  });
});

describe('tenant isolation', () => {
  it("answers 404 to another business's session for every import route", async () => {
    const intruder = await loginOwner(ctx, other);
    const id = ids.import!;
    const before = await ctx.database.query(
      'SELECT status, applied_through FROM imports WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, id],
    );
    const calls = [
      intruder.get(`/api/imports/${id}`),
      intruder.get(`/api/imports/${id}/rows`),
      intruder.get(`/api/imports/${id}/report`),
      intruder.post(`/api/imports/${id}/plan`, {
        mapping: ['firstName', null, null, null, null, null, null],
      }),
      intruder.patch(`/api/imports/${id}`, { onMatch: 'skip' }),
      intruder.put(`/api/imports/${id}/rows/0/decision`, { decision: 'skip' }),
      intruder.post(`/api/imports/${id}/apply`, {}),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
    expect((await intruder.get('/api/imports')).body).toEqual([]);
    expect(
      await ctx.database.query(
        'SELECT status, applied_through FROM imports WHERE tenant_id = $1 AND id = $2',
        [tenant.tenantId, id],
      ),
    ).toEqual(before);
  });
});
