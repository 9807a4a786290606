/** Test support: a customer's browser on the booking page, over app.inject. */
import type { App } from '../../server/types.ts';

/** A browser on the booking page: keeps the customer's own cookie and CSRF token. */
export class CustomerClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  private readonly app: App;
  constructor(app: App) {
    this.app = app;
  }
  async request(method: 'GET' | 'POST', url: string, body?: object, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && (opts.csrf ?? true) && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
    const set = res.cookies.find((c) => c.name === 'clienteel_customer');
    if (set) this.cookie = set.value ? `clienteel_customer=${set.value}` : undefined;
    const json =
      res.body && (res.headers['content-type'] ?? '').toString().includes('json') ? res.json() : undefined;
    if (json?.csrfToken) this.csrfToken = json.csrfToken;
    return { status: res.statusCode, body: json, headers: res.headers, cookies: res.cookies };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: object, opts?: { csrf?: boolean }) {
    return this.request('POST', url, body ?? {}, opts);
  }
}
