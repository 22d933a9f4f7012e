import { translate, type MessageKey, type MessageParams } from './i18n/translate';

/**
 * How a failure is classed at every boundary: the CLI maps it to an exit
 * code, the loopback host to an HTTP status, the UI to a message.
 */
export const errorKinds = ['invalid', 'refused', 'not_found', 'unauthorized', 'corrupt', 'busy', 'internal'] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** A failure as it crosses IPC or HTTP: translatable code plus English text for logs and the CLI. */
export interface ApiError {
  kind: ErrorKind;
  code: MessageKey;
  params: MessageParams;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class CountersignError extends Error {
  readonly kind: ErrorKind;
  readonly code: MessageKey;
  readonly params: MessageParams;

  constructor(kind: ErrorKind, code: MessageKey, params: MessageParams = {}) {
    super(translate('en', code, params));
    this.name = 'CountersignError';
    this.kind = kind;
    this.code = code;
    this.params = params;
  }

  toApiError(): ApiError {
    return { kind: this.kind, code: this.code, params: this.params, message: this.message };
  }
}

/** Anything thrown becomes an ApiError; unexpected throws are `internal`, never leaked as stacks. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof CountersignError) return err.toApiError();
  const details = err instanceof Error ? err.message : String(err);
  return new CountersignError('internal', 'error.internal', { details }).toApiError();
}
