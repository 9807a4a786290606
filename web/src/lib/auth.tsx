import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { applyProfileLanguage } from '../i18n.ts';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api.ts';

// Who is signed in, for which business. The session is an httpOnly cookie the browser code never
// sees; what it keeps (in memory only) is the CSRF token that api.ts sends with every change.

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'staff';
  language: string | null;
}

export interface SessionTenant {
  id: string;
  name: string;
  slug: string;
  country: string;
  language: string;
}

export interface Session {
  user: SessionUser;
  tenant: SessionTenant;
}

/** The answer of GET /api/auth/session and POST /api/auth/login. */
interface SessionResponse extends Session {
  csrfToken: string;
}

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  session: Session | null;
  /** Why the session could not be checked (status 'error'): the server is down or unreachable. */
  error: unknown;
  /** Signed out by the logout button (rather than an expired session): no `?next=` on the way to login. */
  loggedOut: boolean;
  /**
   * Resolves with the session; rejects with the ApiError: 401 wrong credentials, 429 too many
   * attempts, 409 `choose_tenant` when the login belongs to several businesses (pass `tenant` then).
   */
  login: (email: string, password: string, tenant?: string) => Promise<Session>;
  /** Ends the session on the server (best effort) and forgets it here; RequireAuth then shows the login page. */
  logout: () => Promise<void>;
  /** Asks the server again, e.g. after the session check failed with a network error. */
  refresh: () => Promise<void>;
}

type State =
  | { status: 'loading' }
  | { status: 'signedOut'; loggedOut: boolean }
  | { status: 'error'; error: unknown }
  | { status: 'signedIn'; session: Session };

const AuthContext = createContext<AuthContextValue | null>(null);

function toSession({ user, tenant }: SessionResponse): Session {
  return { user, tenant };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ status: 'loading' });

  const signedOut = useCallback(
    (loggedOut = false) => {
      setCsrfToken(null);
      queryClient.clear(); // Nothing of one staff member's data may show for the next one.
      setState({ status: 'signedOut', loggedOut });
    },
    [queryClient],
  );

  const signedIn = useCallback(async (response: SessionResponse): Promise<Session> => {
    setCsrfToken(response.csrfToken);
    await applyProfileLanguage(response.user.language);
    const session = toSession(response);
    setState({ status: 'signedIn', session });
    return session;
  }, []);

  const refresh = useCallback(async () => {
    try {
      const response = await api.get<SessionResponse>('/api/auth/session', { redirectOnUnauthorized: false });
      await signedIn(response);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) signedOut();
      else setState({ status: 'error', error });
    }
  }, [signedIn, signedOut]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any 401 later on means the session expired or was revoked: RequireAuth then sends the user to
  // the login page with the current path as `next`.
  useEffect(() => setUnauthorizedHandler(() => signedOut()), [signedOut]);

  const login = useCallback(
    async (email: string, password: string, tenant?: string) => {
      const response = await api.post<SessionResponse>(
        '/api/auth/login',
        tenant ? { email, password, tenant } : { email, password },
        { redirectOnUnauthorized: false },
      );
      queryClient.clear();
      return signedIn(response);
    },
    [queryClient, signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { redirectOnUnauthorized: false });
    } catch {
      // Already signed out on the server, or unreachable: forget the session here regardless.
    }
    signedOut(true);
  }, [signedOut]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status: state.status,
      session: state.status === 'signedIn' ? state.session : null,
      error: state.status === 'error' ? state.error : null,
      loggedOut: state.status === 'signedOut' && state.loggedOut,
      login,
      logout,
      refresh,
    }),
    [state, login, logout, refresh],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth() is used outside <AuthProvider>.');
  return context;
}

/** The signed-in session, for components that only render behind RequireAuth. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession() is used where nobody is signed in.');
  return session;
}
