/** The background job that applies an import (see imports.apply.ts). */
import type { Deps } from '../../server/types.ts';
import { applyImport, IMPORT_APPLY_JOB } from './imports.apply.ts';

export function importsJobs(deps: Deps): void {
  deps.jobs.register(IMPORT_APPLY_JOB, async (ctx) => {
    const payload = ctx.job.payload as { importId: string; actor?: string; staffId?: string | null };
    return applyImport(ctx.database, ctx.job.tenantId, payload.importId, {
      now: deps.now,
      jobId: ctx.job.id,
      actor: payload.actor ?? 'system',
      actorStaffId: payload.staffId ?? null,
      progress: ctx.progress,
    });
  });
}
