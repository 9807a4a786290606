/**
 * Tenant and staff administration from the command line:
 *   tenant:create --name "Salon X" --slug salon-x --owner-email a@b.be --owner-name "An" [--country BE] [--language nl] [--password …]
 *   staff:add --tenant salon-x --email b@b.be --name "Bo" [--role staff|owner] [--password …]
 *   staff:password --tenant salon-x --email b@b.be [--password …]
 * Without --password a readable one is generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { staffUsers } from '../db/schema.ts';
import { hashPassword, passwordProblem } from '../modules/auth/password.ts';
import { sessions } from '../db/schema.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { AppError } from '../modules/shared/errors.ts';
import { translate } from '../modules/shared/messages.ts';
import { findTenantBySlug } from '../modules/tenants/tenants.repository.ts';
import { addStaff, createTenant } from '../modules/tenants/tenants.service.ts';
import '../modules/auth/auth.messages.ts';
import '../modules/tenants/tenants.messages.ts';
import { readArgs, UsageError } from './args.ts';
import { withDatabase } from './database.ts';
import type { CliIo } from './dedupe.ts';

function generatedPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

/** Runs a command body, turning user errors into one line on stderr and exit code 1 (2 for usage). */
export async function run(io: CliIo, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`clienteel: ${err.message}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      io.stderr.write(`clienteel: ${translate('en', err.code, err.params, err.field)}\n`);
      return 1;
    }
    io.stderr.write(`clienteel: ${(err as Error).message}\n`);
    return 1;
  }
}

export function runTenantCreate(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const usage =
      'clienteel tenant:create --name NAME --slug SLUG --owner-email EMAIL --owner-name NAME [--country BE] [--language nl] [--password PW]';
    const { values } = readArgs(
      argv,
      {
        name: { type: 'string', required: true },
        slug: { type: 'string', required: true },
        'owner-email': { type: 'string', required: true },
        'owner-name': { type: 'string', required: true },
        country: { type: 'string' },
        language: { type: 'string' },
        password: { type: 'string' },
      },
      usage,
    );
    const password = (values.password as string | undefined) ?? generatedPassword();
    await withDatabase(async (database) => {
      const { tenant } = await createTenant(database, {
        name: values.name as string,
        slug: values.slug as string,
        country: ((values.country as string | undefined) ?? 'BE').toUpperCase(),
        language: (values.language as string | undefined) ?? 'nl',
        owner: { email: values['owner-email'] as string, name: values['owner-name'] as string, password },
      });
      io.stdout.write(
        `Created "${tenant.name}" (${tenant.slug}). Owner login: ${values['owner-email'] as string}`,
      );
      io.stdout.write(values.password ? '\n' : ` / password ${password}\n`);
    });
  });
}

export function runStaffAdd(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const usage =
      'clienteel staff:add --tenant SLUG --email EMAIL --name NAME [--role staff|owner] [--password PW]';
    const { values } = readArgs(
      argv,
      {
        tenant: { type: 'string', required: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        role: { type: 'string' },
        password: { type: 'string' },
      },
      usage,
    );
    const role = (values.role as string | undefined) ?? 'staff';
    if (role !== 'staff' && role !== 'owner')
      throw new UsageError(`--role must be staff or owner\nusage: ${usage}`);
    const password = (values.password as string | undefined) ?? generatedPassword();
    await withDatabase(async (database) => {
      const tenant = await findTenantBySlug(database.db, values.tenant as string);
      if (!tenant) throw new Error(`No business with the short name "${values.tenant as string}".`);
      await addStaff(
        database,
        tenant.id,
        { email: values.email as string, name: values.name as string, password, role },
        null,
      );
      io.stdout.write(`Added ${role} ${values.email as string} to ${tenant.slug}.`);
      io.stdout.write(values.password ? '\n' : ` Password: ${password}\n`);
    });
  });
}

export function runStaffPassword(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const usage = 'clienteel staff:password --tenant SLUG --email EMAIL [--password PW]';
    const { values } = readArgs(
      argv,
      {
        tenant: { type: 'string', required: true },
        email: { type: 'string', required: true },
        password: { type: 'string' },
      },
      usage,
    );
    const password = (values.password as string | undefined) ?? generatedPassword();
    const problem = passwordProblem(password);
    if (problem) throw new AppError(400, problem, { field: 'password' });
    await withDatabase(async (database) => {
      const tenant = await findTenantBySlug(database.db, values.tenant as string);
      if (!tenant) throw new Error(`No business with the short name "${values.tenant as string}".`);
      const hash = await hashPassword(password);
      await database.db.transaction(async (tx) => {
        const updated = await tx
          .update(staffUsers)
          .set({ passwordHash: hash })
          .where(
            and(
              eq(staffUsers.tenantId, tenant.id),
              sql`lower(${staffUsers.email}) = lower(${values.email as string})`,
            ),
          )
          .returning({ id: staffUsers.id });
        const staff = updated[0];
        if (!staff) throw new Error(`No staff member ${values.email as string} in ${tenant.slug}.`);
        // A new password ends every session of the old one.
        await tx
          .delete(sessions)
          .where(and(eq(sessions.tenantId, tenant.id), eq(sessions.staffId, staff.id)));
        await writeAudit(tx, {
          tenantId: tenant.id,
          actorStaffId: null,
          actor: 'cli',
          action: 'staff.password_reset',
          entityType: 'staff',
          entityId: staff.id,
        });
      });
      io.stdout.write(
        `New password for ${values.email as string}${values.password ? ' set.' : `: ${password}`}\n`,
      );
    });
  });
}
