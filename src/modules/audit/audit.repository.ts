/** The audit log: who did what to which customers, written in the same transaction as the change. */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  tenantId: string;
  actorStaffId: string | null;
  /** "staff:Name", "api:Name", "customer", "system", "cli". */
  actor: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  customerIds?: string[];
  details?: Record<string, unknown>;
  at?: Date;
}

function auditRow(entry: AuditEntry, id: string) {
  return {
    tenantId: entry.tenantId,
    id,
    actorStaffId: entry.actorStaffId,
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    customerIds: entry.customerIds ?? [],
    details: entry.details ?? {},
    ...(entry.at ? { at: entry.at } : {}),
  };
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<string> {
  const id = randomUUID();
  await db.insert(auditLog).values(auditRow(entry, id));
  return id;
}

/** Several entries in one insert (an import chunk's), each as `writeAudit` writes it. */
export async function writeAudits(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(entries.map((entry) => auditRow(entry, randomUUID())));
}

export async function listAudit(
  db: Db,
  tenantId: string,
  opts: {
    customerId?: string | undefined;
    action?: string | undefined;
    before?: Date | undefined;
    limit: number;
  },
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        opts.customerId ? sql`${auditLog.customerIds} @> ARRAY[${opts.customerId}]::uuid[]` : undefined,
        opts.action ? eq(auditLog.action, opts.action) : undefined,
        opts.before ? lt(auditLog.at, opts.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(opts.limit);
}
