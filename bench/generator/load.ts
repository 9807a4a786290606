/**
 * Writes generated customers and their history into a tenant of the database, in bulk. Used for
 * the demo salon on first start, by tests and by the benchmarks (up to a million customers, in
 * batches). Generated ids ('g000123') become fresh uuids; customer numbers are kept.
 *
 * `shiftMs` moves every date forward (by whole weeks, so weekdays stay) so a demo loaded today
 * has appointments today and next week; records of `pinnedEntities` keep their exact dates (the
 * brief's seed case, "customer since 24.03.2022").
 */
import { randomUUID } from 'node:crypto';
import type { Database, RawExec } from '../../src/db/connection.ts';
import { bulkInsert } from '../../src/db/bulk.ts';
import { identityHash } from '../../src/core/customer/identity.ts';
import { normalisePhone } from '../../src/core/matching/phone.ts';
import { historyForCustomer } from './history.ts';
import type { GenCustomer, GenHistory } from './types.ts';

export interface LoadOptions {
  tenantId: string;
  /** History of all customers at once (the demo) or made per customer from this seed (benchmarks). */
  history?: GenHistory | { seed: number; now?: Date } | false;
  shiftMs?: number;
  pinnedEntities?: ReadonlySet<string>;
  /** One transaction per batch of this many customers (default: everything in one transaction). */
  batchSize?: number;
  /** Password hash given to active online accounts. */
  accountPasswordHash?: string | null;
  onProgress?: (done: number) => void;
}

export interface LoadResult {
  customers: number;
  appointments: number;
  invoices: number;
  /** Generated id → database id. */
  ids: Map<string, string>;
}

const WEEK_MS = 7 * 86_400_000;

export function weeksBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / WEEK_MS)) * WEEK_MS;
}

const CUSTOMER_COLUMNS = [
  ['tenant_id', 'uuid'],
  ['id', 'uuid'],
  ['number', 'int'],
  ['gender', 'text'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['display_name', 'text'],
  ['email', 'text'],
  ['mobile', 'text'],
  ['mobile_e164', 'text'],
  ['landline', 'text'],
  ['landline_e164', 'text'],
  ['phone2', 'text'],
  ['phone2_e164', 'text'],
  ['birth_date', 'date'],
  ['street', 'text'],
  ['house_number', 'text'],
  ['postal_code', 'text'],
  ['city', 'text'],
  ['country', 'text'],
  ['language', 'text'],
  ['vat_number', 'text'],
  ['status_label', 'text'],
  ['newsletter_consent', 'boolean'],
  ['newsletter_consent_at', 'timestamptz'],
  ['newsletter_consent_source', 'text'],
  ['notes', 'text'],
  ['source', 'text'],
  ['customer_since', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['identity_hash', 'text'],
] as const;

const cols = (list: readonly (readonly [string, string])[]) => list.map(([name, type]) => ({ name, type }));

function shifted(iso: string | null, shift: number): string | null {
  if (iso === null) return null;
  return shift === 0 ? iso : new Date(Date.parse(iso) + shift).toISOString();
}

function shiftedDate(day: string | null, shift: number): string | null {
  if (day === null) return null;
  return shift === 0 ? day : new Date(Date.parse(`${day}T12:00:00Z`) + shift).toISOString().slice(0, 10);
}

async function insertBatch(
  exec: RawExec,
  opts: LoadOptions,
  batch: GenCustomer[],
  history: GenHistory,
  ids: Map<string, string>,
  pinned: Set<string>,
  createdAt: Map<string, string>,
  logins: Set<string>,
): Promise<{ appointments: number; invoices: number }> {
  const t = opts.tenantId;
  const shiftOf = (c: GenCustomer | undefined): number =>
    c !== undefined && pinned.has(c.id) ? 0 : (opts.shiftMs ?? 0);
  const shiftFor = (genId: string): number => (pinned.has(genId) ? 0 : (opts.shiftMs ?? 0));
  const idOf = (genId: string): string => {
    const id = ids.get(genId);
    if (id === undefined) throw new Error(`History refers to unknown customer ${genId}`);
    return id;
  };

  await bulkInsert(
    exec,
    'customers',
    cols(CUSTOMER_COLUMNS),
    batch.map((c) => {
      const s = shiftOf(c);
      const created = shifted(c.createdAt, s);
      const mobileE164 = normalisePhone(c.mobile, c.country);
      const landlineE164 = normalisePhone(c.landline, c.country);
      const phone2E164 = normalisePhone(c.phone2, c.country);
      return [
        t,
        idOf(c.id),
        c.number,
        c.gender,
        c.firstName,
        c.lastName,
        c.displayName,
        c.email,
        c.mobile,
        mobileE164,
        c.landline,
        landlineE164,
        c.phone2,
        phone2E164,
        c.birthDate,
        c.street,
        c.houseNumber,
        c.postalCode,
        c.city,
        c.country,
        c.language,
        c.vatNumber,
        c.statusLabel,
        c.newsletterConsent,
        shifted(c.newsletterConsentAt, s),
        // The consent's source as the app writes it: the customer's source code.
        c.newsletterConsent === null ? null : c.source,
        c.notes,
        c.source,
        created,
        created,
        created,
        // As the app's create path writes it, so a match-index rebuild has no hashes to correct.
        identityHash({ ...c, mobileE164, landlineE164, phone2E164 }),
      ];
    }),
  );

  await bulkInsert(
    exec,
    'appointments',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['start_at', 'timestamptz'],
      ['end_at', 'timestamptz'],
      ['service', 'text'],
      ['staff_member', 'text'],
      ['status', 'text'],
      ['price_cents', 'int'],
      ['created_at', 'timestamptz'],
    ]),
    history.appointments.map((a) => {
      const s = shiftFor(a.customerId);
      return [
        t,
        randomUUID(),
        idOf(a.customerId),
        shifted(a.start, s),
        shifted(a.end, s),
        a.service,
        a.staffMember,
        a.status,
        a.priceCents,
        shifted(a.start, s),
      ];
    }),
  );
  await bulkInsert(
    exec,
    'invoices',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['number', 'text'],
      ['issued_on', 'date'],
      ['total_cents', 'int'],
      ['paid', 'boolean'],
    ]),
    history.invoices.map((i) => [
      t,
      randomUUID(),
      idOf(i.customerId),
      i.number,
      shiftedDate(i.date, shiftFor(i.customerId)),
      i.totalCents,
      i.paid,
    ]),
  );
  await bulkInsert(
    exec,
    'loyalty_ledger',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['at', 'timestamptz'],
      ['points', 'int'],
      ['reason', 'text'],
    ]),
    history.loyalty.map((l) => [
      t,
      randomUUID(),
      idOf(l.customerId),
      shifted(l.at, shiftFor(l.customerId)),
      l.points,
      l.reason,
    ]),
  );
  await bulkInsert(
    exec,
    'customer_notes',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['position', 'int'],
      ['body', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    history.notes.map((n) => {
      const at = shifted(n.createdAt, shiftFor(n.customerId));
      return [t, randomUUID(), idOf(n.customerId), n.position, n.body, at, at];
    }),
  );
  await bulkInsert(
    exec,
    'subscriptions',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['name', 'text'],
      ['kind', 'text'],
      ['total_sessions', 'int'],
      ['remaining_sessions', 'int'],
      ['valid_from', 'date'],
      ['valid_until', 'date'],
    ]),
    history.subscriptions.map((s) => {
      const sh = shiftFor(s.customerId);
      return [
        t,
        randomUUID(),
        idOf(s.customerId),
        s.name,
        s.kind,
        s.totalSessions,
        s.remainingSessions,
        shiftedDate(s.validFrom, sh),
        shiftedDate(s.validUntil, sh),
      ];
    }),
  );
  await bulkInsert(
    exec,
    'booking_requests',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['service', 'text'],
      ['wished_start', 'timestamptz'],
      ['first_name', 'text'],
      ['last_name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['status', 'text'],
      ['link', 'text'],
      ['created_at', 'timestamptz'],
      ['decided_at', 'timestamptz'],
    ]),
    history.bookingRequests.map((b) => {
      const s = shiftFor(b.customerId);
      const created = shifted(b.createdAt, s);
      return [
        t,
        randomUUID(),
        idOf(b.customerId),
        b.service,
        shifted(b.wishedStart, s),
        b.firstName,
        b.lastName,
        b.email,
        b.phone,
        b.status,
        b.link,
        created,
        b.status === 'open' ? null : created,
      ];
    }),
  );
  await bulkInsert(
    exec,
    'online_accounts',
    cols([
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['login_email', 'text'],
      ['password_hash', 'text'],
      ['state', 'text'],
      ['activated_at', 'timestamptz'],
    ]),
    // One live login per e-mail in a tenant (the database enforces it): when two generated copies
    // of a person both signed up with one address, the later sign-up never got an account.
    history.onlineAccounts
      .filter((a) => {
        const key = a.loginEmail.toLowerCase();
        if (logins.has(key)) return false;
        logins.add(key);
        return true;
      })
      .map((a) => {
        const active = a.state === 'active' && opts.accountPasswordHash;
        const activatedAt = shifted(createdAt.get(a.customerId) ?? null, shiftFor(a.customerId));
        return [
          t,
          randomUUID(),
          idOf(a.customerId),
          a.loginEmail,
          active ? opts.accountPasswordHash : null,
          active ? 'active' : 'invited',
          active ? activatedAt : null,
        ];
      }),
  );
  return { appointments: history.appointments.length, invoices: history.invoices.length };
}

/** Customers of `all` in batches, each with the history that belongs to it. */
function* batches(
  customers: Iterable<GenCustomer>,
  size: number,
  history: LoadOptions['history'],
): Generator<{ batch: GenCustomer[]; history: GenHistory }> {
  const emptyH = (): GenHistory => ({
    appointments: [],
    invoices: [],
    loyalty: [],
    notes: [],
    subscriptions: [],
    bookingRequests: [],
    onlineAccounts: [],
  });
  let batch: GenCustomer[] = [];
  let h = emptyH();
  const whole = history !== undefined && history !== false && 'appointments' in history ? history : undefined;
  const seeded = history !== undefined && history !== false && 'seed' in history ? history : undefined;
  for (const c of customers) {
    batch.push(c);
    if (seeded) {
      const one = historyForCustomer(c, seeded);
      for (const key of Object.keys(h) as (keyof GenHistory)[]) (h[key] as unknown[]).push(...one[key]);
    }
    if (batch.length >= size) {
      yield { batch, history: h };
      batch = [];
      h = emptyH();
    }
  }
  if (batch.length > 0 || whole) yield { batch, history: h };
  // The whole-file history (the demo) goes with the last batch, when every customer exists.
  if (whole) yield { batch: [], history: whole };
}

export async function loadGenerated(
  database: Database,
  customers: Iterable<GenCustomer>,
  opts: LoadOptions,
): Promise<LoadResult> {
  const ids = new Map<string, string>();
  const pinned = new Set<string>();
  const createdAt = new Map<string, string>();
  const logins = new Set<string>();
  let count = 0;
  let appointments = 0;
  let invoices = 0;
  let maxNumber = 0;
  const size = opts.batchSize ?? Number.POSITIVE_INFINITY;
  const run = async (exec: RawExec, batch: GenCustomer[], history: GenHistory) => {
    for (const c of batch) {
      ids.set(c.id, randomUUID());
      if (opts.pinnedEntities?.has(c.entityId)) pinned.add(c.id);
      if (opts.history) createdAt.set(c.id, c.createdAt);
      maxNumber = Math.max(maxNumber, c.number);
    }
    const r = await insertBatch(exec, opts, batch, history, ids, pinned, createdAt, logins);
    count += batch.length;
    appointments += r.appointments;
    invoices += r.invoices;
    await exec('UPDATE tenants SET next_customer_number = greatest(next_customer_number, $2) WHERE id = $1', [
      opts.tenantId,
      maxNumber + 1,
    ]);
    opts.onProgress?.(count);
  };
  if (size === Number.POSITIVE_INFINITY) {
    await database.rawTransaction(async (exec) => {
      for (const { batch, history } of batches(customers, 5000, opts.history))
        await run(exec, batch, history);
    });
  } else {
    for (const { batch, history } of batches(customers, size, opts.history)) {
      await database.rawTransaction((exec) => run(exec, batch, history));
    }
  }
  return { customers: count, appointments, invoices, ids };
}
