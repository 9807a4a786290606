/** The caller's business: its settings, staff accounts and API tokens. */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { requireActor } from '../shared/actor.ts';
import { idParams } from '../shared/schemas.ts';
import { tenantSettingsSchema } from './settings.ts';
import * as service from './tenants.service.ts';
import { listApiTokens, listStaff } from './tenants.repository.ts';
import './tenants.messages.ts';

const settingsView = tenantSettingsSchema.meta({ id: 'TenantSettings' });
const staffView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'staff']),
  language: z.string().nullable(),
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
});

export function tenantsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/tenant',
    {
      schema: {
        tags: ['tenant'],
        summary: "The caller's business",
        response: {
          200: z.object({
            id: z.string().uuid(),
            name: z.string(),
            slug: z.string(),
            country: z.string(),
            language: z.string(),
            settings: settingsView,
          }),
          401: errorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const tenant = await service.getTenant(deps.database, actor.tenantId);
      return {
        id: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        country: tenant.country,
        language: tenant.language,
        settings: await service.getSettings(deps.database, actor.tenantId),
      };
    },
  );

  app.patch(
    '/api/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'Change settings (owners)',
        description: 'Required fields, duplicate thresholds, the undo window. Omitted keys keep their value.',
        body: z
          .object({
            requiredFields: z.object({ phone: z.boolean(), email: z.boolean() }).optional(),
            duplicates: z
              .object({
                possibleThreshold: z.number().min(0.5).max(0.99),
                certainThreshold: z.number().min(0.9).max(0.9999),
              })
              .optional(),
            undoWindowDays: z.number().int().min(1).max(365).optional(),
          })
          .strict(),
        response: { 200: settingsView, 400: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const patch = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      return service.updateSettings(deps.database, actor, patch);
    },
  );

  app.get(
    '/api/staff',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'Staff accounts (owners)',
        response: { 200: z.array(staffView), 403: errorBody },
      },
    },
    async (request) => listStaff(deps.database.db, requireActor(request.actor).tenantId),
  );

  app.post(
    '/api/staff',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'Add a staff member (owners)',
        body: z.object({
          email: z.string().trim().max(320),
          name: z.string().trim().min(1).max(200),
          password: z.string().max(1000),
          role: z.enum(['owner', 'staff']).default('staff'),
          language: z.enum(['nl', 'fr', 'de', 'en']).nullable().optional(),
        }),
        response: {
          201: z.object({ id: z.string().uuid() }),
          400: errorBody,
          403: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const created = await service.addStaff(deps.database, actor.tenantId, request.body, actor);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/api-tokens',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'API tokens for integrations (owners)',
        response: {
          200: z.array(
            z.object({
              id: z.string().uuid(),
              name: z.string(),
              staffId: z.string().uuid(),
              createdAt: z.date(),
              lastUsedAt: z.date().nullable(),
            }),
          ),
          403: errorBody,
        },
      },
    },
    async (request) => listApiTokens(deps.database.db, requireActor(request.actor).tenantId),
  );

  app.post(
    '/api/api-tokens',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'Create an API token (owners)',
        description:
          'The token is shown once; send it as `Authorization: Bearer <token>`. It acts as the staff member who created it.',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: {
          201: z.object({ id: z.string().uuid(), token: z.string() }),
          400: errorBody,
          403: errorBody,
        },
      },
    },
    async (request, reply) => {
      const created = await service.createApiToken(
        deps.database,
        requireActor(request.actor),
        request.body.name,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['tenant'],
        summary: 'Revoke an API token (owners)',
        params: idParams,
        response: { 204: z.null(), 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      await service.revokeApiToken(deps.database, requireActor(request.actor), request.params.id, deps.now());
      return reply.status(204).send(null);
    },
  );
}
