// The one shape in which a failure crosses a boundary (IPC, HTTP), so the UI can always show it.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  /** The disk or the books file refused: full, read-only, damaged or missing. The message says which. */
  | 'storage'
  /** Billbook Cloud: not signed in, or the sign-in has ended. */
  | 'unauthorized'
  /** Billbook Cloud: this device was removed from the organisation (or its person was). */
  | 'revoked'
  /** Too many attempts; the message says how long to wait. */
  | 'rate_limited'
  | 'too_large'
  /** A server that cannot be reached or is not answering. */
  | 'unavailable'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field path ("email", "address.country") -> what is wrong with it. */
  fields?: Record<string, string>;
}

export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
