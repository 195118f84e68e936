/**
 * The widget's forms (the offline form and an inbox's pre-chat form) as data,
 * and the one set of rules their values are checked with: by the widget as
 * the visitor types (in their language) and by the server again, which
 * answers a refusal with the same stable codes, per field. No DOM here: the
 * server imports this file (`@switchboard/widget/forms`).
 */

/** What a field holds. `text`…`link` are the types of the workspace's custom contact attributes. */
export type FieldKind = 'name' | 'email' | 'phone' | 'team' | 'consent' | 'message' | 'text' | 'number' | 'date' | 'list' | 'boolean' | 'link';

export interface FormField {
  /**
   * Where the value goes in the request, and the path a refusal names:
   * `name`, `email`, `phone`, `team`, `consent`, `message`, or
   * `attributes.<key>` for a custom attribute.
   */
  key: string;
  kind: FieldKind;
  /** The inbox's own label (a consent's text) in the visitor's language; null: the widget's own word for it. */
  label: string | null;
  required: boolean;
  /** The choices of a `list` or `team` field: the value sent, and what the visitor reads. */
  options?: { value: string; label: string }[];
}

export interface FormLook {
  /** The inbox's own words above the form in the visitor's language; null: the widget's default text. */
  intro: string | null;
  fields: FormField[];
}

/** What the widget needs to know to offer its forms (in the session answer). */
export interface FormsLook {
  /** An operator of the inbox is online now, inside the team's hours (`availability` frames say when it changes). */
  available: boolean;
  /** Outside the business hours of the inbox's team: back at `opensAt` (epoch ms; null: not within a year), in `timeZone`. */
  closed?: boolean;
  opensAt?: number | null;
  timeZone?: string;
  /** Shown while nobody is available; null: the inbox turned it off (the chat says nobody is available and lets them write). */
  offline: FormLook | null;
  /** Shown before the first message of a new conversation; null: the inbox has none. */
  preChat: FormLook | null;
}

/** Why a value was refused. Stable: the widget says each in the visitor's words. */
export type ProblemCode =
  | 'required'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_link'
  | 'invalid_choice'
  | 'too_long'
  | 'invalid';

/** Longest value of each kind, in characters (0: not text). */
export const MAX_CHARS: Record<FieldKind, number> = {
  name: 200,
  email: 254,
  phone: 40,
  team: 64,
  consent: 0,
  message: 10_000,
  text: 1000,
  number: 0,
  date: 10,
  list: 200,
  boolean: 0,
  link: 2048,
};

// The address rule of the server's other forms (zod's): a dot in the domain, no leading or doubled dots.
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
// The contact's phone rule: digits, spaces and + ( ) - . / with at least one digit.
const PHONE = /^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Nothing given: no value, an empty or blank text, or an unticked box. */
export const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === false || (typeof v === 'string' && v.trim() === '');

/**
 * The problem with a field's value, or null when it may be sent. Text values
 * are checked trimmed; a number is a JS number, a box is a boolean (a
 * required box must be ticked), a date is `YYYY-MM-DD`, a link an http(s)
 * address, a list or team value one of the field's options.
 */
export function checkField(field: Pick<FormField, 'kind' | 'required' | 'options'>, value: unknown): ProblemCode | null {
  if (isEmpty(value)) return field.required ? 'required' : null;
  const { kind } = field;
  if (kind === 'consent' || kind === 'boolean') return value === true ? null : 'invalid';
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : 'invalid_number';
  if (typeof value !== 'string') return 'invalid';
  const v = value.trim();
  if (v.length > MAX_CHARS[kind]) return 'too_long';
  switch (kind) {
    case 'email':
      return EMAIL.test(v) ? null : 'invalid_email';
    case 'phone':
      return PHONE.test(v) ? null : 'invalid_phone';
    case 'date':
      return isDate(v) ? null : 'invalid_date';
    case 'link':
      return isWebAddress(v) ? null : 'invalid_link';
    case 'list':
    case 'team':
      return field.options?.some((o) => o.value === v) ? null : 'invalid_choice';
    default:
      return null;
  }
}

/** The value of a field in a request body: `attributes.<key>` is nested. */
export function fieldValue(body: Record<string, unknown>, key: string): unknown {
  if (!key.startsWith('attributes.')) return body[key];
  const attributes = body.attributes;
  return attributes && typeof attributes === 'object' ? (attributes as Record<string, unknown>)[key.slice(11)] : undefined;
}
