/** Request and response schemas of the merge API; the OpenAPI reference is generated from them. */
import { z } from 'zod';
import { EDITABLE_FIELDS } from '../../core/customer/customer.ts';
import { HISTORY_TABLES } from '../../core/merge/index.ts';
import { jobView } from '../jobs/jobs.routes.ts';

const id = z.string().max(100);
const table = z.enum(HISTORY_TABLES);
const perTable = z.partialRecord(table, z.number().int());
const fullPerTable = z.record(table, z.number().int());
const fieldValue = z.union([z.string(), z.boolean(), z.null()]);

export const fieldChoice = z.union([
  z.object({ from: id }).strict().describe('Take the value of this customer'),
  z
    .object({ value: z.union([z.string().max(5000), z.boolean(), z.null()]) })
    .strict()
    .describe('A corrected value, validated as on edit'),
]);

export const mergeRequest = z
  .object({
    ids: z.array(id).max(1000).describe('The customers to merge (2 to 20), by id'),
    survivorId: id.optional().describe('The main profile that stays; by default the survivor rule picks it'),
    fields: z
      .partialRecord(z.enum(EDITABLE_FIELDS), fieldChoice)
      .optional()
      .describe(
        "Per field, another customer's value or a typed one; by default the main profile's, empty ones filled",
      ),
    choices: z
      .object({
        onlineAccount: id.optional().describe('The online account whose login stays when several exist'),
        newsletter: id
          .optional()
          .describe('The customer whose newsletter consent stands (default: most restrictive)'),
        cancelAppointments: z.array(id).max(200).optional().describe('Clashing appointments to cancel'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const applyRequest = mergeRequest.extend({
  fingerprint: z.string().max(2000).describe('The fingerprint of the preview being applied'),
});

const customerValues = z.object({
  gender: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  mobileE164: z.string().nullable(),
  landline: z.string().nullable(),
  landlineE164: z.string().nullable(),
  phone2: z.string().nullable(),
  phone2E164: z.string().nullable(),
  birthDate: z.string().nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  language: z.string().nullable(),
  vatNumber: z.string().nullable(),
  statusLabel: z.string().nullable(),
  newsletterConsent: z.boolean().nullable(),
  notes: z.string().nullable(),
});

const appointment = z.object({
  id,
  customerId: id,
  startAt: z.string(),
  endAt: z.string(),
  status: z.string(),
  service: z.string(),
});
const account = z.object({
  id,
  customerId: id,
  loginEmail: z.string(),
  state: z.enum(['invited', 'active', 'disabled']),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});

export const mergePlan = z
  .object({
    survivorId: id,
    defaultSurvivorId: id,
    mergedIds: z.array(id),
    customers: z.array(
      z.object({
        id,
        number: z.number().int(),
        name: z.string(),
        role: z.enum(['survivor', 'merged']),
        source: z.string(),
        customerSince: z.string(),
        history: fullPerTable,
        loyaltyPoints: z.number().int(),
        lastAppointmentAt: z.string().nullable(),
      }),
    ),
    fields: z.array(
      z.object({
        field: z.enum(EDITABLE_FIELDS),
        value: fieldValue,
        from: id.nullable(),
        source: z.enum(['survivor', 'filled', 'chosen', 'typed', 'rule', 'combined']),
        identical: z.boolean(),
        options: z.array(z.object({ customerId: id, value: fieldValue })),
      }),
    ),
    values: customerValues,
    customerSince: z.object({ value: z.string(), from: id }),
    newsletter: z.object({
      value: z.boolean().nullable(),
      at: z.string().nullable(),
      source: z.string().nullable(),
      from: id.nullable(),
    }),
    moves: z.array(z.object({ from: id, table, count: z.number().int() })),
    totals: fullPerTable,
    loyaltyPoints: z.object({ before: z.record(z.string(), z.number().int()), after: z.number().int() }),
    contactPointsAdded: z.array(
      z.object({ kind: z.enum(['email', 'phone']), value: z.string(), normalized: z.string(), from: id }),
    ),
    onlineAccounts: z.object({ kept: id.nullable(), disabled: z.array(id) }),
    cancelAppointments: z.array(id),
    clashes: z.array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('appointments'),
          appointments: z.array(appointment),
          cancel: z.array(id),
        }),
        z.object({
          kind: z.literal('online_accounts'),
          accounts: z.array(account),
          kept: id,
          decidedBy: z.enum(['default', 'staff']),
        }),
        z.object({
          kind: z.literal('newsletter'),
          consents: z.array(z.object({ customerId: id, consent: z.boolean(), at: z.string().nullable() })),
          value: z.boolean().nullable(),
          from: id.nullable(),
          decidedBy: z.enum(['default', 'staff']),
        }),
      ]),
    ),
    warnings: z.array(
      z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
    ),
  })
  .meta({ id: 'MergePlan' });

export const previewResponse = z.object({
  plan: mergePlan,
  fingerprint: z.string().describe('Send it back with POST /api/merges to apply exactly this plan'),
});

const customerRef = z.object({ id, number: z.number().int(), name: z.string() });
const staffRef = z.object({ id, name: z.string() }).nullable();

export const mergeSummary = z
  .object({
    id,
    performedAt: z.date(),
    performedBy: staffRef,
    survivor: customerRef,
    merged: z.array(customerRef),
    moved: perTable,
    undoneAt: z.date().nullable(),
    undoneBy: staffRef,
    undoableUntil: z.date().nullable(),
    jobId: id.nullable(),
  })
  .meta({ id: 'MergeSummary' });

export const mergeList = z.object({ items: z.array(mergeSummary), total: z.number().int() });

export const mergeDetail = mergeSummary
  .extend({
    plan: z.unknown().describe('The MergePlan that was applied'),
    choices: z.record(z.string(), z.unknown()),
    beforeSnapshot: z.object({
      customers: z.array(z.record(z.string(), z.unknown())),
      contactPoints: z.array(z.record(z.string(), z.unknown())),
      onlineAccounts: z.array(z.record(z.string(), z.unknown())),
    }),
    undoResult: z.unknown(),
    customers: z.array(
      customerRef.extend({
        live: z.boolean(),
        mergedInto: id.nullable(),
        history: fullPerTable,
        loyaltyPoints: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MergeDetail' });

export const undoResponse = z
  .object({
    mergeId: id,
    survivorId: id,
    restoredIds: z.array(id),
    movedBack: perTable,
    restoredFields: z.array(z.string()),
    keptFields: z.array(z.string()).describe('Fields edited since the merge: they keep their current value'),
    contactPointsRemoved: z.number().int(),
    accountsReenabled: z.number().int(),
    appointmentsRestored: z.number().int(),
  })
  .meta({ id: 'MergeUndoResult' });

export const compareResponse = z
  .object({
    customers: z.array(
      customerRef.extend({
        values: customerValues,
        source: z.string(),
        customerSince: z.string(),
        createdAt: z.string(),
        history: fullPerTable,
        loyaltyPoints: z.number().int(),
        lastAppointmentAt: z.string().nullable(),
        onlineAccount: z.object({ id, loginEmail: z.string(), state: z.string() }).nullable(),
        archived: z.boolean(),
        mergedInto: id.nullable(),
      }),
    ),
    fields: z.array(
      z.object({
        field: z.enum(EDITABLE_FIELDS),
        values: z.array(fieldValue),
        identical: z.boolean(),
        empty: z.boolean(),
      }),
    ),
    rank: z.array(id).describe('The customers in survivor-rule order: the first is the default main profile'),
  })
  .meta({ id: 'CustomerComparison' });

export const bulkPreviewRequest = z
  .object({
    minProbability: z
      .number()
      .min(0.5)
      .max(1)
      .optional()
      .describe("Merge groups at least this probable; default: the tenant's certain threshold"),
  })
  .strict();

export const bulkPreviewResponse = z
  .object({
    minProbability: z.number(),
    groups: z.array(
      z.object({
        groupId: id,
        probability: z.number(),
        survivor: customerRef,
        merged: z.array(customerRef),
        moves: perTable,
        clashes: z.object({
          appointments: z.number().int(),
          onlineAccounts: z.number().int(),
          newsletter: z.boolean(),
        }),
        warnings: z.array(z.string()),
        fingerprint: z.string(),
      }),
    ),
    refused: z.array(
      z.object({
        groupId: id,
        probability: z.number(),
        code: z.string(),
        message: z.string(),
        customerId: id.nullable(),
      }),
    ),
    totals: z.object({ groups: z.number().int(), mergedAway: z.number().int(), moves: perTable }),
    truncated: z.boolean(),
  })
  .meta({ id: 'BulkMergePreview' });

export const bulkRequest = z
  .object({
    groups: z
      .array(z.object({ id, fingerprint: z.string().max(2000) }).strict())
      .min(1)
      .max(1000)
      .describe('The groups of the bulk preview, with their fingerprints'),
  })
  .strict();

export { jobView };
