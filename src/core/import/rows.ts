/**
 * Every row through the same validation as editing a customer (src/core/customer/validate.ts),
 * with each error pointing at the row (as a spreadsheet numbers it) and the column it came from.
 */
import type { CustomerInput, CustomerValues } from '../customer/customer.ts';
import { EMPTY_VALUES, validateCustomer } from '../customer/validate.ts';
import type { ValidationContext } from '../customer/validate.ts';
import { rowToInput } from './convert.ts';
import type { ColumnMapping } from './mapping.ts';

export interface RowError {
  field: string;
  /** The header of the column the value came from, null when the field had no column (a required one). */
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export interface CheckedRow {
  /** Position in the file's rows (0-based). */
  index: number;
  /** Spreadsheet row number (the header is row 1). */
  rowNumber: number;
  /** What would be written: only the fields the row has a value for. */
  input: CustomerInput;
  /** The validated values (phones with their E.164 form), null when the row has errors. */
  values: CustomerValues | null;
  errors: RowError[];
}

export function checkRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rowNumbers: readonly number[],
  mapping: ColumnMapping,
  ctx: ValidationContext,
): CheckedRow[] {
  return rows.map((cells, index) =>
    checkRow(header, cells, index, rowNumbers[index] ?? index + 2, mapping, ctx),
  );
}

export function checkRow(
  header: readonly string[],
  cells: readonly string[],
  index: number,
  rowNumber: number,
  mapping: ColumnMapping,
  ctx: ValidationContext,
): CheckedRow {
  const { input, columnOf, errors: conversion } = rowToInput(cells, mapping, { today: ctx.today });
  const columnName = (field: string): string | null => {
    const column = columnOf[field];
    return column === undefined ? null : (header[column] ?? null);
  };
  const errors: RowError[] = conversion.map((e) => ({ ...e, column: columnName(e.field) }));
  const result = validateCustomer(input, EMPTY_VALUES, ctx);
  const values = result.ok && errors.length === 0 ? result.values : null;
  if (!result.ok) {
    for (const e of result.errors) {
      errors.push({
        field: e.field,
        column: columnName(e.field),
        code: e.code,
        ...(e.params ? { params: e.params } : {}),
      });
    }
  }
  return { index, rowNumber, input, values, errors };
}
