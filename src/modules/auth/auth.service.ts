/**
 * Staff login. Sessions live in the database (any instance can serve any request), the cookie
 * holds a random secret of which only the hash is stored, and each session has its own CSRF
 * token that state-changing requests must echo in a header. A wrong e-mail and a wrong
 * password give the same answer in the same time.
 */
import type { Database } from '../../db/connection.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { isLimited, recordEvent } from '../shared/rateLimit.ts';
import * as repo from './auth.repository.ts';
import { clearRateEvents } from './auth.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { newSecret, parseApiToken, parseSessionCookie, sessionCookieValue, sha256 } from './tokens.ts';

export const SESSION_IDLE_MS = 12 * 3600_000;
const SESSION_TOUCH_MS = 5 * 60_000;
/** Failed logins allowed per e-mail and per address in 15 minutes before answering 429. */
export const LOGIN_RULES = {
  perEmail: { limit: 5, windowMs: 15 * 60_000 },
  perAddress: { limit: 20, windowMs: 15 * 60_000 },
};

export interface LoginResult {
  cookie: string;
  csrfToken: string;
  tenantId: string;
  staffId: string;
  expiresAt: Date;
}

export async function login(
  database: Database,
  input: { email: string; password: string; tenant?: string | undefined },
  address: string,
  now: Date,
): Promise<LoginResult> {
  const db = database.db;
  const emailKey = `login:email:${input.email.trim().toLowerCase()}`;
  const addressKey = `login:ip:${address}`;
  if (
    (await isLimited(db, emailKey, LOGIN_RULES.perEmail, now)) ||
    (await isLimited(db, addressKey, LOGIN_RULES.perAddress, now))
  ) {
    throw new AppError(429, 'too_many_logins');
  }
  const accounts = await repo.findStaffByEmail(db, input.email.trim());
  const matching = [];
  for (const account of accounts) {
    if (await verifyPassword(input.password, account.passwordHash)) matching.push(account);
  }
  if (accounts.length === 0) await verifyPassword(input.password, await dummyPasswordHash());
  const chosen = input.tenant ? matching.filter((a) => a.tenantSlug === input.tenant) : matching;
  if (chosen.length === 0) {
    await recordEvent(db, emailKey, now);
    await recordEvent(db, addressKey, now);
    throw new AppError(401, 'login_failed');
  }
  if (chosen.length > 1) {
    throw new AppError(409, 'choose_tenant', { details: { tenants: chosen.map((a) => a.tenantSlug) } });
  }
  const account = chosen[0]!;
  await clearRateEvents(db, emailKey);
  // A fresh session id on every login: a session id planted before login is never promoted.
  const secret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await repo.insertSession(db, {
    tenantId: account.tenantId,
    id: sha256(secret),
    staffId: account.staffId,
    csrfToken,
    expiresAt,
  });
  return {
    cookie: sessionCookieValue(account.tenantId, secret),
    csrfToken,
    tenantId: account.tenantId,
    staffId: account.staffId,
    expiresAt,
  };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  language: string | null;
}

export async function resolveSession(
  database: Database,
  cookie: string,
  now: Date,
): Promise<ResolvedSession | undefined> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) return undefined;
  const id = sha256(parsed.secret);
  const session = await repo.findSession(database.db, parsed.tenantId, id, now);
  if (!session) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(database.db, parsed.tenantId, id, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return {
    actor: {
      tenantId: parsed.tenantId,
      staffId: session.staffId,
      role: session.role,
      name: session.name,
      via: 'session',
    },
    csrfToken: session.csrfToken,
    language: session.language,
  };
}

export async function resolveApiToken(
  database: Database,
  token: string,
  now: Date,
): Promise<{ actor: Actor; language: string | null } | undefined> {
  const parsed = parseApiToken(token);
  if (!parsed) return undefined;
  const row = await repo.findApiToken(database.db, parsed.tenantId, sha256(token));
  if (!row) return undefined;
  // Use is recorded at most once a minute: a busy integration's requests mostly only read.
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= 60_000) {
    await repo.markApiTokenUsed(database.db, parsed.tenantId, row.id, now);
  }
  return {
    actor: { tenantId: parsed.tenantId, staffId: row.staffId, role: row.role, name: row.name, via: 'token' },
    language: row.language,
  };
}

export async function logout(database: Database, cookie: string): Promise<void> {
  const parsed = parseSessionCookie(cookie);
  if (parsed) await repo.deleteSession(database.db, parsed.tenantId, sha256(parsed.secret));
}
