/** Request and response schemas of the customer API; the OpenAPI reference is generated from them. */
import { z } from 'zod';
import { GENDERS, SOURCES } from '../../core/customer/customer.ts';
import { paging } from '../shared/schemas.ts';

const text = (max: number) =>
  z
    .string()
    .max(max * 4)
    .nullable()
    .optional();

/**
 * The editable fields. Types only: lengths, formats, phones and required fields are checked by
 * validateCustomer, so an API call and the app get the same errors naming the same field.
 */
export const customerFields = {
  gender: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe(`One of ${GENDERS.join(', ')}`),
  firstName: text(100),
  lastName: text(100),
  displayName: text(200),
  email: text(254),
  mobile: text(40).describe('As typed; stored beside its E.164 form'),
  landline: text(40),
  phone2: text(40),
  birthDate: text(10).describe('YYYY-MM-DD'),
  street: text(200),
  houseNumber: text(20),
  postalCode: text(12),
  city: text(100),
  country: text(2).describe('ISO 3166-1 alpha-2; phones are read in this country (else the business’s)'),
  language: text(2).describe('nl, fr, de or en'),
  vatNumber: text(20),
  statusLabel: text(60),
  newsletterConsent: z.boolean().nullable().optional(),
  notes: text(5000),
};

export const createBody = z
  .object({
    ...customerFields,
    allowDuplicate: z
      .boolean()
      .optional()
      .describe('Create even when existing customers look like the same person (409 possible_duplicates)'),
  })
  .strict();

export const updateBody = z
  .object({
    ...customerFields,
    version: z.number().int().min(1).describe('The version the edit was made on (409 when stale)'),
  })
  .strict();

export const versionBody = z
  .object({ version: z.number().int().min(1).optional().describe('409 when the customer changed since') })
  .strict();

const source = z.enum(SOURCES);
const mergedFrom = z
  .object({ id: z.string().uuid(), number: z.number().int() })
  .nullable()
  .describe('Set when a merged-away id or number was asked for: the customer it resolved from');

export const customerView = z
  .object({
    id: z.string().uuid(),
    number: z.number().int(),
    name: z.string().describe('Display name, else first and last name'),
    gender: z.enum(GENDERS).nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    mobileE164: z.string().nullable(),
    landline: z.string().nullable(),
    landlineE164: z.string().nullable(),
    phone2: z.string().nullable(),
    phone2E164: z.string().nullable(),
    birthDate: z.string().nullable(),
    street: z.string().nullable(),
    houseNumber: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    language: z.string().nullable(),
    vatNumber: z.string().nullable(),
    statusLabel: z.string().nullable(),
    newsletterConsent: z.boolean().nullable(),
    newsletterConsentAt: z.date().nullable(),
    newsletterConsentSource: z.string().nullable(),
    notes: z.string().nullable(),
    source,
    customerSince: z.date(),
    createdAt: z.date(),
    updatedAt: z.date(),
    version: z.number().int(),
    archivedAt: z.date().nullable(),
    erasedAt: z.date().nullable(),
    mergedFrom,
  })
  .meta({ id: 'Customer' });

export const listItem = z
  .object({
    id: z.string().uuid(),
    number: z.number().int(),
    name: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    mobile: z.string().nullable().describe('Mobile, else landline, else second phone'),
    source,
    createdAt: z.date(),
    archivedAt: z.date().nullable(),
    erasedAt: z.date().nullable(),
    matchedOn: z.enum(['number', 'phone', 'email', 'name', 'typo']).nullable(),
    mergedFrom,
  })
  .meta({ id: 'CustomerListItem' });

const listFilters = {
  q: z.string().max(200).default('').describe('Live search: name, phone, e-mail or customer number'),
  archived: z.enum(['active', 'archived', 'all']).default('active'),
  source: source.optional(),
  sort: z
    .enum(['relevance', 'name', 'number', 'created'])
    .default('relevance')
    .describe('relevance: best match first with a search, else by name'),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export const listQuery = z.object({ ...listFilters, ...paging });

export const exportQuery = z.object({
  ...listFilters,
  delimiter: z
    .enum(['comma', 'semicolon'])
    .default('comma')
    .describe('semicolon for Excel with Dutch, French or German regional settings'),
});

export const listResponse = z.object({
  items: z.array(listItem),
  total: z.number().int(),
  totalExact: z.boolean().describe('false: there are more matches than `total` (counting stopped)'),
  limit: z.number().int(),
  offset: z.number().int(),
});
