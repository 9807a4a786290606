/** Request schemas shared by several modules. */
import { z } from 'zod';

/**
 * `:id` path parameters. A malformed id is answered like an unknown one (404, not 400), so ids
 * reveal nothing and every "missing or foreign id" gets the same response.
 */
export const idParams = z.object({ id: z.string() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
