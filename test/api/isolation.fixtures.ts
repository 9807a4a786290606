/**
 * How the isolation walker exercises each route of the OpenAPI document with tenant A's
 * credentials against tenant B's objects. Every route must have an entry: a route added without
 * one fails the walker until it is taught here.
 *
 * - `params`: path parameters naming B's objects (the answer must be 404 and B unchanged);
 * - `body` / `query`: what to send (for routes without B's ids, the answer must not leak B's data);
 * - `expect`: 'notFound' (default when params are given) or 'noLeak' (any status but 5xx, and no
 *   B identifier or name in the response);
 * - `skip`: why a route cannot take part (e.g. it ends A's own session) — use sparingly.
 */
import type { TenantObjects } from '../support/seed.ts';

/** The other tenant's objects (or, for the fuzzer, the caller's own). */
export type BObjects = TenantObjects;

export interface RouteFixture {
  params?: (b: BObjects) => Record<string, string>;
  body?: (b: BObjects) => unknown;
  query?: (b: BObjects) => Record<string, string>;
  expect?: 'notFound' | 'noLeak';
  skip?: string;
}

/** For objects the seeder does not make for B: a well-formed id nobody has. */
const NO_SUCH_ID = '00000000-0000-4000-8000-00000000b0b0';

export const ISOLATION_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/health': { expect: 'noLeak' },
  'POST /api/auth/login': {
    body: (b) => ({ email: `owner@${b.slug}.example`, password: 'wrong password here' }),
    expect: 'noLeak',
  },
  'GET /api/auth/session': { expect: 'noLeak' },
  'POST /api/auth/logout': { skip: 'ends the caller’s own session; covered by auth.routes.test.ts' },
  'GET /api/tenant': { expect: 'noLeak' },
  'PATCH /api/settings': { body: () => ({ undoWindowDays: 31 }), expect: 'noLeak' },
  'GET /api/staff': { expect: 'noLeak' },
  'POST /api/staff': {
    body: (b) => ({ email: `new-${b.slug}@a.example`, name: 'New', password: 'a long enough password' }),
    expect: 'noLeak',
  },
  'GET /api/api-tokens': { expect: 'noLeak' },
  'POST /api/api-tokens': { body: () => ({ name: 'walker' }), expect: 'noLeak' },
  'DELETE /api/api-tokens/{id}': { params: (b) => ({ id: b.tokenId }) },
  'GET /api/jobs': { expect: 'noLeak' },
  'GET /api/jobs/{id}': { params: (b) => ({ id: b.jobId }) },
  'POST /api/jobs/{id}/cancel': { params: (b) => ({ id: b.jobId }) },
  // agenda
  'GET /api/appointments': {
    query: () => ({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' }),
    expect: 'noLeak',
  },
  'GET /api/appointments/{id}': { params: (b) => ({ id: b.ids.appointmentId ?? NO_SUCH_ID }) },
  'PATCH /api/appointments/{id}': {
    params: (b) => ({ id: b.ids.appointmentId ?? NO_SUCH_ID }),
    body: () => ({ startAt: '2030-01-01T10:00:00.000Z' }),
  },
  'POST /api/appointments/{id}/cancel': { params: (b) => ({ id: b.ids.appointmentId ?? NO_SUCH_ID }) },
  'POST /api/appointments/{id}/complete': { params: (b) => ({ id: b.ids.appointmentId ?? NO_SUCH_ID }) },
  'POST /api/appointments': {
    body: (b) => ({ customerId: b.customerIds[0], startAt: '2030-01-01T10:00:00.000Z', service: 'Knippen' }),
    expect: 'notFound',
  },
  'POST /api/walk-ins': {
    body: (b) => ({ name: 'Walker', customerId: b.customerIds[0] }),
    expect: 'notFound',
  },
  // online booking: the public page answers for any business by its slug (by design); an unknown slug is 404
  'GET /api/book/{slug}': { params: () => ({ slug: 'no-such-business' }) },
  'POST /api/book/{slug}/requests': {
    params: () => ({ slug: 'no-such-business' }),
    body: () => ({
      service: 'Knippen',
      wishedStart: '2030-01-01T10:00:00.000Z',
      firstName: 'A',
      email: 'a@a.example',
    }),
  },
  'GET /api/book/{slug}/me': { params: (b) => ({ slug: b.slug }), expect: 'noLeak' },
  'GET /api/book/{slug}/account': { params: (b) => ({ slug: b.slug }), expect: 'noLeak' },
  'POST /api/book/{slug}/account/login': {
    params: (b) => ({ slug: b.slug }),
    body: () => ({ email: 'nobody@a.example', password: 'wrong password here' }),
    expect: 'noLeak',
  },
  'POST /api/book/{slug}/account/logout': { params: (b) => ({ slug: b.slug }), expect: 'noLeak' },
  'POST /api/book/{slug}/account/accept': {
    params: (b) => ({ slug: b.slug }),
    body: () => ({ token: 'not-a-token', password: 'a long enough password' }),
    expect: 'noLeak',
  },
  'POST /api/book/{slug}/account/forgot': {
    params: () => ({ slug: 'no-such-business' }),
    body: () => ({ email: 'nobody@a.example' }),
  },
  'POST /api/book/{slug}/account/reset': {
    params: (b) => ({ slug: b.slug }),
    body: () => ({ token: 'not-a-token', password: 'a long enough password' }),
    expect: 'noLeak',
  },
  'GET /api/booking-requests': { expect: 'noLeak' },
  'GET /api/booking-requests/{id}': { params: (b) => ({ id: b.ids.bookingRequestId ?? NO_SUCH_ID }) },
  'POST /api/booking-requests/{id}/confirm': {
    params: (b) => ({ id: b.ids.bookingRequestId ?? NO_SUCH_ID }),
  },
  'POST /api/booking-requests/{id}/decline': {
    params: (b) => ({ id: b.ids.bookingRequestId ?? NO_SUCH_ID }),
  },
  'GET /api/booking-services': { expect: 'noLeak' },
  'POST /api/booking-services': { body: () => ({ name: 'Walker', durationMinutes: 30 }), expect: 'noLeak' },
  'PATCH /api/booking-services/{id}': { params: () => ({ id: NO_SUCH_ID }), body: () => ({ active: false }) },
  'GET /api/customers/{id}/online-account': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/online-account/invite': {
    params: (b) => ({ id: b.customerIds[0]! }),
    body: () => ({ email: 'walker@a.example' }),
  },
  'POST /api/customers/{id}/online-account/disable': { params: (b) => ({ id: b.customerIds[0]! }) },
  // imports (B's own imports are covered by src/modules/imports/imports.routes.test.ts)
  'POST /api/imports': { expect: 'noLeak' },
  'GET /api/imports': { expect: 'noLeak' },
  'GET /api/imports/{id}': { params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }) },
  'PATCH /api/imports/{id}': {
    params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }),
    body: () => ({ onMatch: 'skip' }),
  },
  'POST /api/imports/{id}/plan': {
    params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }),
    body: () => ({ mapping: ['firstName'] }),
  },
  'GET /api/imports/{id}/rows': { params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }) },
  'PUT /api/imports/{id}/rows/{idx}/decision': {
    params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID, idx: '0' }),
    body: () => ({ decision: 'skip' }),
  },
  'POST /api/imports/{id}/apply': { params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }) },
  'GET /api/imports/{id}/report': { params: (b) => ({ id: b.ids.importId ?? NO_SUCH_ID }) },
  'GET /api/import-mappings': { expect: 'noLeak' },
  'POST /api/import-mappings': {
    body: () => ({ name: 'walker', header: ['Naam'], mapping: ['fullName'] }),
    expect: 'noLeak',
  },
  'DELETE /api/import-mappings/{id}': { params: (b) => ({ id: b.ids.importMappingId ?? NO_SUCH_ID }) },
  // duplicates (B's own lookups, dismissals and groups: src/modules/duplicates/duplicates.routes.test.ts)
  'GET /api/customers/{id}/duplicates': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/duplicates/{otherId}/dismiss': {
    params: (b) => ({ id: b.customerIds[0]!, otherId: b.customerIds[1]! }),
  },
  'DELETE /api/customers/{id}/duplicates/{otherId}/dismiss': {
    params: (b) => ({ id: b.customerIds[0]!, otherId: b.customerIds[1]! }),
  },
  'POST /api/duplicates/check': {
    // B's customer's own e-mail address must not find B's customer.
    body: (b) => ({ email: b.secrets.find((s) => s.includes('@') && !s.includes('.example')) ?? 'x@y.be' }),
    expect: 'noLeak',
  },
  'POST /api/duplicates/scan': { expect: 'noLeak' },
  'GET /api/duplicates/groups': { expect: 'noLeak' },
  'GET /api/duplicates/groups/{id}': { params: () => ({ id: NO_SUCH_ID }) },
  'POST /api/duplicates/groups/{id}/dismiss': { params: () => ({ id: NO_SUCH_ID }) },
  // merges (B's own merges, undos and history: src/modules/merges/merges.service.test.ts)
  'POST /api/merges/preview': {
    body: (b) => ({ ids: [b.customerIds[0]!, b.customerIds[1]!] }),
    expect: 'notFound',
  },
  'POST /api/merges': {
    body: (b) => ({ ids: [b.customerIds[0]!, b.customerIds[1]!], fingerprint: 'walker' }),
    expect: 'notFound',
  },
  'GET /api/merges': { expect: 'noLeak' },
  'GET /api/merges/export': { query: () => ({ format: 'json' }), expect: 'noLeak' },
  'GET /api/merges/compare': {
    query: (b) => ({ ids: `${b.customerIds[0]!},${b.customerIds[1]!}` }),
    expect: 'notFound',
  },
  'GET /api/merges/{id}': { params: (b) => ({ id: b.ids.mergeId ?? NO_SUCH_ID }) },
  'POST /api/merges/{id}/undo': { params: (b) => ({ id: b.ids.mergeId ?? NO_SUCH_ID }) },
  'GET /api/customers/{id}/merges': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/merges/bulk/preview': { body: () => ({}), expect: 'noLeak' },
  'POST /api/merges/bulk': {
    body: (b) => ({ groups: [{ id: b.ids.duplicateGroupId ?? NO_SUCH_ID, fingerprint: 'walker' }] }),
    expect: 'notFound',
  },
  // customers, notes, messages (issue 4)
  'GET /api/customers': { query: () => ({ q: 'a' }), expect: 'noLeak' },
  'GET /api/customers/export.csv': { expect: 'noLeak' },
  'POST /api/customers': { body: () => ({ lastName: 'Walker', allowDuplicate: true }), expect: 'noLeak' },
  // B's customers are numbered 1..40; A makes only a few customers of its own.
  'GET /api/customers/by-number/{number}': { params: () => ({ number: '40' }) },
  'GET /api/customers/{id}': { params: (b) => ({ id: b.customerIds[0]! }) },
  'PATCH /api/customers/{id}': {
    params: (b) => ({ id: b.customerIds[0]! }),
    body: () => ({ version: 1, city: 'X' }),
  },
  'DELETE /api/customers/{id}': { params: (b) => ({ id: b.customerIds[0]! }) },
  'GET /api/customers/{id}/summary': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/archive': { params: (b) => ({ id: b.customerIds[0]! }), body: () => ({}) },
  'POST /api/customers/{id}/restore': { params: (b) => ({ id: b.customerIds[0]! }), body: () => ({}) },
  'GET /api/customers/{id}/removal': { params: (b) => ({ id: b.customerIds[0]! }) },
  'GET /api/customers/{id}/gdpr-export': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/erase': { params: (b) => ({ id: b.customerIds[0]! }), body: () => ({}) },
  'GET /api/customers/{id}/notes': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/notes': {
    params: (b) => ({ id: b.customerIds[0]! }),
    body: () => ({ text: 'x' }),
  },
  'PATCH /api/customers/{id}/notes/{noteId}': {
    params: (b) => ({ id: b.customerIds[0]!, noteId: b.ids.noteId ?? NO_SUCH_ID }),
    body: () => ({ text: 'x' }),
  },
  'DELETE /api/customers/{id}/notes/{noteId}': {
    params: (b) => ({ id: b.customerIds[0]!, noteId: b.ids.noteId ?? NO_SUCH_ID }),
  },
  'PUT /api/customers/{id}/notes/order': {
    params: (b) => ({ id: b.customerIds[0]! }),
    body: (b) => ({ noteIds: [b.ids.noteId ?? NO_SUCH_ID] }),
  },
  'GET /api/customers/{id}/messages': { params: (b) => ({ id: b.customerIds[0]! }) },
  'POST /api/customers/{id}/messages': {
    params: (b) => ({ id: b.customerIds[0]! }),
    body: () => ({ to: 'walker@a.example', subject: 'x', message: 'y' }),
  },
  'GET /api/messages': { expect: 'noLeak' },
  'GET /api/messages/{id}': { params: (b) => ({ id: b.ids.messageId ?? NO_SUCH_ID }) },
  'POST /api/messages/{id}/send': { params: (b) => ({ id: b.ids.messageId ?? NO_SUCH_ID }) },
};
