/** Stable codes callers can switch on; messages are for people. */
export type AssistErrorCode =
  | 'EMPTY_TEXT'
  | 'TEXT_TOO_LONG'
  | 'NOT_ENOUGH_EXAMPLES'
  | 'UNKNOWN_LABEL'
  | 'CORRUPT_MODEL'
  | 'UNSUPPORTED_MODEL_VERSION'
  | 'INVALID_ARTICLE'
  | 'INVALID_OPTION'
  | 'BAD_FILE'
  | 'ENCODER_UNAVAILABLE';

export class AssistError extends Error {
  readonly code: AssistErrorCode;

  constructor(code: AssistErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssistError';
    this.code = code;
  }
}

export function isAssistError(value: unknown): value is AssistError {
  return value instanceof AssistError;
}
