/**
 * What a person reads when a field is refused: one error map for every schema
 * the routes parse, in plain words ("Enter a full address such as
 * https://example.com", never "Invalid URL"). A message a schema gives
 * itself wins over these.
 */
import type { z } from 'zod';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPES: Record<string, string> = {
  string: 'Enter text',
  number: 'Enter a number',
  int: 'Enter a whole number',
  boolean: 'Choose yes or no',
  array: 'Give a list',
  object: 'Give the fields as an object',
  date: 'Enter a date',
};

const FORMATS: Record<string, string> = {
  url: 'Enter a full address such as https://example.com',
  email: 'Enter an email address such as name@example.com',
  uuid: 'Enter a valid identifier',
  datetime: 'Enter a date and time such as 2025-11-25T14:05:00Z',
  date: 'Enter a date such as 2025-11-25',
};

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

function tooSmall(i: Extract<RawIssue, { code: 'too_small' }>): string {
  const n = i.minimum;
  if (i.origin === 'string') return Number(n) <= 1 ? 'Fill in this field' : `Use at least ${plural(n, 'character', 'characters')}`;
  if (i.origin === 'array' || i.origin === 'set') return `Give at least ${plural(n, 'item', 'items')}`;
  if (i.origin === 'file') return 'The file is empty';
  return i.inclusive === false ? `Enter a number above ${n}` : `Enter ${n} or more`;
}

function tooBig(i: Extract<RawIssue, { code: 'too_big' }>): string {
  const n = i.maximum;
  if (i.origin === 'string') return `Use at most ${plural(n, 'character', 'characters')}`;
  if (i.origin === 'array' || i.origin === 'set') return `Give at most ${plural(n, 'item', 'items')}`;
  if (i.origin === 'file') return 'The file is too large';
  return i.inclusive === false ? `Enter a number below ${n}` : `Enter ${n} or less`;
}

/** The zod error map of the HTTP API (pass it as `error` to `safeParse`). */
export const humanError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Fill in this field' : (TYPES[issue.expected] ?? `Enter a ${issue.expected}`);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return FORMATS[issue.format] ?? (issue.format === 'regex' ? 'This is not in the expected format' : `Enter a valid ${issue.format}`);
    case 'invalid_value':
      return issue.values.length === 1 ? `Use ${String(issue.values[0])}` : `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Remove ${issue.keys.length === 1 ? 'the unknown field' : 'the unknown fields'} ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Enter a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'This value is not one of the accepted kinds';
    default:
      return undefined;
  }
};

export interface FieldProblem {
  /** Where the field is: the JSON body, the query string or the path. */
  in: 'body' | 'query' | 'params';
  /** Dotted path inside it, e.g. `settings.allowedOrigins.0`; empty for the whole of it. */
  path: string;
  message: string;
}

/** One sentence for the whole answer: the one problem, or the first and how many more. */
export function summary(problems: FieldProblem[]): string {
  const first = problems[0];
  if (!first) return 'The request is not valid';
  return problems.length === 1 ? first.message : `${first.message} (and ${plural(problems.length - 1, 'more problem', 'more problems')})`;
}
