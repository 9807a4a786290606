/**
 * Secrets handed to browsers and integrations. Only their SHA-256 is stored, so a database dump
 * cannot be replayed as a login. Session cookies and API tokens carry the tenant id in clear so
 * the lookup is a primary-key read on a table distributed by tenant.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `<tenantId>.<secret>` — the session cookie's value. */
export function sessionCookieValue(tenantId: string, secret: string): string {
  return `${tenantId}.${secret}`;
}

export function parseSessionCookie(value: string): { tenantId: string; secret: string } | undefined {
  const dot = value.indexOf('.');
  const tenantId = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  if (dot < 0 || !UUID.test(tenantId) || secret.length < 20) return undefined;
  return { tenantId, secret };
}

/** `clt_<tenantId without dashes>_<secret>` — an API token, shown once when created. */
export function apiTokenValue(tenantId: string, secret: string): string {
  return `clt_${tenantId.replaceAll('-', '')}_${secret}`;
}

export function parseApiToken(value: string): { tenantId: string; secret: string } | undefined {
  const m = /^clt_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(value);
  if (!m || !m[1] || !m[2]) return undefined;
  const h = m[1];
  const tenantId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { tenantId, secret: m[2] };
}
