/** Every module's routes, registered in this order. A new module adds one line here. */
import { accountsRoutes } from '../modules/accounts/accounts.routes.ts';
import { appointmentsRoutes } from '../modules/appointments/appointments.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { bookingsRoutes } from '../modules/bookings/bookings.routes.ts';
import { customersRoutes } from '../modules/customers/customers.routes.ts';
import { duplicatesJobs } from '../modules/duplicates/duplicates.jobs.ts';
import { duplicatesRoutes } from '../modules/duplicates/duplicates.routes.ts';
import { healthRoutes } from '../modules/health/health.routes.ts';
import { importsJobs } from '../modules/imports/imports.jobs.ts';
import { importsRoutes } from '../modules/imports/imports.routes.ts';
import { jobsRoutes } from '../modules/jobs/jobs.routes.ts';
import { mergesJobs } from '../modules/merges/merges.bulk.ts';
import { mergesRoutes } from '../modules/merges/merges.routes.ts';
import { tenantsRoutes } from '../modules/tenants/tenants.routes.ts';
import type { App, Deps } from './types.ts';

export const ROUTE_MODULES: ((app: App, deps: Deps) => void)[] = [
  healthRoutes,
  authRoutes,
  tenantsRoutes,
  jobsRoutes,
  customersRoutes,
  mergesRoutes,
  importsRoutes,
  appointmentsRoutes,
  bookingsRoutes,
  accountsRoutes,
  duplicatesRoutes,
];

/** Background job handlers of every module, registered on the app's job queue. */
export const JOB_MODULES: ((deps: Deps) => void)[] = [mergesJobs, importsJobs, duplicatesJobs];
