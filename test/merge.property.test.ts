/**
 * Property: whatever customers, history, merges, undos, edits and new history come in whatever
 * order, after every step each history row belongs to exactly one live customer, no row is lost
 * or duplicated, and every row is where a simple model says it must be — which means an undo
 * puts back every table exactly, apart from rows added to the survivor after the merge, which
 * stay with it. The survivor's fields follow the undo rule (pre-merge value unless edited
 * since). Runs on PGlite and on PostgreSQL (npm run test:pg).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TABLES } from '../src/core/merge/index.ts';
import type { HistoryTable } from '../src/core/merge/index.ts';
import { updateCustomer } from '../src/modules/customers/customers.service.ts';
import { applyMerge, previewMerge } from '../src/modules/merges/merges.service.ts';
import { addCustomer, addHistoryRow, historyOwners } from '../src/modules/merges/merges.test-support.ts';
import { undoMerge } from '../src/modules/merges/merges.undo.ts';
import type { Actor } from '../src/modules/shared/actor.ts';
import { AppError } from '../src/modules/shared/errors.ts';
import { createTestContext, createTestTenant } from './support/app.ts';
import type { TestContext } from './support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const FIELDS = ['firstName', 'city', 'email'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string | null>;

type Op =
  | { kind: 'merge'; picks: number[]; survivor: number; firstNameFrom: number | null }
  | { kind: 'undo'; pick: number }
  | { kind: 'add'; pick: number; table: HistoryTable }
  | { kind: 'edit'; pick: number; city: string };

const customerArb = fc.record({
  firstName: fc.constantFrom('Stephanie', 'stefanie', 'Els', 'Liesbeth'),
  city: fc.option(fc.constantFrom('Mechelen', 'Gent', 'Lier'), { nil: null }),
  email: fc.option(fc.constantFrom('a@example.com', 'b@example.be'), { nil: null }),
  source: fc.constantFrom('staff' as const, 'online' as const),
  history: fc.array(fc.constantFrom(...HISTORY_TABLES), { maxLength: 6 }),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      picks: fc.uniqueArray(fc.nat(20), { minLength: 2, maxLength: 3 }),
      survivor: fc.nat(2),
      firstNameFrom: fc.option(fc.nat(2), { nil: null }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat(10) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(20),
      table: fc.constantFrom(...HISTORY_TABLES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(20),
      city: fc.constantFrom('Hasselt', 'Brugge'),
    }),
  },
);

interface ModelMerge {
  id: string;
  survivor: string;
  merged: string[];
  /** Rows that moved, with where they came from (and a note's old position). */
  moved: { key: string; from: string }[];
  before: Values;
  after: Values;
  undone: boolean;
}

describe('merge and undo in random order', () => {
  it('never loses, duplicates or misplaces a history row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 3, maxLength: 6 }),
        fc.array(opArb, { maxLength: 9 }),
        async (people, ops) => {
          const tenant = await createTestTenant(ctx);
          const actor: Actor = {
            tenantId: tenant.tenantId,
            staffId: tenant.ownerId,
            role: 'owner',
            name: 'Owner',
            via: 'session',
          };
          let clock = Date.parse('2026-11-24T10:00:00Z');
          const tick = () => new Date((clock += 60_000));

          // The model: who owns each row (notes carry their position as "id@position"), who is
          // live, and each customer's values of the fields we follow.
          const owners = new Map<string, string>();
          const live = new Set<string>();
          const values = new Map<string, Values>();
          const ids: string[] = [];
          for (const p of people) {
            const id = await addCustomer(
              ctx.database,
              actor,
              { firstName: p.firstName, lastName: 'Test', city: p.city, email: p.email },
              { source: p.source },
            );
            ids.push(id);
            live.add(id);
            values.set(id, { firstName: p.firstName, city: p.city, email: p.email });
            for (const t of p.history) await addHistoryRow(ctx.database, tenant.tenantId, id, t, owners.size);
          }
          // Contact points merges add are not history of their own: they come and go with the merge
          // (checked separately below).
          const fromMerges = async () =>
            new Set(
              (
                await ctx.database.query<{ id: string }>(
                  "SELECT id FROM customer_contact_points WHERE tenant_id = $1 AND origin = 'merge'",
                  [tenant.tenantId],
                )
              ).map((r) => `customer_contact_points:${r.id}`),
            );
          const actualOwners = async () => {
            const skip = await fromMerges();
            return new Map(
              [...(await historyOwners(ctx.database, tenant.tenantId))].filter(([k]) => !skip.has(k)),
            );
          };
          const resync = async () => {
            // Rows the helpers just created: take their owner from the database, once.
            for (const [key, owner] of await actualOwners()) if (!owners.has(key)) owners.set(key, owner);
          };
          await resync();
          const merges: ModelMerge[] = [];
          const notePosition = (owner: string) => Number(owner.split('@')[1] ?? 0);
          const customerOf = (owner: string) => owner.split('@')[0]!;

          for (const op of ops) {
            const liveList = ids.filter((id) => live.has(id));
            if (op.kind === 'merge') {
              if (liveList.length < 2) continue;
              const chosen = [...new Set(op.picks.map((p) => liveList[p % liveList.length]!))];
              if (chosen.length < 2) continue;
              const survivorId = chosen[op.survivor % chosen.length]!;
              const fields =
                op.firstNameFrom === null
                  ? {}
                  : { firstName: { from: chosen[op.firstNameFrom % chosen.length]! } };
              const request = { ids: chosen, survivorId, fields };
              const now = tick();
              const { plan, fingerprint } = await previewMerge(ctx.database, actor, request, now);
              const merge = await applyMerge(ctx.database, actor, { ...request, fingerprint }, now);
              const moved: ModelMerge['moved'] = [];
              // Notes append after the survivor's, profile by profile in plan order.
              let next = Math.max(
                0,
                ...[...owners]
                  .filter(([k, o]) => k.startsWith('customer_notes:') && customerOf(o) === survivorId)
                  .map(([, o]) => notePosition(o)),
              );
              for (const from of plan.mergedIds) {
                const rows = [...owners].filter(([, o]) => customerOf(o) === from);
                rows.sort(([, x], [, y]) => notePosition(x) - notePosition(y));
                for (const [key, owner] of rows) {
                  moved.push({ key, from: owner });
                  owners.set(key, key.startsWith('customer_notes:') ? `${survivorId}@${++next}` : survivorId);
                }
                live.delete(from);
              }
              const before = values.get(survivorId)!;
              const after: Values = {
                firstName: plan.values.firstName,
                city: plan.values.city,
                email: plan.values.email,
              };
              values.set(survivorId, after);
              merges.push({
                id: merge.id,
                survivor: survivorId,
                merged: plan.mergedIds,
                moved,
                before,
                after,
                undone: false,
              });
            } else if (op.kind === 'undo') {
              if (merges.length === 0) continue;
              const m = merges[op.pick % merges.length]!;
              const involved = [m.survivor, ...m.merged];
              const laterAway = merges.some(
                (x) =>
                  x !== m &&
                  !x.undone &&
                  merges.indexOf(x) > merges.indexOf(m) &&
                  x.merged.some((id) => involved.includes(id)),
              );
              const outcome = await undoMerge(ctx.database, actor, m.id, tick()).catch((e: unknown) => e);
              if (m.undone || laterAway) {
                expect(outcome).toBeInstanceOf(AppError);
                expect((outcome as AppError).code).toBe(
                  m.undone ? 'merge_already_undone' : 'merge_undo_blocked',
                );
                continue;
              }
              expect(outcome).not.toBeInstanceOf(Error);
              m.undone = true;
              for (const { key, from } of m.moved) {
                if (customerOf(owners.get(key)!) === m.survivor) owners.set(key, from);
              }
              for (const id of m.merged) live.add(id);
              const current = values.get(m.survivor)!;
              const restored = { ...current };
              for (const f of FIELDS) if (current[f] === m.after[f]) restored[f] = m.before[f];
              values.set(m.survivor, restored);
            } else if (op.kind === 'add') {
              if (liveList.length === 0) continue;
              const id = liveList[op.pick % liveList.length]!;
              await addHistoryRow(ctx.database, tenant.tenantId, id, op.table, owners.size);
              await resync();
            } else {
              if (liveList.length === 0) continue;
              const id = liveList[op.pick % liveList.length]!;
              const [row] = await ctx.database.query<{ version: number }>(
                'SELECT version FROM customers WHERE tenant_id = $1 AND id = $2',
                [tenant.tenantId, id],
              );
              await updateCustomer(ctx.database, actor, id, row!.version, { city: op.city }, tick());
              values.set(id, { ...values.get(id)!, city: op.city });
            }

            // Invariants after every step.
            const actual = await actualOwners();
            const merged = new Set(ids.filter((id) => !live.has(id)));
            expect([...actual.keys()].sort()).toEqual([...owners.keys()].sort());
            for (const [key, owner] of owners) expect(actual.get(key), key).toBe(owner);
            for (const owner of actual.values()) expect(merged.has(customerOf(owner))).toBe(false);
            const customers = await ctx.database.query<{
              id: string;
              merged_into: string | null;
              first_name: string;
              city: string | null;
              email: string | null;
            }>('SELECT id, merged_into, first_name, city, email FROM customers WHERE tenant_id = $1', [
              tenant.tenantId,
            ]);
            for (const c of customers) {
              expect(c.merged_into === null, `${c.id} live`).toBe(live.has(c.id));
              if (live.has(c.id))
                expect({ firstName: c.first_name, city: c.city, email: c.email }).toEqual(values.get(c.id));
            }
            // Contact points a merge added exist exactly while that merge is in place.
            const addedBy = await ctx.database.query<{ merge_id: string }>(
              "SELECT DISTINCT merge_id FROM customer_contact_points WHERE tenant_id = $1 AND origin = 'merge'",
              [tenant.tenantId],
            );
            for (const { merge_id } of addedBy)
              expect(merges.find((m) => m.id === merge_id)?.undone).toBe(false);
          }
        },
      ),
      { numRuns: Number(process.env.MERGE_PROPERTY_RUNS ?? 15), endOnFailure: true },
    );
  });
});
