// Every refusal is JSON of the app's own shape, { code, message, fields? }, with the HTTP status that
// goes with its code.
import { z } from 'zod';
import { AppError, type AppErrorShape, type ErrorCode } from '../../shared/errors';

export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  revoked: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  storage: 503,
};

export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '(body)'] ??= issue.message;
  return fields;
}

export function invalid(error: z.ZodError, what = 'request'): AppError {
  const fields = fieldsOf(error);
  const list = Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; ');
  return new AppError('invalid_input', `Please check the ${what} — ${list}`, fields);
}

/** Parses untrusted input with a schema; a failure is a 400 naming each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what?: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalid(result.error, what);
  return result.data;
}

export function shapeOf(error: unknown): { status: number; body: AppErrorShape } | null {
  if (error instanceof AppError) return { status: STATUS_OF[error.code], body: error.toShape() };
  if (error instanceof z.ZodError) {
    const app = invalid(error);
    return { status: 400, body: app.toShape() };
  }
  return null;
}
