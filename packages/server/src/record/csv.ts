/**
 * CSV files Switchboard writes for spreadsheets: UTF-8 with a byte order
 * mark (Excel reads the file as UTF-8 only with it; other programs skip
 * it), CRLF line ends (RFC 4180), and every text cell that a spreadsheet
 * would run as a formula made inert as OWASP recommends: a cell starting
 * with = + - @, a tab or a carriage return gets a leading single quote.
 * Files are streamed: written a page at a time as rows are read.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export const BOM = '\ufeff';

export type Cell = string | number | null | undefined;

/** A cell as a spreadsheet may safely read it: text that could start a formula is quoted. */
export function safeCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Rows as CSV text (with their line ends), every cell made safe. */
export function csvLines(rows: Cell[][]): string {
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { record_delimiter: '\r\n' },
  );
}

/** ISO 8601 in UTC, which every spreadsheet reads as a date and time. */
export const isoTime = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());

/**
 * Streams a CSV answer: the header, then each chunk the source yields as it
 * yields it. The source reads a page at a time and is only asked for more
 * once the client took what was sent (backpressure), so memory stays flat
 * however many rows there are.
 */
export function sendCsv(reply: FastifyReply, fileName: string, header: string[], source: AsyncIterable<Cell[][]>): FastifyReply {
  async function* lines() {
    yield BOM + csvLines([header]);
    for await (const rows of source) if (rows.length) yield csvLines(rows);
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines(), { highWaterMark: 2 }));
}
