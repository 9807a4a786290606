import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { hasErrors, tenantChoices, validateLogin } from './loginForm.ts';

describe('validateLogin', () => {
  it('asks for both fields', () => {
    expect(validateLogin({ email: ' ', password: '' })).toEqual({
      email: 'emailRequired',
      password: 'passwordRequired',
    });
  });

  it('points out an address that cannot be one', () => {
    expect(validateLogin({ email: 'an.salon', password: 'x' })).toEqual({ email: 'emailInvalid' });
    expect(validateLogin({ email: 'an@salon', password: 'x' })).toEqual({ email: 'emailInvalid' });
  });

  it('accepts a plausible address with surrounding spaces', () => {
    expect(validateLogin({ email: ' an@salon-lisa.be ', password: 'secret' })).toEqual({});
  });
});

describe('choosing the business', () => {
  it('asks for it only once the server said the login belongs to several', () => {
    expect(validateLogin({ email: 'an@salon.be', password: 'x' })).toEqual({});
    expect(validateLogin({ email: 'an@salon.be', password: 'x', tenant: '' }, true)).toEqual({
      tenant: 'tenantRequired',
    });
    expect(
      hasErrors(validateLogin({ email: 'an@salon.be', password: 'x', tenant: 'salon-lisa' }, true)),
    ).toBe(false);
  });

  it('reads the choices from a 409 choose_tenant answer', () => {
    const choose = new ApiError(409, {
      code: 'choose_tenant',
      message: 'Choose',
      details: { tenants: ['salon-lisa', 'studio-nord'] },
    });
    expect(tenantChoices(choose)).toEqual(['salon-lisa', 'studio-nord']);
    expect(tenantChoices(new ApiError(401, { code: 'login_failed', message: 'No' }))).toBeNull();
    expect(tenantChoices(new Error('x'))).toBeNull();
  });
});
