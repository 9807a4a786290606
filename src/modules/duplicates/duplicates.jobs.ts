/** The duplicates module's background job: the whole-tenant scan (see duplicates.scan.ts). */
import type { Deps } from '../../server/types.ts';
import { scanTenant } from './duplicates.scan.ts';
import { SCAN_JOB } from './groups.service.ts';

export function duplicatesJobs(deps: Deps): void {
  deps.jobs.register(SCAN_JOB, async (ctx) => {
    await ctx.progress(0, 6);
    return scanTenant(ctx.database, ctx.job.tenantId, {
      jobId: ctx.job.id,
      now: deps.now(),
      onStep: (_step, done, total) => ctx.progress(done, total),
    });
  });
}
