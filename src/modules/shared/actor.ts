/** Who is acting: a staff member of one tenant, through a session or an API token. */
import { AppError } from './errors.ts';

export interface Actor {
  tenantId: string;
  staffId: string;
  role: 'owner' | 'staff';
  name: string;
  via: 'session' | 'token';
}

/** The actor of a route that requires authentication (the auth hook has already checked it). */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError(401, 'unauthenticated');
  return actor;
}

/** Text for the audit log's `actor` column. */
export function actorLabel(actor: Actor): string {
  return `${actor.via === 'token' ? 'api' : 'staff'}:${actor.name}`;
}
