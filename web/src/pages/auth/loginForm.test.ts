import { describe, expect, it } from 'vitest';
import { validateLogin } from './loginForm.ts';

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
