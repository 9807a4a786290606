/**
 * Creating, reading and editing customers: validation (src/core/customer), optimistic locking on
 * `version`, the audit log and the match index — all in one transaction per write.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../db/connection.ts';
import type { CustomerInput, CustomerValues, Source } from '../../core/customer/customer.ts';
import { identityHash } from '../../core/customer/identity.ts';
import { changedFields, EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import type { FieldError, ValidationContext } from '../../core/customer/validate.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { readSettings } from '../tenants/settings.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import * as repo from './customers.repository.ts';
import type { CustomerRow } from './customers.repository.ts';
import './customers.messages.ts';

/** How many merges may be followed from an old id to its survivor (a merged survivor merged again). */
const MAX_MERGE_HOPS = 20;

export async function validationContext(db: Db, tenantId: string, now: Date): Promise<ValidationContext> {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw notFound('tenant');
  const settings = readSettings(tenant.settings);
  return {
    defaultCountry: tenant.country,
    required: settings.requiredFields,
    today: now.toISOString().slice(0, 10),
  };
}

/** Turns validation errors into one 400 naming the first field; all of them are in details. */
export function validationFailed(errors: FieldError[]): AppError {
  const first = errors[0]!;
  return new AppError(400, first.code, {
    field: first.field,
    params: first.params ?? {},
    details: { errors },
  });
}

export interface CreateOptions {
  source: Source;
  /** Who or what creates it, for the audit log. */
  actor: Actor | null;
  actorLabel?: string;
  now: Date;
  customerSince?: Date;
  newsletterConsentSource?: string;
}

/** Validates and inserts one customer in the caller's transaction; returns its row. */
export async function insertCustomer(
  db: Db,
  tenantId: string,
  input: CustomerInput,
  opts: CreateOptions,
): Promise<CustomerRow> {
  const ctx = await validationContext(db, tenantId, opts.now);
  const result = validateCustomer(input, EMPTY_VALUES, ctx);
  if (!result.ok) throw validationFailed(result.errors);
  const id = randomUUID();
  const number = await repo.reserveNumbers(db, tenantId, 1);
  await repo.insertCustomers(db, tenantId, [
    {
      id,
      number,
      values: result.values,
      source: opts.source,
      identityHash: identityHash(result.values),
      now: opts.now,
      ...(opts.customerSince ? { customerSince: opts.customerSince } : {}),
      newsletterConsentSource: opts.newsletterConsentSource ?? null,
    },
  ]);
  await reindexCustomers(db, tenantId, [id], ctx.defaultCountry);
  await writeAudit(db, {
    tenantId,
    actorStaffId: opts.actor?.staffId ?? null,
    actor: opts.actorLabel ?? (opts.actor ? actorLabel(opts.actor) : 'system'),
    action: 'customer.created',
    entityType: 'customer',
    entityId: id,
    customerIds: [id],
    details: { number, source: opts.source },
    at: opts.now,
  });
  const row = await repo.findCustomerRow(db, tenantId, id);
  return row!;
}

export async function createCustomer(
  database: Database,
  tenantId: string,
  input: CustomerInput,
  opts: CreateOptions,
): Promise<CustomerRow> {
  return database.db.transaction((tx) => insertCustomer(tx, tenantId, input, opts));
}

export interface Resolved {
  row: CustomerRow;
  /** Set when the id asked for was merged away: the id that was asked for. */
  mergedFrom: string | null;
}

/**
 * The live customer behind an id: a merged-away id resolves to the customer it was merged into
 * (following several merges). Unknown, foreign, deleted or erased ids are 404.
 */
export async function resolveCustomer(db: Db, tenantId: string, id: string): Promise<Resolved> {
  let row = await repo.findCustomerRow(db, tenantId, id);
  let hops = 0;
  while (row && row.mergedInto !== null && hops < MAX_MERGE_HOPS) {
    row = await repo.findCustomerRow(db, tenantId, row.mergedInto);
    hops++;
  }
  if (!row || row.deletedAt !== null || row.mergedInto !== null) throw notFound('customer');
  return { row, mergedFrom: row.id === id ? null : id };
}

/** A customer for the profile: a merged-away id answers the survivor, saying which record it came from. */
export async function getCustomer(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{ row: CustomerRow; mergedFrom: { id: string; number: number } | null }> {
  const resolved = await resolveCustomer(db, tenantId, id);
  return { row: resolved.row, mergedFrom: await mergedFromOf(db, tenantId, resolved.mergedFrom) };
}

export async function getCustomerByNumber(
  db: Db,
  tenantId: string,
  number: number,
): Promise<{ row: CustomerRow; mergedFrom: { id: string; number: number } | null }> {
  const resolved = await resolveCustomerNumber(db, tenantId, number);
  return { row: resolved.row, mergedFrom: await mergedFromOf(db, tenantId, resolved.mergedFrom) };
}

async function mergedFromOf(db: Db, tenantId: string, id: string | null) {
  if (id === null) return null;
  const row = await repo.findCustomerRow(db, tenantId, id);
  return row ? { id: row.id, number: row.number } : null;
}

export async function resolveCustomerNumber(db: Db, tenantId: string, number: number): Promise<Resolved> {
  const row = await repo.findCustomerRowByNumber(db, tenantId, number);
  if (!row) throw notFound('customer');
  const resolved = await resolveCustomer(db, tenantId, row.id);
  return { row: resolved.row, mergedFrom: resolved.row.id === row.id ? null : row.id };
}

export interface UpdateResult {
  row: CustomerRow;
  changed: (keyof CustomerValues)[];
}

/**
 * Applies an edit made on `version`. A stale version is a 409 whose details carry the current
 * values and which fields differ from what the editor saw, so the app can show them.
 */
export async function updateCustomer(
  database: Database,
  actor: Actor,
  id: string,
  version: number,
  input: CustomerInput,
  now: Date,
): Promise<UpdateResult> {
  return database.db.transaction(async (tx) => {
    // Locked: an edit or merge committing meanwhile is waited for, so a stale version is answered
    // with the values stored now (or customer_merged), never with the ones this edit was made on.
    const [current] = repo.isUuidLike(id) ? await repo.lockCustomerRows(tx, actor.tenantId, [id]) : [];
    if (!current || current.deletedAt !== null) throw notFound('customer');
    if (current.mergedInto !== null) {
      throw new AppError(409, 'customer_merged', { details: { mergedInto: current.mergedInto } });
    }
    if (current.erasedAt !== null) throw new AppError(409, 'customer_erased');
    if (current.version !== version) {
      throw new AppError(409, 'version_conflict', {
        details: { current: presentConflict(current), yourVersion: version },
      });
    }
    const ctx = await validationContext(tx, actor.tenantId, now);
    const base = repo.valuesOf(current);
    const result = validateCustomer(input, base, ctx);
    if (!result.ok) throw validationFailed(result.errors);
    const changed = changedFields(base, result.values);
    if (changed.length === 0) return { row: current, changed };
    const consentChanged = changed.includes('newsletterConsent');
    const row = await repo.updateCustomerValues(
      tx,
      actor.tenantId,
      id,
      version,
      {
        ...result.values,
        ...(consentChanged
          ? { newsletterConsentAt: now, newsletterConsentSource: `staff:${actor.name}` }
          : {}),
      },
      now,
    );
    if (!row)
      throw new AppError(409, 'version_conflict', {
        details: { current: presentConflict(current), yourVersion: version },
      });
    await reindexCustomers(tx, actor.tenantId, [id], ctx.defaultCountry);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      customerIds: [id],
      details: {
        changes: Object.fromEntries(changed.map((f) => [f, { from: base[f], to: result.values[f] }])),
      },
      at: now,
    });
    const fresh = await repo.findCustomerRow(tx, actor.tenantId, id);
    return { row: fresh!, changed };
  });
}

function presentConflict(row: CustomerRow): Record<string, unknown> {
  return { id: row.id, version: row.version, updatedAt: row.updatedAt.toISOString(), ...repo.valuesOf(row) };
}
