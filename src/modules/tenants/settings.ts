/**
 * A tenant's settings, stored as JSON on the tenant. Unknown or missing keys fall back to the
 * defaults, so adding a setting never needs a data migration.
 */
import { z } from 'zod';

export const tenantSettingsSchema = z.object({
  /** Besides the name, which contact data staff must enter for a new customer. */
  requiredFields: z
    .object({ phone: z.boolean().default(false), email: z.boolean().default(false) })
    .default({ phone: false, email: false }),
  /**
   * How eager duplicate detection is: the probability from which a pair is shown as a possible
   * duplicate, and from which it counts as certain (bulk merge, linking online bookings).
   */
  duplicates: z
    .object({
      possibleThreshold: z.number().min(0.5).max(0.99).default(0.8),
      certainThreshold: z.number().min(0.9).max(0.9999).default(0.99),
    })
    .default({ possibleThreshold: 0.8, certainThreshold: 0.99 }),
  /** How long a merge can be undone. */
  undoWindowDays: z.number().int().min(1).max(365).default(30),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export function readSettings(raw: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}
