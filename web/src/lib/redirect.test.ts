import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './redirect.ts';

describe('loginPathFor', () => {
  it('remembers where the user was, query included', () => {
    expect(loginPathFor({ pathname: '/duplicates', search: '?page=2' })).toBe(
      '/login?next=%2Fduplicates%3Fpage%3D2',
    );
  });

  it('adds nothing for the start page or the login page itself', () => {
    expect(loginPathFor({ pathname: '/' })).toBe('/login');
    expect(loginPathFor({ pathname: '/login', search: '?next=%2Fcustomers' })).toBe('/login');
  });
});

describe('safeNextPath', () => {
  it('follows paths inside the app', () => {
    expect(safeNextPath('/customers/42?tab=duplicates')).toBe('/customers/42?tab=duplicates');
  });

  it('goes home for anything that could leave the app or loop', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/login',
      '/login?x=1',
    ]) {
      expect(safeNextPath(next)).toBe('/customers');
    }
  });
});
