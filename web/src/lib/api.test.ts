import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  NETWORK_ERROR,
  UNEXPECTED_RESPONSE,
  api,
  setCsrfToken,
  setUnauthorizedHandler,
  withQuery,
} from './api.ts';

type Call = { url: string; init: RequestInit };

let calls: Call[];
let respond: () => Response | Promise<Response>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (call: Call | undefined) => new Headers(call?.init.headers);

beforeEach(() => {
  calls = [];
  respond = () => json(200, { ok: true });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  });
  setCsrfToken('token-123');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('api', () => {
  it('sends the CSRF token with every request that changes data, and not with GET', async () => {
    await api.get('/api/customers');
    await api.post('/api/customers', { firstName: 'An' });
    await api.put('/api/customers/1', {});
    await api.patch('/api/customers/1', {});
    await api.delete('/api/customers/1');
    expect(headersOf(calls[0]).get('x-csrf-token')).toBeNull();
    for (const call of calls.slice(1)) expect(headersOf(call).get('x-csrf-token')).toBe('token-123');
  });

  it('sends JSON with the session cookie of this origin', async () => {
    await api.post('/api/customers', { firstName: 'An' });
    const [call] = calls;
    expect(call?.init.method).toBe('POST');
    expect(call?.init.credentials).toBe('same-origin');
    expect(call?.init.body).toBe('{"firstName":"An"}');
    expect(headersOf(call).get('content-type')).toBe('application/json');
  });

  it('returns the parsed body, and undefined for 204', async () => {
    await expect(api.get<{ ok: boolean }>('/api/x')).resolves.toEqual({ ok: true });
    respond = () => new Response(null, { status: 204 });
    await expect(api.delete('/api/x')).resolves.toBeUndefined();
  });

  it('builds the query string from defined values', async () => {
    await api.get('/api/customers', {
      query: { q: 'van den broeck', page: 2, archived: undefined, tag: null },
    });
    expect(calls[0]?.url).toBe('/api/customers?q=van+den+broeck&page=2');
    expect(withQuery('/api/x?a=1', { b: true })).toBe('/api/x?a=1&b=true');
  });

  it('throws the server error with status, code, message, field and details', async () => {
    respond = () =>
      json(422, {
        error: {
          code: 'invalid_phone',
          message: 'This is not a phone number',
          field: 'mobile',
          details: { x: 1 },
        },
      });
    const error = await api.post('/api/customers', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'invalid_phone',
      message: 'This is not a phone number',
      field: 'mobile',
      details: { x: 1 },
    });
  });

  it('gives answers without an error body and unreachable servers a code of their own', async () => {
    respond = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 502, code: UNEXPECTED_RESPONSE });
    respond = () => new Response('<!doctype html>', { status: 200 });
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 200, code: UNEXPECTED_RESPONSE });
    respond = () => Promise.reject(new TypeError('fetch failed'));
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('hands a 401 to the unauthorized handler unless the caller expects one', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    respond = () => json(401, { error: { code: 'unauthenticated', message: 'Log in first' } });
    await expect(api.get('/api/customers')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(
      api.post('/api/auth/login', { email: 'a@b.be', password: 'x' }, { redirectOnUnauthorized: false }),
    ).rejects.toMatchObject({ status: 401, message: 'Log in first' });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
