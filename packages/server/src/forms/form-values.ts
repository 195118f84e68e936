/**
 * A submitted form's values checked against the inbox's fields, with the
 * widget's own rules (@switchboard/widget/forms). Every refused field is
 * named in `details` with a stable `code` (the widget says it in the
 * visitor's language) and a message in English (for other clients).
 */
import type { ContactAttributeValue } from '@switchboard/protocol';
import { checkField, type FormField, isEmpty, type ProblemCode, fieldValue } from '@switchboard/widget/forms';
import { AppError } from '../errors.js';

export interface FormProblem {
  in: 'body';
  path: string;
  code: ProblemCode;
  message: string;
}

const MESSAGES: Record<ProblemCode, string> = {
  required: 'Fill in this field',
  invalid_email: 'Enter an email address such as name@example.com',
  invalid_phone: 'Enter a phone number: digits, spaces and + ( ) - . / only',
  invalid_number: 'Enter a number',
  invalid_date: 'Enter a date such as 2025-11-25',
  invalid_link: 'Enter a full address starting with https:// (or http://)',
  invalid_choice: 'Choose one of the options',
  too_long: 'This is too long',
  invalid: 'This value is not accepted here',
};

const messageOf = (f: FormField, code: ProblemCode) => (f.kind === 'consent' && code === 'required' ? 'Tick this box to continue' : MESSAGES[code]);

export function refusal(problems: FormProblem[]): AppError {
  const first = problems[0] as FormProblem;
  const message = problems.length === 1 ? `${first.path}: ${first.message}` : `${first.path}: ${first.message} (and ${problems.length - 1} more)`;
  return new AppError('validation_failed', message, { details: problems });
}

/**
 * The values of `fields` in `body`, trimmed (emails lower-cased), by field
 * key; an empty optional field is left out (a box left unticked is `false`).
 * Fields named in `skip` are neither checked nor taken. Throws
 * `validation_failed` with every problem.
 */
export function checkValues(fields: FormField[], body: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Map<string, ContactAttributeValue> {
  const values = new Map<string, ContactAttributeValue>();
  const problems: FormProblem[] = [];
  for (const f of fields) {
    if (skip.has(f.key)) continue;
    const raw = fieldValue(body, f.key);
    const code = checkField(f, raw);
    if (code) {
      problems.push({ in: 'body', path: f.key, code, message: messageOf(f, code) });
      continue;
    }
    if (f.kind === 'boolean' && raw === false) values.set(f.key, false);
    if (isEmpty(raw)) continue;
    const v = raw as ContactAttributeValue;
    values.set(f.key, typeof v === 'string' ? (f.kind === 'email' ? v.trim().toLowerCase() : v.trim()) : v);
  }
  if (problems.length) throw refusal(problems);
  return values;
}
