/**
 * Rate limits kept in the database, so every app instance sees the same counts. A key is
 * limited to `limit` events per sliding `windowMs`.
 */
import type { Db } from '../../db/connection.ts';
import { countRateEvents, pruneRateEvents, recordRateEvent } from '../auth/auth.repository.ts';

export interface RateRule {
  limit: number;
  windowMs: number;
}

export async function isLimited(db: Db, key: string, rule: RateRule, now: Date): Promise<boolean> {
  return (await countRateEvents(db, key, new Date(now.getTime() - rule.windowMs))) >= rule.limit;
}

export async function recordEvent(db: Db, key: string, now: Date): Promise<void> {
  await recordRateEvent(db, key, now);
  // Keep the table small: roughly one write in a hundred sweeps events older than a day.
  if (Math.random() < 0.01) await pruneRateEvents(db, new Date(now.getTime() - 86_400_000));
}
