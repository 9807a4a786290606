/**
 * Customers' online accounts: staff invite a customer (an e-mail with a single-use link that
 * expires), the customer chooses a password and is logged in on the booking page with a session
 * of their own (cookie `clienteel_customer`, never the staff cookie), logs in and out later, and
 * can reset a forgotten password. Passwords follow the staff rule and hashing (auth/password.ts).
 *
 * What a stranger learns: nothing about which e-mail addresses have accounts. A wrong e-mail and a
 * wrong password get the same answer in the same time; "forgot password" answers the same for every
 * address. Every e-mail is stored in the customer's messages (outbox without SMTP) before sending.
 *
 * A customer has at most one live account (invited or active); merges keep one and disable the
 * others (src/modules/merges). Sessions follow the account to the customer it belongs to now, so a
 * merge never logs a customer out.
 */
import { randomUUID } from 'node:crypto';
import { nameOf } from '../../core/customer/customer.ts';
import type { Database, Db } from '../../db/connection.ts';
import type { Tenant } from '../../db/schema.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { newSecret, parseSessionCookie, sessionCookieValue, sha256 } from '../auth/tokens.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { resolveCustomer } from '../customers/customers.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { deliver, storeMail } from '../messages/messages.service.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { isLanguage } from '../shared/language.ts';
import type { Language } from '../shared/language.ts';
import { clearRateEvents } from '../auth/auth.repository.ts';
import { isLimited, recordEvent } from '../shared/rateLimit.ts';
import { findTenant, findTenantBySlug } from '../tenants/tenants.repository.ts';
import validator from 'validator';
import * as repo from './accounts.repository.ts';
import type { AccountRow } from './accounts.repository.ts';
import { inviteMail, resetMail } from './accounts.mail.ts';
import './accounts.messages.ts';

export const CUSTOMER_COOKIE = 'clienteel_customer';
export const INVITE_TTL_MS = 7 * 86_400_000;
export const RESET_TTL_MS = 2 * 3_600_000;
export const CUSTOMER_SESSION_IDLE_MS = 14 * 86_400_000;
const SESSION_TOUCH_MS = 5 * 60_000;
/** Failed logins per e-mail and per address, and reset requests per address, in 15 minutes. */
export const ACCOUNT_RULES = {
  loginPerEmail: { limit: 5, windowMs: 15 * 60_000 },
  loginPerAddress: { limit: 20, windowMs: 15 * 60_000 },
  resetPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  resetPerEmail: { limit: 3, windowMs: 15 * 60_000 },
};

export type AccountState = 'not_invited' | 'invited' | 'active' | 'disabled';

export interface AccountView {
  state: AccountState;
  loginEmail: string | null;
  invitedAt: Date | null;
  inviteExpiresAt: Date | null;
  activatedAt: Date | null;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
}

export function presentAccount(account: AccountRow | undefined): AccountView {
  if (!account) {
    return {
      state: 'not_invited',
      loginEmail: null,
      invitedAt: null,
      inviteExpiresAt: null,
      activatedAt: null,
      lastLoginAt: null,
      disabledAt: null,
      disabledReason: null,
    };
  }
  return {
    state: account.state,
    loginEmail: account.loginEmail,
    invitedAt: account.invitedAt,
    inviteExpiresAt: account.state === 'invited' ? account.inviteExpiresAt : null,
    activatedAt: account.activatedAt,
    lastLoginAt: account.lastLoginAt,
    disabledAt: account.disabledAt,
    disabledReason: account.disabledReason,
  };
}

/** The account state the profile shows: the live account, else the newest disabled one. */
export async function accountOf(
  database: Database,
  tenantId: string,
  customerId: string,
): Promise<AccountView> {
  const { row } = await resolveCustomer(database.db, tenantId, customerId);
  const [account] = await repo.accountsOfCustomer(database.db, tenantId, row.id);
  return presentAccount(account);
}

const languageOf = (customer: CustomerRow, tenant: Pick<Tenant, 'language'>): Language =>
  isLanguage(customer.language) ? customer.language : isLanguage(tenant.language) ? tenant.language : 'en';

interface MailDelivery {
  mailer: Mailer;
  publicUrl: string;
  now: () => Date;
}

const bookingLink = (publicUrl: string, slug: string, page: 'invite' | 'reset', token: string) =>
  `${publicUrl}/book/${encodeURIComponent(slug)}/${page}?token=${encodeURIComponent(token)}`;

/**
 * Invites a customer (again): a fresh single-use link replaces any earlier one. An active account
 * is not invited again (its owner uses "forgot password").
 */
export async function inviteCustomer(
  database: Database,
  actor: Actor,
  customerId: string,
  input: { email?: string | null | undefined },
  delivery: MailDelivery,
): Promise<{ account: AccountView; message: MessageRow }> {
  const now = delivery.now();
  const token = newSecret();
  const stored = await database.db.transaction(async (tx) => {
    const { row: customer } = await resolveCustomer(tx, actor.tenantId, customerId);
    if (customer.erasedAt !== null) throw new AppError(409, 'customer_erased');
    const business = await findTenant(tx, actor.tenantId);
    if (!business) throw notFound('tenant');
    const email = (input.email ?? customer.email ?? '').trim();
    if (email === '') throw invalid('email', 'account.email_required');
    if (!validator.isEmail(email, { allow_utf8_local_part: true })) throw invalid('email', 'invalid_email');
    const [current] = await repo.accountsOfCustomer(tx, actor.tenantId, customer.id);
    const live = current && current.state !== 'disabled' ? current : undefined;
    if (live?.state === 'active') throw new AppError(409, 'account.already_active');
    const holder = await repo.findLiveByEmail(tx, actor.tenantId, email);
    if (holder && holder.id !== live?.id) throw new AppError(409, 'account.email_in_use', { field: 'email' });
    const fields = {
      loginEmail: email,
      inviteTokenHash: sha256(token),
      inviteExpiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      invitedAt: now,
      invitedBy: actor.staffId,
    };
    const account = live
      ? await repo.updateAccount(tx, actor.tenantId, live.id, fields)
      : await repo.insertAccount(tx, {
          tenantId: actor.tenantId,
          id: randomUUID(),
          customerId: customer.id,
          state: 'invited',
          createdAt: now,
          ...fields,
        });
    const lang = languageOf(customer, business);
    const message = await storeMail(
      tx,
      actor.tenantId,
      customer.id,
      email,
      inviteMail(lang, {
        business: business.name,
        name: nameOf(customer),
        link: bookingLink(delivery.publicUrl, business.slug, 'invite', token),
        hours: INVITE_TTL_MS / 3_600_000,
      }),
      actor.staffId,
      now,
    );
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'account.invited',
      entityType: 'online_account',
      entityId: account.id,
      customerIds: [customer.id],
      details: { loginEmail: email, messageId: message.id },
      at: now,
    });
    return { account, message };
  });
  const message = await deliver(database, delivery.mailer, stored.message, delivery.now());
  return { account: presentAccount(stored.account), message };
}

export async function disableAccount(
  database: Database,
  actor: Actor,
  customerId: string,
  reason: string | null,
  now: Date,
): Promise<AccountView> {
  return database.db.transaction(async (tx) => {
    const { row: customer } = await resolveCustomer(tx, actor.tenantId, customerId);
    const [current] = await repo.accountsOfCustomer(tx, actor.tenantId, customer.id);
    if (!current || current.state === 'disabled') throw new AppError(409, 'account.none');
    const account = await repo.updateAccount(tx, actor.tenantId, current.id, {
      state: 'disabled',
      disabledAt: now,
      disabledReason: reason ?? 'disabled by staff',
      inviteTokenHash: null,
      resetTokenHash: null,
    });
    await repo.deleteSessionsOf(tx, actor.tenantId, current.id);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'account.disabled',
      entityType: 'online_account',
      entityId: current.id,
      customerIds: [customer.id],
      details: { reason: account.disabledReason },
      at: now,
    });
    return presentAccount(account);
  });
}

export async function tenantBySlug(database: Database, slug: string): Promise<Tenant> {
  const tenant = /^[a-z0-9][a-z0-9-]{1,39}$/.test(slug)
    ? await findTenantBySlug(database.db, slug)
    : undefined;
  if (!tenant) throw notFound('business');
  return tenant;
}

export interface CustomerLogin {
  cookie: string;
  csrfToken: string;
  expiresAt: Date;
}

async function startSession(tx: Db, tenantId: string, accountId: string, now: Date): Promise<CustomerLogin> {
  const secret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + CUSTOMER_SESSION_IDLE_MS);
  await repo.insertSession(tx, {
    tenantId,
    id: sha256(secret),
    accountId,
    csrfToken,
    expiresAt,
    createdAt: now,
    lastSeenAt: now,
  });
  return { cookie: sessionCookieValue(tenantId, secret), csrfToken, expiresAt };
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw invalid('password', problem);
}

/** Sets the password from an invitation link (single use) and logs the customer in. */
export async function acceptInvite(
  database: Database,
  slug: string,
  input: { token: string; password: string },
  now: Date,
): Promise<CustomerLogin> {
  const tenant = await tenantBySlug(database, slug);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const account = await repo.findByInviteToken(tx, tenant.id, sha256(input.token));
    if (
      !account ||
      account.state !== 'invited' ||
      !account.inviteExpiresAt ||
      account.inviteExpiresAt <= now
    ) {
      throw invalid('token', 'account.link_invalid');
    }
    await repo.updateAccount(tx, tenant.id, account.id, {
      state: 'active',
      passwordHash,
      inviteTokenHash: null,
      inviteExpiresAt: null,
      activatedAt: now,
      lastLoginAt: now,
    });
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorStaffId: null,
      actor: 'customer',
      action: 'account.activated',
      entityType: 'online_account',
      entityId: account.id,
      customerIds: [account.customerId],
      at: now,
    });
    return startSession(tx, tenant.id, account.id, now);
  });
}

export async function login(
  database: Database,
  slug: string,
  input: { email: string; password: string },
  address: string,
  now: Date,
): Promise<CustomerLogin> {
  const tenant = await tenantBySlug(database, slug);
  const db = database.db;
  const email = input.email.trim().toLowerCase();
  const emailKey = `account-login:${tenant.id}:${email}`;
  const addressKey = `account-login-ip:${address}`;
  if (
    (await isLimited(db, emailKey, ACCOUNT_RULES.loginPerEmail, now)) ||
    (await isLimited(db, addressKey, ACCOUNT_RULES.loginPerAddress, now))
  ) {
    throw new AppError(429, 'account.too_many_attempts');
  }
  const account = await repo.findLiveByEmail(db, tenant.id, email);
  const ok =
    account?.state === 'active' && account.passwordHash !== null
      ? await verifyPassword(input.password, account.passwordHash)
      : await verifyPassword(input.password, await dummyPasswordHash()).then(() => false);
  if (!ok || !account) {
    await recordEvent(db, emailKey, now);
    await recordEvent(db, addressKey, now);
    throw new AppError(401, 'account.login_failed');
  }
  await clearRateEvents(db, emailKey);
  return db.transaction(async (tx) => {
    await repo.updateAccount(tx, tenant.id, account.id, { lastLoginAt: now });
    return startSession(tx, tenant.id, account.id, now);
  });
}

export interface CustomerSession {
  tenantId: string;
  accountId: string;
  /** The customer the account belongs to now (merges followed). */
  customerId: string;
  loginEmail: string;
  csrfToken: string;
}

/** The customer logged in with this cookie, on this business's page; undefined otherwise. */
export async function resolveCustomerSession(
  database: Database,
  tenantId: string,
  cookie: string | undefined,
  now: Date,
): Promise<CustomerSession | undefined> {
  if (!cookie) return undefined;
  const parsed = parseSessionCookie(cookie);
  if (!parsed || parsed.tenantId !== tenantId) return undefined;
  const id = sha256(parsed.secret);
  const session = await repo.findSession(database.db, tenantId, id, now);
  if (!session) return undefined;
  let customerId: string;
  try {
    customerId = (await resolveCustomer(database.db, tenantId, session.customerId)).row.id;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(
      database.db,
      tenantId,
      id,
      now,
      new Date(now.getTime() + CUSTOMER_SESSION_IDLE_MS),
    );
  }
  return {
    tenantId,
    accountId: session.accountId,
    customerId,
    loginEmail: session.loginEmail,
    csrfToken: session.csrfToken,
  };
}

export async function logout(database: Database, cookie: string | undefined): Promise<void> {
  const parsed = cookie ? parseSessionCookie(cookie) : undefined;
  if (parsed) await repo.deleteSession(database.db, parsed.tenantId, sha256(parsed.secret));
}

/**
 * "Forgot password": when an active account has this login e-mail, a single-use reset link goes to
 * it. The answer is the same either way, so the page reveals nothing about who has an account.
 */
export async function requestReset(
  database: Database,
  slug: string,
  email: string,
  address: string,
  delivery: MailDelivery,
): Promise<void> {
  const tenant = await tenantBySlug(database, slug);
  const db = database.db;
  const now = delivery.now();
  const normalised = email.trim().toLowerCase();
  const addressKey = `account-reset-ip:${address}`;
  const emailKey = `account-reset:${tenant.id}:${normalised}`;
  if (await isLimited(db, addressKey, ACCOUNT_RULES.resetPerAddress, now)) {
    throw new AppError(429, 'account.too_many_attempts');
  }
  await recordEvent(db, addressKey, now);
  // Per e-mail, quietly: a flood of resets to one mailbox stops without telling the requester.
  if (await isLimited(db, emailKey, ACCOUNT_RULES.resetPerEmail, now)) return;
  await recordEvent(db, emailKey, now);
  const token = newSecret();
  const stored = await db.transaction(async (tx) => {
    const account = await repo.findLiveByEmail(tx, tenant.id, normalised);
    if (!account || account.state !== 'active') return null;
    const { row: customer } = await resolveCustomer(tx, tenant.id, account.customerId);
    await repo.updateAccount(tx, tenant.id, account.id, {
      resetTokenHash: sha256(token),
      resetExpiresAt: new Date(now.getTime() + RESET_TTL_MS),
    });
    const message = await storeMail(
      tx,
      tenant.id,
      customer.id,
      account.loginEmail,
      resetMail(languageOf(customer, tenant), {
        business: tenant.name,
        name: nameOf(customer),
        link: bookingLink(delivery.publicUrl, tenant.slug, 'reset', token),
        hours: RESET_TTL_MS / 3_600_000,
      }),
      null,
      now,
    );
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorStaffId: null,
      actor: 'customer',
      action: 'account.reset_requested',
      entityType: 'online_account',
      entityId: account.id,
      customerIds: [customer.id],
      details: { messageId: message.id },
      at: now,
    });
    return message;
  });
  if (stored) await deliver(database, delivery.mailer, stored, delivery.now());
}

/** Sets a new password from a reset link (single use), ends the account's other sessions, logs in. */
export async function resetPassword(
  database: Database,
  slug: string,
  input: { token: string; password: string },
  now: Date,
): Promise<CustomerLogin> {
  const tenant = await tenantBySlug(database, slug);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const account = await repo.findByResetToken(tx, tenant.id, sha256(input.token));
    if (!account || account.state !== 'active' || !account.resetExpiresAt || account.resetExpiresAt <= now) {
      throw invalid('token', 'account.link_invalid');
    }
    await repo.updateAccount(tx, tenant.id, account.id, {
      passwordHash,
      resetTokenHash: null,
      resetExpiresAt: null,
      lastLoginAt: now,
    });
    await repo.deleteSessionsOf(tx, tenant.id, account.id);
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorStaffId: null,
      actor: 'customer',
      action: 'account.password_reset',
      entityType: 'online_account',
      entityId: account.id,
      customerIds: [account.customerId],
      at: now,
    });
    return startSession(tx, tenant.id, account.id, now);
  });
}
