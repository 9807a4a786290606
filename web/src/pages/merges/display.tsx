// How merge pages show values: a field's value in words, a customer as "#1222 Stephanie Wahters"
// linking to the profile, and a summary of what moved.
import { Anchor } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/format.ts';
import { LANGUAGE_NAMES, toLanguage } from '../../lib/language.ts';
import type { CustomerRef, EditableField, FieldValue, HistoryTable } from './mergeApi.ts';
import { HISTORY_TABLES } from './mergeApi.ts';

type T = TFunction<'merges'>;

const GENDERS = ['female', 'male', 'diverse', 'child'] as const;
const SOURCES = ['staff', 'online', 'agenda', 'walk_in', 'import'] as const;

export function valueText(t: T, field: EditableField, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return t('none');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (field === 'gender' && (GENDERS as readonly string[]).includes(value))
    return t(`genders.${value as (typeof GENDERS)[number]}`);
  if (field === 'birthDate') return formatDate(value);
  if (field === 'language') {
    const language = toLanguage(value);
    if (language) return LANGUAGE_NAMES[language];
  }
  return value;
}

export function sourceText(t: T, source: string): string {
  return (SOURCES as readonly string[]).includes(source)
    ? t(`sources.${source as (typeof SOURCES)[number]}`)
    : source;
}

export function CustomerLink({ customer }: { customer: CustomerRef }) {
  return (
    <Anchor
      component={Link}
      to={`/customers/${customer.id}`}
      data-testid={`customer-link-${customer.number}`}
    >
      #{customer.number} {customer.name}
    </Anchor>
  );
}

/** "12 appointments, 3 invoices" for the tables with rows. */
export function movedText(t: T, moved: Partial<Record<HistoryTable, number>>): string {
  const parts = HISTORY_TABLES.filter((table) => (moved[table] ?? 0) > 0).map(
    (table) => `${moved[table]} × ${t(`tables.${table}`).toLowerCase()}`,
  );
  return parts.length === 0 ? t('plan.nothingMoves') : parts.join(', ');
}
