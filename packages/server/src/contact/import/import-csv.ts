/**
 * Reading a contacts CSV: rows streamed from the stored text with the event
 * loop given back every few hundred rows (a 100,000-row file never holds
 * message sends up for long), the header's columns matched to contact
 * fields, and cells the export protected from spreadsheets read back as they were.
 */
import { Readable } from 'node:stream';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { parse } from 'csv-parse';
import { AppError, badRequest } from '../../errors.js';
import type { AttributeDef } from '../contact-attribute.js';

/** The largest file and the most rows one import takes. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
const YIELD_EVERY = 250;

export const FIELD_TARGETS = ['name', 'email', 'phone', 'company', 'avatar', 'labels'] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];
/** What a column becomes: a field, an attribute (`attribute:<key>`), or nothing (`skip`). */
export type Target = FieldTarget | `attribute:${string}` | 'skip';

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** Every row of the file (the header first), as cells; throws CsvSyntaxError with the row where the file breaks. */
export async function* csvRows(text: string): AsyncGenerator<string[]> {
  const slices = (function* () {
    for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
  })();
  const parser = Readable.from(slices).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      if (n % YIELD_EVERY === 0) await yieldLoop();
      yield record;
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw err;
    const e = err as { lines?: number; message?: string };
    throw new CsvSyntaxError(n + 2, `This is not a CSV file we can read (${(e.message ?? 'unreadable').split(':')[0]})`);
  }
}

const ALIASES: Record<FieldTarget, string[]> = {
  name: ['name', 'fullname', 'contactname', 'contact', 'displayname'],
  email: ['email', 'emailaddress', 'mail', 'e-mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'cell'],
  company: ['company', 'companyname', 'organization', 'organisation', 'account', 'business'],
  avatar: ['avatar', 'avatarurl', 'photo', 'photourl', 'picture', 'image'],
  labels: ['labels', 'label', 'tags', 'tag'],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The target a header most likely means, each used once: a field by its usual names, an attribute by its key or label. */
export function suggestMapping(headers: string[], defs: AttributeDef[]): Target[] {
  const used = new Set<Target>();
  return headers.map((h) => {
    const key = squash(h);
    const field = FIELD_TARGETS.find((t) => ALIASES[t].map(squash).includes(key));
    const def = defs.find((d) => squash(d.key) === key || squash(d.label) === key);
    const target: Target = field ?? (def ? `attribute:${def.key}` : 'skip');
    if (target === 'skip' || used.has(target)) return 'skip';
    used.add(target);
    return target;
  });
}

/** A cell the export protected (a leading ' before = + - @ or a tab) reads back as it was written. */
export const unprotect = (v: string): string => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** The CSV file of a multipart upload (field `file`), as UTF-8 text; refused when larger than `maxBytes` or not UTF-8 (contacts and products imports). */
export async function readCsvUpload(req: FastifyRequest, maxBytes: number): Promise<{ name: string; text: string }> {
  const badMultipart = () => badRequest('Send the CSV file as multipart/form-data, in a field named file');
  if (!req.isMultipart()) throw badMultipart();
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw badMultipart();
  const data = await part.toBuffer().catch((err: { code?: string }) => {
    throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError('too_large', `CSV files are limited to ${maxBytes / (1024 * 1024)} MB: split it`) : err;
  });
  try {
    return { name: part.filename, text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    throw new AppError('bad_request', 'This file is not UTF-8 text: save it as “CSV UTF-8” and upload it again');
  }
}
