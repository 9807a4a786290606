// Where to go around the login page. `next` comes from the address bar, so only paths inside this
// app are followed: anything else (another site, `//evil.example`, the login page) goes home.

export const HOME_PATH = '/customers';
export const LOGIN_PATH = '/login';

export function loginPathFor(location: { pathname: string; search?: string; hash?: string }): string {
  const here = `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
  if (location.pathname === '/' || location.pathname === LOGIN_PATH) return LOGIN_PATH;
  return `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return HOME_PATH;
  const pathname = next.split(/[?#]/)[0];
  if (pathname === LOGIN_PATH) return HOME_PATH;
  return next;
}
