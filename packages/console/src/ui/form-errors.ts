/**
 * A refused form, in the form's own terms: each message next to the field it
 * concerns (by the field's path in the request body), and one form-level
 * message only for what belongs to no field (a wrong password, a network
 * failure, an expired invite).
 */
import { ApiError, messageOf } from '../api';

export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/** `fieldOf` names the form field a body path belongs to (`settings.allowedOrigins.1` -> `origins`), or null. */
export function formErrors(err: unknown, fieldOf: (path: string) => string | null): FormErrors {
  if (!(err instanceof ApiError) || err.details.length === 0) return { fields: {}, form: messageOf(err) };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const d of err.details) {
    const field = d.in === undefined || d.in === 'body' ? fieldOf(d.path) : null;
    if (field) fields[field] = fields[field] ? `${fields[field]} ${d.message}` : d.message;
    else rest.push(d.message);
  }
  return { fields, form: rest.length ? rest.join(' ') : null };
}

/** A field named by its path: `password` for `password`, and the first segment for nested paths. */
export const byName =
  (...names: string[]) =>
  (path: string): string | null => {
    const head = path.split('.')[0] ?? '';
    return names.includes(path) ? path : names.includes(head) ? head : null;
  };
