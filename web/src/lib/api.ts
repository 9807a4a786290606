// The one way the staff app talks to the server. Paths are absolute (`/api/customers`), so they
// can be grepped on both sides. The session itself is an httpOnly cookie; what the browser code
// holds is the CSRF token from the login/session response, sent on every request that changes data.

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** An error answer from the server (`{ error: { code, message, field?, details? } }`), or a failure to reach it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

/** Codes the client makes up itself when there is no error body to read. */
export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_RESPONSE = 'unexpected_response';

export interface RequestOptions {
  /** Appended as a query string; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * Whether a 401 answer hands over to the unauthorized handler (which sends the user to the
   * login page). Off for the login and session calls, where 401 is an expected answer.
   */
  redirectOnUnauthorized?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let language: string | null = null;
let onUnauthorized: () => void = () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};

/** Set from the login and session responses; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Sent as Accept-Language, so messages the server writes can follow the UI language. */
export function setApiLanguage(value: string | null): void {
  language = value;
}

/** Replaces what happens on a 401 (the auth provider routes to the login page). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

async function request<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (language) headers['accept-language'] = language;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: NETWORK_ERROR, message: 'The server could not be reached.' });
  }

  if (response.status === 401 && options.redirectOnUnauthorized !== false) onUnauthorized();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // E.g. the SPA's index.html for an API route that does not exist.
    throw new ApiError(response.status, {
      code: UNEXPECTED_RESPONSE,
      message: `The server answered ${path} with something other than JSON.`,
    });
  }
}

/** Reads the server's error body; anything else (a proxy's HTML page, an empty body) gets a generic code. */
export async function toApiError(response: Response): Promise<ApiError> {
  const fallback: ApiErrorBody = {
    code: UNEXPECTED_RESPONSE,
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
  try {
    const parsed: unknown = await response.json();
    const error = (parsed as { error?: unknown } | null)?.error;
    if (isErrorBody(error)) return new ApiError(response.status, error);
  } catch {
    // Not JSON: fall through to the generic error.
  }
  return new ApiError(response.status, fallback);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, body, options),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
