/**
 * The batched form of customers.service `resolveCustomer` for the matches of an import chunk: the
 * customers a dry run pointed at, followed through merges made since to their survivors, in one
 * read per merge hop instead of one or more reads per row.
 */
import type { Db } from '../../db/connection.ts';
import { findCustomerRows } from '../customers/customers.repository.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';

/** As in customers.service: a chain of merges longer than this is not followed. */
const MAX_MERGE_HOPS = 20;

/**
 * For each id, the id of the live customer it is now (itself, or the survivor of merges since), or
 * null where `resolveCustomer` answers 404: not found, deleted, or still merged after the hops.
 */
export async function resolveCustomerIds(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)];
  const rowOf = new Map<string, CustomerRow>();
  const fetch = async (wanted: readonly string[]) => {
    const missing = [...new Set(wanted)].filter((id) => !rowOf.has(id));
    for (const [id, row] of await findCustomerRows(db, tenantId, missing)) rowOf.set(id, row);
  };
  await fetch(unique);
  // Where each id stands now, hop by hop; all chains advance together, one read per hop.
  const at = new Map<string, CustomerRow | undefined>(unique.map((id) => [id, rowOf.get(id)]));
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const moving = [...at.values()].filter((r): r is CustomerRow => r !== undefined && r.mergedInto !== null);
    if (moving.length === 0) break;
    await fetch(moving.map((r) => r.mergedInto!));
    for (const [id, row] of at) {
      if (row !== undefined && row.mergedInto !== null) at.set(id, rowOf.get(row.mergedInto));
    }
  }
  const out = new Map<string, string | null>();
  for (const [id, row] of at) {
    out.set(id, !row || row.deletedAt !== null || row.mergedInto !== null ? null : row.id);
  }
  return out;
}
