import { describe, expect, it } from 'vitest';
import { createLatest } from './latest.ts';

describe('createLatest', () => {
  it('aborts the previous request and only lets the newest answer through', () => {
    const latest = createLatest();
    const first = latest.next();
    const second = latest.next();
    expect(first.signal.aborted).toBe(true);
    expect(first.isLatest()).toBe(false);
    expect(second.isLatest()).toBe(true);
    expect(second.signal.aborted).toBe(false);
  });

  it('ignores an older answer that arrives after a newer one', async () => {
    const latest = createLatest();
    const shown: string[] = [];
    const answer = (q: string, ms: number) => {
      const ticket = latest.next();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (ticket.isLatest()) shown.push(q);
          resolve();
        }, ms),
      );
    };
    await Promise.all([answer('st', 30), answer('ste', 5)]);
    expect(shown).toEqual(['ste']);
  });

  it('cancel invalidates the request in flight', () => {
    const latest = createLatest();
    const ticket = latest.next();
    latest.cancel();
    expect(ticket.signal.aborted).toBe(true);
    expect(ticket.isLatest()).toBe(false);
  });
});
