/**
 * Online accounts. Staff: the account state on a profile, invite, disable. Customers (public, on
 * the business's booking page, with their own session cookie): accept an invitation, log in and
 * out, forgot password, reset.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { nameOf } from '../../core/customer/customer.ts';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { safeEqual } from '../auth/tokens.ts';
import { findCustomerRow } from '../customers/customers.repository.ts';
import { requireActor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { idParams } from '../shared/schemas.ts';
import * as service from './accounts.service.ts';
import type { CustomerLogin, CustomerSession } from './accounts.service.ts';

const accountView = z
  .object({
    state: z.enum(['not_invited', 'invited', 'active', 'disabled']),
    loginEmail: z.string().nullable(),
    invitedAt: z.date().nullable(),
    inviteExpiresAt: z.date().nullable(),
    activatedAt: z.date().nullable(),
    lastLoginAt: z.date().nullable(),
    disabledAt: z.date().nullable(),
    disabledReason: z.string().nullable(),
  })
  .meta({ id: 'OnlineAccount' });

export const slugParams = z.object({ slug: z.string().max(60) });
const loggedIn = z.object({
  csrfToken: z.string().describe('Send it in x-csrf-token with the customer’s own requests'),
});
const password = z.string().min(1).max(1000);

export function setCustomerCookie(deps: Deps, reply: FastifyReply, login: CustomerLogin): void {
  void reply.setCookie(service.CUSTOMER_COOKIE, login.cookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: service.CUSTOMER_SESSION_IDLE_MS / 1000,
  });
}

/** The customer logged in on this business's page; with `csrf`, only when the request carries its token. */
export async function customerSessionOf(
  deps: Deps,
  request: FastifyRequest,
  tenantId: string,
  opts: { csrf: boolean },
): Promise<CustomerSession | undefined> {
  const session = await service.resolveCustomerSession(
    deps.database,
    tenantId,
    request.cookies[service.CUSTOMER_COOKIE],
    deps.now(),
  );
  if (!session || !opts.csrf) return session;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' && safeEqual(header, session.csrfToken) ? session : undefined;
}

export function accountsRoutes(app: App, deps: Deps): void {
  const delivery = () => ({ mailer: deps.mailer, publicUrl: deps.config.publicUrl, now: deps.now });

  app.get(
    '/api/customers/:id/online-account',
    {
      schema: {
        tags: ['accounts'],
        summary: "The customer's online account: not invited, invited, active or disabled",
        params: idParams,
        response: { 200: accountView, 404: errorBody },
      },
    },
    async (request) =>
      service.accountOf(deps.database, requireActor(request.actor).tenantId, request.params.id),
  );

  app.post(
    '/api/customers/:id/online-account/invite',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Invite the customer to book online',
        description:
          'E-mails a single-use link (valid 7 days) to choose a password, to the given address or the customer’s own. Invited again, the new link replaces the old one. The e-mail is stored in the customer’s messages (the outbox when no SMTP is configured). An active account answers 409.',
        params: idParams,
        body: z
          .object({ email: z.string().trim().max(254).nullable().optional() })
          .strict()
          .optional(),
        response: {
          200: z.object({
            account: accountView,
            message: z.object({
              id: z.string().uuid(),
              status: z.enum(['outbox', 'sent', 'failed']),
              toAddress: z.string(),
            }),
          }),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const result = await service.inviteCustomer(
        deps.database,
        actor,
        request.params.id,
        request.body ?? {},
        delivery(),
      );
      return {
        account: result.account,
        message: {
          id: result.message.id,
          status: result.message.status,
          toAddress: result.message.toAddress,
        },
      };
    },
  );

  app.post(
    '/api/customers/:id/online-account/disable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Disable the customer’s online account (ends its sessions)',
        params: idParams,
        body: z
          .object({ reason: z.string().trim().max(200).nullable().optional() })
          .strict()
          .optional(),
        response: { 200: accountView, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return service.disableAccount(
        deps.database,
        actor,
        request.params.id,
        request.body?.reason ?? null,
        deps.now(),
      );
    },
  );

  app.get(
    '/api/book/:slug/account',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Whether a customer is logged in on this booking page',
        params: slugParams,
        response: {
          200: z.object({
            loggedIn: z.boolean(),
            name: z.string().optional(),
            email: z.string().optional(),
            csrfToken: z.string().optional(),
          }),
          404: errorBody,
        },
      },
    },
    async (request) => {
      const tenant = await service.tenantBySlug(deps.database, request.params.slug);
      const session = await customerSessionOf(deps, request, tenant.id, { csrf: false });
      if (!session) return { loggedIn: false };
      const customer = await findCustomerRow(deps.database.db, tenant.id, session.customerId);
      return {
        loggedIn: true,
        name: customer ? nameOf(customer) : '',
        email: session.loginEmail,
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/book/:slug/account/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Log in as a customer (sets the customer’s own session cookie)',
        description:
          'A wrong e-mail and a wrong password give the same 401; after 5 failures for one e-mail (or 20 from one address) in 15 minutes the answer is 429.',
        params: slugParams,
        body: z.object({ email: z.string().trim().min(1).max(320), password }).strict(),
        response: { 200: loggedIn, 400: errorBody, 401: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const login = await service.login(
        deps.database,
        request.params.slug,
        request.body,
        request.ip,
        deps.now(),
      );
      setCustomerCookie(deps, reply, login);
      return { csrfToken: login.csrfToken };
    },
  );

  app.post(
    '/api/book/:slug/account/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Log the customer out',
        params: slugParams,
        response: { 204: z.null(), 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const tenant = await service.tenantBySlug(deps.database, request.params.slug);
      const cookie = request.cookies[service.CUSTOMER_COOKIE];
      const session = await customerSessionOf(deps, request, tenant.id, { csrf: false });
      if (session) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !safeEqual(header, session.csrfToken))
          throw new AppError(403, 'csrf_failed');
        await service.logout(deps.database, cookie);
      }
      void reply.clearCookie(service.CUSTOMER_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/book/:slug/account/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Accept an invitation: choose a password from the e-mailed link, and log in',
        params: slugParams,
        body: z.object({ token: z.string().min(1).max(200), password }).strict(),
        response: { 200: loggedIn, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const login = await service.acceptInvite(deps.database, request.params.slug, request.body, deps.now());
      setCustomerCookie(deps, reply, login);
      return { csrfToken: login.csrfToken };
    },
  );

  app.post(
    '/api/book/:slug/account/forgot',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Forgot password: e-mail a reset link when this address has an account',
        description: 'The answer is the same whether or not the address has an account.',
        params: slugParams,
        body: z.object({ email: z.string().trim().min(1).max(320) }).strict(),
        response: {
          202: z.object({ status: z.literal('requested') }),
          400: errorBody,
          404: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      await service.requestReset(
        deps.database,
        request.params.slug,
        request.body.email,
        request.ip,
        delivery(),
      );
      return reply.status(202).send({ status: 'requested' as const });
    },
  );

  app.post(
    '/api/book/:slug/account/reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Choose a new password from the e-mailed reset link, and log in',
        params: slugParams,
        body: z.object({ token: z.string().min(1).max(200), password }).strict(),
        response: { 200: loggedIn, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const login = await service.resetPassword(deps.database, request.params.slug, request.body, deps.now());
      setCustomerCookie(deps, reply, login);
      return { csrfToken: login.csrfToken };
    },
  );
}
