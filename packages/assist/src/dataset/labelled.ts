import { AssistError } from '../errors.js';
import { MAX_TEXT_LENGTH } from '../text/normalize.js';
import { parseCsv } from './csv.js';

export interface LabelledText {
  text: string;
  label: string;
  line: number;
}

export interface LabelledCsvOptions {
  /** Name used in error messages (usually the file path). */
  source: string;
  /** Column holding the text: a header name, or a 0-based index. */
  textColumn: string | number;
  /** Column holding the label: a header name, or a 0-based index. */
  labelColumn: string | number;
}

/** Reads a CSV with a header row into (text, label) pairs; errors name the file and line. */
export function readLabelledCsv(content: string, options: LabelledCsvOptions): LabelledText[] {
  const { source } = options;
  const rows = parseCsv(content, source);
  const header = rows[0];
  if (!header) throw new AssistError('BAD_FILE', `${source} is empty: expected a header line and examples`);
  const column = (wanted: string | number, what: string): number => {
    if (typeof wanted === 'number') {
      if (wanted >= header.fields.length) {
        throw new AssistError('BAD_FILE', `${source} line ${header.line}: the header has ${header.fields.length} column(s), no ${what} column`);
      }
      return wanted;
    }
    const at = header.fields.findIndex((f) => f.trim().toLowerCase() === wanted.toLowerCase());
    if (at < 0) {
      throw new AssistError('BAD_FILE', `${source} line ${header.line}: no "${wanted}" column in the header (${header.fields.join(', ')})`);
    }
    return at;
  };
  const textAt = column(options.textColumn, 'text');
  const labelAt = column(options.labelColumn, 'label');
  const out: LabelledText[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
    const text = row.fields[textAt];
    const label = row.fields[labelAt];
    if (text === undefined || label === undefined) {
      throw new AssistError('BAD_FILE', `${source} line ${row.line}: expected ${header.fields.length} columns, found ${row.fields.length}`);
    }
    if (text.trim() === '') throw new AssistError('BAD_FILE', `${source} line ${row.line}: the text is empty`);
    if (text.length > MAX_TEXT_LENGTH) {
      throw new AssistError('BAD_FILE', `${source} line ${row.line}: the text is longer than ${MAX_TEXT_LENGTH} characters`);
    }
    if (label.trim() === '') throw new AssistError('BAD_FILE', `${source} line ${row.line}: the label is empty`);
    out.push({ text, label: label.trim(), line: row.line });
  }
  if (out.length === 0) throw new AssistError('BAD_FILE', `${source} has a header but no examples`);
  return out;
}
