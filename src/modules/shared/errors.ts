/**
 * Errors a user can cause. Services throw them; the server turns them into
 * `{ error: { code, message, field?, details? } }` with the status, the message in the caller's
 * language (see messages.ts). Anything else is a bug and becomes a 500 without details.
 */
export type Params = Record<string, string | number>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Params;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    opts: { params?: Params; field?: string | undefined; details?: unknown } = {},
  ) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = opts.params ?? {};
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const notFound = (entity: string): AppError => new AppError(404, 'not_found', { params: { entity } });

export const forbidden = (code = 'forbidden'): AppError => new AppError(403, code);

export const invalid = (field: string, code: string, params: Params = {}): AppError =>
  new AppError(400, code, { field, params });

export const conflict = (code: string, details?: unknown, params: Params = {}): AppError =>
  new AppError(409, code, { details, params });
