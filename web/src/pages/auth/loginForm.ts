import { ApiError } from '../../lib/api.ts';

// Checks made before asking the server, so an empty or mistyped field is pointed out at once.
// The values are keys under `login.validation` in the auth namespace.

export interface LoginErrors {
  email?: 'emailRequired' | 'emailInvalid';
  password?: 'passwordRequired';
  tenant?: 'tenantRequired';
}

export interface LoginValues {
  email: string;
  password: string;
  /** The business's short name; asked for only when the login belongs to several (see tenantChoices). */
  tenant?: string | null;
}

// Deliberately loose: one @, something on both sides, a dot in the domain. The server decides.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLogin({ email, password, tenant }: LoginValues, askTenant = false): LoginErrors {
  const errors: LoginErrors = {};
  const trimmed = email.trim();
  if (!trimmed) errors.email = 'emailRequired';
  else if (!EMAIL.test(trimmed)) errors.email = 'emailInvalid';
  if (!password) errors.password = 'passwordRequired';
  if (askTenant && !tenant) errors.tenant = 'tenantRequired';
  return errors;
}

export function hasErrors(errors: LoginErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/**
 * The businesses to choose from when one e-mail and password open several (the server answers
 * 409 `choose_tenant` with their short names in `details.tenants`), else null.
 */
export function tenantChoices(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'choose_tenant') return null;
  const tenants = error.details?.['tenants'];
  if (!Array.isArray(tenants) || tenants.length === 0) return null;
  return tenants.filter((slug): slug is string => typeof slug === 'string');
}
