/** Customer rows as the API shows them. */
import { nameOf } from '../../core/customer/customer.ts';
import type { CustomerRow } from './customers.repository.ts';
import type { ListHit } from './customers.search.ts';

export interface MergedFrom {
  id: string;
  number: number;
}

export function presentCustomer(row: CustomerRow, mergedFrom: MergedFrom | null = null) {
  return {
    id: row.id,
    number: row.number,
    name: nameOf(row),
    gender: row.gender,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: row.displayName,
    email: row.email,
    mobile: row.mobile,
    mobileE164: row.mobileE164,
    landline: row.landline,
    landlineE164: row.landlineE164,
    phone2: row.phone2,
    phone2E164: row.phone2E164,
    birthDate: row.birthDate,
    street: row.street,
    houseNumber: row.houseNumber,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    language: row.language,
    vatNumber: row.vatNumber,
    statusLabel: row.statusLabel,
    newsletterConsent: row.newsletterConsent,
    newsletterConsentAt: row.newsletterConsentAt,
    newsletterConsentSource: row.newsletterConsentSource,
    notes: row.notes,
    source: row.source,
    customerSince: row.customerSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    archivedAt: row.archivedAt,
    erasedAt: row.erasedAt,
    mergedFrom,
  };
}

export function presentListItem(hit: ListHit) {
  const r = hit.row;
  return {
    id: r.id,
    number: r.number,
    name: nameOf(r),
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    mobile: r.mobile ?? r.landline ?? r.phone2,
    source: r.source,
    createdAt: r.createdAt,
    archivedAt: r.archivedAt,
    erasedAt: r.erasedAt,
    matchedOn: hit.matchedOn,
    mergedFrom: hit.mergedFrom,
  };
}
