/** Tenants (one per business), their staff accounts and API tokens. */
import { randomUUID } from 'node:crypto';
import validator from 'validator';
import type { Database } from '../../db/connection.ts';
import type { Tenant } from '../../db/schema.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { apiTokenValue, newSecret, sha256 } from '../auth/tokens.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { isLanguage } from '../shared/language.ts';
import type { Language } from '../shared/language.ts';
import { readSettings, tenantSettingsSchema } from './settings.ts';
import type { TenantSettings } from './settings.ts';
import * as repo from './tenants.repository.ts';

export const TENANT_COUNTRIES = ['BE', 'NL', 'DE', 'LU', 'FR', 'AT', 'CH'] as const;

export interface NewStaff {
  email: string;
  name: string;
  password: string;
  role: 'owner' | 'staff';
  language?: Language | null | undefined;
}

export interface NewTenant {
  name: string;
  slug: string;
  country: string;
  language: string;
  owner: Omit<NewStaff, 'role'>;
}

function checkStaff(s: NewStaff, fieldPrefix = ''): void {
  if (!validator.isEmail(s.email.trim())) throw invalid(`${fieldPrefix}email`, 'invalid_email');
  if (s.name.trim().length === 0) throw invalid(`${fieldPrefix}name`, 'validation.required');
  const problem = passwordProblem(s.password);
  if (problem) throw invalid(`${fieldPrefix}password`, problem);
}

export async function createTenant(
  database: Database,
  input: NewTenant,
): Promise<{ tenant: Tenant; ownerId: string }> {
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(input.slug)) throw invalid('slug', 'invalid_slug');
  if (input.name.trim().length === 0) throw invalid('name', 'validation.required');
  if (!(TENANT_COUNTRIES as readonly string[]).includes(input.country))
    throw invalid('country', 'invalid_country');
  if (!isLanguage(input.language)) throw invalid('language', 'invalid_language');
  checkStaff({ ...input.owner, role: 'owner' }, 'owner.');
  if (await repo.findTenantBySlug(database.db, input.slug)) {
    throw new AppError(409, 'slug_taken', { field: 'slug', params: { slug: input.slug } });
  }
  const tenantId = randomUUID();
  const ownerId = randomUUID();
  const passwordHash = await hashPassword(input.owner.password);
  await database.db.transaction(async (tx) => {
    await repo.insertTenant(tx, {
      id: tenantId,
      slug: input.slug,
      name: input.name.trim(),
      country: input.country,
      language: input.language,
    });
    await repo.insertStaff(tx, {
      tenantId,
      id: ownerId,
      email: input.owner.email.trim(),
      name: input.owner.name.trim(),
      role: 'owner',
      passwordHash,
      language: input.owner.language ?? null,
    });
    await writeAudit(tx, {
      tenantId,
      actorStaffId: null,
      actor: 'cli',
      action: 'tenant.created',
      entityType: 'tenant',
      entityId: tenantId,
      details: { slug: input.slug, owner: input.owner.email },
    });
  });
  const tenant = await repo.findTenant(database.db, tenantId);
  return { tenant: tenant!, ownerId };
}

export async function addStaff(
  database: Database,
  tenantId: string,
  input: NewStaff,
  by: Actor | null,
): Promise<{ id: string }> {
  checkStaff(input);
  if (!(await repo.findTenant(database.db, tenantId))) throw notFound('tenant');
  if (await repo.staffEmailTaken(database.db, tenantId, input.email.trim())) {
    throw new AppError(409, 'staff_email_taken', { field: 'email' });
  }
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await database.db.transaction(async (tx) => {
    await repo.insertStaff(tx, {
      tenantId,
      id,
      email: input.email.trim(),
      name: input.name.trim(),
      role: input.role,
      passwordHash,
      language: input.language ?? null,
    });
    await writeAudit(tx, {
      tenantId,
      actorStaffId: by?.staffId ?? null,
      actor: by ? actorLabel(by) : 'cli',
      action: 'staff.added',
      entityType: 'staff',
      entityId: id,
      details: { email: input.email, role: input.role },
    });
  });
  return { id };
}

export async function getTenant(database: Database, tenantId: string): Promise<Tenant> {
  const tenant = await repo.findTenant(database.db, tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant;
}

export async function getSettings(database: Database, tenantId: string): Promise<TenantSettings> {
  return readSettings((await getTenant(database, tenantId)).settings);
}

export async function updateSettings(
  database: Database,
  actor: Actor,
  patch: Partial<TenantSettings>,
): Promise<TenantSettings> {
  return database.db.transaction(async (tx) => {
    const tenant = await repo.findTenant(tx, actor.tenantId);
    if (!tenant) throw notFound('tenant');
    const before = readSettings(tenant.settings);
    const next = tenantSettingsSchema.parse({ ...before, ...patch });
    if (next.duplicates.possibleThreshold >= next.duplicates.certainThreshold) {
      throw invalid('duplicates.possibleThreshold', 'threshold_order');
    }
    await repo.updateTenant(tx, actor.tenantId, { settings: next });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'settings.updated',
      entityType: 'tenant',
      entityId: actor.tenantId,
      details: { before, after: next },
    });
    return next;
  });
}

export async function createApiToken(
  database: Database,
  actor: Actor,
  name: string,
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = apiTokenValue(actor.tenantId, newSecret());
  await database.db.transaction(async (tx) => {
    await repo.insertApiToken(tx, {
      tenantId: actor.tenantId,
      id,
      staffId: actor.staffId,
      name,
      tokenHash: sha256(token),
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: id,
      details: { name },
    });
  });
  return { id, token };
}

export async function revokeApiToken(database: Database, actor: Actor, id: string, now: Date): Promise<void> {
  const done = await repo.revokeApiToken(database.db, actor.tenantId, id, now);
  if (!done) throw notFound('token');
}
