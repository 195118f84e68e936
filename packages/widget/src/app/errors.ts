/**
 * What went wrong, in the visitor's words: the server's stable error codes
 * (HTTP `error.code`, realtime `error` frames) mapped to translated texts,
 * never the server's English message.
 */
import type { MessageKey } from '../i18n/en.js';
import { t } from './i18n.js';

const BY_CODE: Record<string, MessageKey> = {
  network: 'errorNetwork',
  too_large: 'errorTooLarge',
  unsupported_media_type: 'errorFileType',
  bad_request: 'errorInvalid',
  validation_failed: 'errorInvalid',
  bad_frame: 'errorInvalid',
  rate_limited: 'errorRateLimited',
  not_found: 'errorNotFound',
  forbidden: 'errorForbidden',
  conflict: 'errorConflict',
  unauthorized: 'errorUnauthorized',
  identity_required: 'signInToChat',
};

/** An error with the server's code (or `network` when it could not be reached), and its refused fields. */
export class WidgetError extends Error {
  constructor(
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;

export const errorText = (err: unknown): string => t(BY_CODE[codeOf(err) ?? ''] ?? 'errorGeneric');
