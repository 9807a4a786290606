import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { customersApi, type ListPage, type ListQuery } from './customersApi.ts';
import { createLatest } from './latest.ts';

/** How long typing must pause before a search goes out. */
export const SEARCH_DELAY_MS = 200;

export interface ListState {
  data: ListPage | null;
  error: unknown;
  loading: boolean;
  /** The search the shown data answers (lags behind typing by the debounce). */
  shownQuery: string | null;
  reload: () => void;
}

/**
 * The list for a query, searching as the user types: the search text is debounced, each request
 * aborts the one before it, and an answer is used only while it is the latest (see latest.ts), so
 * fast typing never ends with an older answer on screen.
 */
export function useCustomerList(query: ListQuery): ListState {
  const [q] = useDebouncedValue(query.q, SEARCH_DELAY_MS);
  const latest = useMemo(createLatest, []);
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<Omit<ListState, 'reload'>>({
    data: null,
    error: null,
    loading: true,
    shownQuery: null,
  });
  const { archived, source, sort, order, limit, offset } = query;

  useEffect(() => {
    const ticket = latest.next();
    setState((s) => ({ ...s, loading: true }));
    customersApi
      .list({ q, archived, source, sort, order, limit, offset }, ticket.signal)
      .then((data) => {
        if (ticket.isLatest()) setState({ data, error: null, loading: false, shownQuery: q });
      })
      .catch((error: unknown) => {
        if (!ticket.isLatest() || (error instanceof DOMException && error.name === 'AbortError')) return;
        setState((s) => ({ ...s, error, loading: false }));
      });
  }, [latest, q, archived, source, sort, order, limit, offset, reloads]);

  useEffect(() => () => latest.cancel(), [latest]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
