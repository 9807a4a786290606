/**
 * One error shape for the whole API: `{ error: { code, message, field?, details? } }` with a
 * 4xx status for anything the caller can fix, the message in the caller's language. Anything
 * unexpected is logged and answered 500 without internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../modules/shared/errors.ts';
import type { Language } from '../modules/shared/language.ts';
import { translate } from '../modules/shared/messages.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Machine-readable code, stable across languages'),
      message: z.string().describe("A sentence for people, in the caller's language"),
      field: z.string().optional().describe('The request field at fault, as a dotted path'),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBody>;

export function errorResponse(lang: Language, err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: translate(lang, err.code, err.params, err.field),
      ...(err.field === undefined ? {} : { field: err.field }),
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}

interface Issue {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** Maps the first zod issue to our codes: "required" when a value is missing, else the issue's kind. */
function validationError(issue: Issue, context: string | undefined): AppError {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field = path || context || 'body';
  const missing = issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '');
  const code = missing ? 'validation.required' : `validation.${issue.keyword}`;
  const params: Record<string, string | number> = {};
  for (const key of ['minimum', 'maximum'] as const) {
    const v = issue.params[key];
    if (typeof v === 'number' || typeof v === 'bigint') params[key] = Number(v);
  }
  return new AppError(400, code, { field, params, details: { reason: issue.message } });
}

export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    if (first) return validationError(first as unknown as Issue, fe.validationContext);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'invalid_json', { field: 'body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(415, 'unsupported_media_type');
    default:
      break;
  }
  if (err instanceof SyntaxError && fe.statusCode === 400)
    return new AppError(400, 'invalid_json', { field: 'body' });
  if (typeof fe.statusCode === 'number' && fe.statusCode === 429) return new AppError(429, 'rate_limited');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, 'validation.invalid', {
      field: 'body',
      details: { reason: fe.message },
    });
  }
  return undefined;
}

export function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(err);
  if (appError) {
    if (appError.status === 401) void reply.header('www-authenticate', 'Bearer realm="clienteel"');
    return reply.status(appError.status).send(errorResponse(request.language ?? 'en', appError));
  }
  request.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorResponse(request.language ?? 'en', new AppError(500, 'internal_error')));
}
