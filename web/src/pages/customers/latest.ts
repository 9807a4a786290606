// Live search answers can arrive out of order (a short query is slower than the longer one typed
// after it). Each search takes a ticket: starting one aborts the request before it, and an answer
// is only used while its ticket is still the latest, so an older answer never overwrites a newer.

export interface Ticket {
  signal: AbortSignal;
  isLatest(): boolean;
}

export interface Latest {
  next(): Ticket;
  /** Aborts the request in flight (e.g. when the page goes away). */
  cancel(): void;
}

export function createLatest(): Latest {
  let sequence = 0;
  let controller: AbortController | null = null;
  return {
    next() {
      controller?.abort();
      const mine = ++sequence;
      const current = new AbortController();
      controller = current;
      return { signal: current.signal, isLatest: () => mine === sequence };
    },
    cancel() {
      controller?.abort();
      sequence++;
    },
  };
}
