/**
 * Canned responses as CSV, for spreadsheets: one header row
 * (`shortcut,title,body,scope,team`), then one response a row. Parsed and
 * written with csv-parse and csv-stringify (RFC 4180: quoted fields hold
 * commas, quotes and line breaks), so an export reads back as it was.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const COLUMNS = ['shortcut', 'title', 'body', 'scope', 'team'] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['shortcut', 'title', 'body'];

export interface CsvRecord {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  values: Record<Column, string>;
}

export interface CsvProblem {
  row: number;
  column: Column | null;
  message: string;
}

export type ParsedCsv = { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] };

export function parseCannedCsv(text: string, maxRows: number): ParsedCsv {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, problems: [{ row: line ?? 1, column: null, message: `This is not a CSV file we can read (${(err as Error).message.split(':')[0]})` }] };
  }
  const [header, ...data] = rows;
  if (!header)
    return {
      ok: false,
      problems: [{ row: 1, column: null, message: 'The file is empty: the first row names the columns shortcut, title, body, scope, team' }],
    };
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  const unknown = names.filter((n) => n && !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length) problems.push({ row: 1, column: null, message: `Unknown column ${unknown.join(', ')}: the columns are ${COLUMNS.join(', ')}` });
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) problems.push({ row: 1, column: null, message: `Missing column ${missing.join(', ')}` });
  if (data.length > maxRows) problems.push({ row: maxRows + 2, column: null, message: `At most ${maxRows} responses in one file` });
  if (problems.length) return { ok: false, problems };
  const records = data.map((cells, i) => {
    const values = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
    names.forEach((n, j) => {
      if ((COLUMNS as readonly string[]).includes(n)) values[n as Column] = cells[j] ?? '';
    });
    return { row: i + 2, values };
  });
  return { ok: true, records };
}

export function writeCannedCsv(rows: Record<Column, string>[]): string {
  // A leading quote-free `=`, `+`, `-` or `@` would run as a formula in a spreadsheet: such a cell starts with a tab.
  const safe = rows.map((r) => COLUMNS.map((c) => (/^[=+\-@]/.test(r[c]) ? `\t${r[c]}` : r[c])));
  return stringify([[...COLUMNS], ...safe], { record_delimiter: '\r\n' });
}

/** What the import reads back of a cell the export protected. */
export const unprotect = (v: string) => (/^\t[=+\-@]/.test(v) ? v.slice(1) : v);
