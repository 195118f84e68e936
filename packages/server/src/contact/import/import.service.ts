/**
 * CSV import of contacts, as an operator goes through it: upload (the
 * columns, a suggested mapping, the first rows), check (every row, with a
 * report of the refused ones, before anything is written), start (a durable
 * job; progress comes live), cancel. README.md beside this file says how
 * the write stays all-or-nothing without holding SQLite's write lock.
 */
import type { ContactImportDto, ImportProblem } from '@switchboard/protocol';
import type { Context } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { listLabels } from '../../label/label.repository.js';
import type { Operator } from '../../operator/operator.js';
import { authorize } from '../../policy/policy.js';
import { attributeDefs } from '../contact-attribute.service.js';
import { CsvSyntaxError, csvRows, FIELD_TARGETS, MAX_IMPORT_ROWS, suggestMapping, type Target } from './import-csv.js';
import { planChunk } from './import-plan.js';
import { rowChecker } from './import-rows.js';
import { activeImport, findImport, type ImportRow, MAX_PROBLEMS, insertImport, presentImport, updateImport } from './import.repository.js';

export const IMPORT_JOB = 'contacts.import';
export const CLEANUP_JOB = 'contacts.import_cleanup';
const SAMPLE_ROWS = 5;
const PLAN_BATCH = 500;
/** An upload never checked or started is dropped after a day. */
const ABANDONED_MS = 24 * 3600_000;

export interface ImportPreview {
  import: ContactImportDto;
  headers: string[];
  /** One target per column: name, email, phone, company, avatar, labels, attribute:<key> or skip ("Do not import"). */
  suggested: Target[];
  /** The first rows, as cells. */
  sample: string[][];
}

export interface ImportReport {
  rows: number;
  valid: number;
  creates: number;
  updates: number;
  unchanged: number;
  refused: number;
  problems: ImportProblem[];
}

const refuse = (row: number, message: string) =>
  new AppError('validation_failed', `Row ${row}: ${message}`, {
    details: [{ in: 'body', path: 'file', row, column: null, message: `Row ${row}: ${message}` }],
  });

export function importChanged(ctx: Context, row: ImportRow, problems = true): void {
  ctx.events.emit({ type: 'contact_import.changed', workspaceId: row.workspace_id, operatorId: row.operator_id, import: presentImport(row, problems) });
}

export async function uploadImport(ctx: Context, actor: Operator, file: { name: string; text: string }): Promise<ImportPreview> {
  authorize(actor, 'contact.import');
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let total = 0;
  try {
    for await (const cells of csvRows(file.text)) {
      if (!headers) {
        headers = cells.map((h, i) => h.trim() || `Column ${i + 1}`);
        continue;
      }
      total++;
      if (total > MAX_IMPORT_ROWS) throw refuse(MAX_IMPORT_ROWS + 2, `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows in one file: split it`);
      if (sample.length < SAMPLE_ROWS) sample.push(cells);
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw refuse(err.row, err.message);
    throw err;
  }
  if (!headers) throw refuse(1, 'The file is empty: the first row names the columns');
  if (total === 0) throw refuse(2, 'The file has a header row but no contacts');
  const now = ctx.now();
  await ctx.db
    .updateTable('contact_imports')
    .set({ status: 'cancelled', csv: '', updated_at: now })
    .where('workspace_id', '=', actor.workspaceId)
    .where('status', 'in', ['uploaded', 'checked'])
    .where('updated_at', '<', now - ABANDONED_MS)
    .execute();
  const suggested = suggestMapping(headers, await attributeDefs(ctx, actor.workspaceId));
  const row = {
    id: newId(),
    workspace_id: actor.workspaceId,
    operator_id: actor.id,
    file_name: file.name.slice(0, 200) || 'contacts.csv',
    csv: file.text,
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(suggested),
    status: 'uploaded',
    total,
    error: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await insertImport(ctx.db, row);
  return { import: presentImport({ ...row, done: 0, created: 0, updated: 0, unchanged: 0, refused: 0, problems: '[]' }), headers, suggested, sample };
}

async function ownImport(ctx: Context, actor: Operator, id: string): Promise<ImportRow> {
  authorize(actor, 'contact.import');
  const row = await findImport(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Import');
  return row;
}

/** The mapping, checked: each target known and used once, and something that makes a contact. */
async function checkMapping(ctx: Context, workspaceId: string, headers: string[], mapping: string[]): Promise<Target[]> {
  const problem = (message: string) => new AppError('validation_failed', message, { details: [{ in: 'body', path: 'mapping', message }] });
  if (mapping.length !== headers.length) throw problem(`Give one choice per column: the file has ${headers.length}`);
  const keys = new Set((await attributeDefs(ctx, workspaceId)).map((d) => d.key));
  const seen = new Set<string>();
  for (const [i, t] of mapping.entries()) {
    const known = t === 'skip' || (FIELD_TARGETS as readonly string[]).includes(t) || (t.startsWith('attribute:') && keys.has(t.slice(10)));
    if (!known) throw problem(`Column ${headers[i]}: ${t} is not a contact field or attribute`);
    if (t !== 'skip' && seen.has(t)) throw problem(`Two columns are imported as ${t.replace('attribute:', '')}: choose one`);
    seen.add(t);
  }
  if (!['name', 'email', 'phone', 'company'].some((t) => seen.has(t))) throw problem('Choose the column of the name, email, phone or company');
  return mapping as Target[];
}

/** Every row checked, and what importing would do, before anything is written. */
export async function checkImport(ctx: Context, actor: Operator, id: string, mapping: string[]): Promise<{ import: ContactImportDto; report: ImportReport }> {
  const imp = await ownImport(ctx, actor, id);
  if (imp.status !== 'uploaded' && imp.status !== 'checked') throw conflict(`This import is ${imp.status}: upload the file again to check it`);
  const headers = JSON.parse(imp.headers) as string[];
  const targets = await checkMapping(ctx, actor.workspaceId, headers, mapping);
  const checker = rowChecker(headers, targets, await attributeDefs(ctx, actor.workspaceId), await listLabels(ctx.db, actor.workspaceId));
  const report: ImportReport = { rows: 0, valid: 0, creates: 0, updates: 0, unchanged: 0, refused: 0, problems: [] };
  let batch: NonNullable<Extract<ReturnType<typeof checker.check>, { ok: true }>['values']>[] = [];
  const plan = async () => {
    const p = await planChunk(ctx.db, actor.workspaceId, imp.id, batch, ctx.now());
    report.creates += p.creates.length;
    report.updates += p.updates.length;
    report.unchanged += p.unchanged;
    batch = [];
  };
  let header = true;
  for await (const cells of csvRows(imp.csv)) {
    if (header) {
      header = false;
      continue;
    }
    report.rows++;
    const c = checker.check(report.rows + 1, cells);
    if (c.ok) {
      report.valid++;
      batch.push(c.values);
      if (batch.length === PLAN_BATCH) await plan();
    } else {
      report.refused++;
      for (const p of c.problems) if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    }
  }
  if (batch.length) await plan();
  const now = ctx.now();
  await updateImport(ctx.db, imp.id, ['uploaded', 'checked'], { mapping: JSON.stringify(targets), status: 'checked', updated_at: now });
  return { import: presentImport({ ...imp, status: 'checked', updated_at: now }), report };
}

/** Imports the valid rows of a checked file (or goes on with one that failed): a durable job; progress comes as `contactImport` frames. */
export async function startImport(ctx: Context, actor: Operator, id: string): Promise<ContactImportDto> {
  const imp = await ownImport(ctx, actor, id);
  if (imp.status !== 'checked' && imp.status !== 'failed') {
    throw conflict(imp.status === 'uploaded' ? 'Check the rows first' : `This import is ${imp.status} already`);
  }
  const other = await activeImport(ctx.db, actor.workspaceId, imp.id);
  if (other) throw conflict(`Another import (${other.file_name}) is running: wait for it to end`);
  const now = ctx.now();
  const fresh = imp.status === 'checked' ? { done: 0, created: 0, updated: 0, unchanged: 0, refused: 0, problems: '[]' } : {};
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateImport(trx, imp.id, [imp.status as 'checked'], { ...fresh, status: 'queued', error: null, updated_at: now }))) {
      throw conflict('This import changed meanwhile: look again');
    }
    await ctx.jobs.schedule(
      { kind: IMPORT_JOB, runAt: now, payload: { importId: imp.id }, key: `${IMPORT_JOB}:${imp.id}`, maxAttempts: 5, workspaceId: imp.workspace_id },
      trx,
    );
  });
  const row = { ...imp, ...fresh, status: 'queued', error: null, updated_at: now };
  importChanged(ctx, row, false);
  return presentImport(row);
}

export async function getImport(ctx: Context, actor: Operator, id: string): Promise<ContactImportDto> {
  const imp = await ownImport(ctx, actor, id);
  if (imp.status === 'queued' || imp.status === 'running') {
    // Its job gave up (its process died again and again): say so, and let it be retried.
    const job = await ctx.jobs.get(`${IMPORT_JOB}:${imp.id}`);
    if (job?.status === 'dead' || job?.status === 'cancelled') {
      const patch = { status: 'failed', error: 'The import stopped before the end: nothing of it is visible. Retry it, or cancel it.', updated_at: ctx.now() };
      if (await updateImport(ctx.db, imp.id, ['queued', 'running'], patch)) return presentImport({ ...imp, ...patch });
    }
  }
  return presentImport(imp);
}

/** Stops an import that is not done: nothing of it is ever visible, and what it staged is deleted in the background. */
export async function cancelImport(ctx: Context, actor: Operator, id: string): Promise<ContactImportDto> {
  const imp = await ownImport(ctx, actor, id);
  if (imp.status === 'done') throw conflict('This import is done: its contacts are there');
  if (imp.status === 'cancelled') return presentImport(imp);
  const now = ctx.now();
  const patch = { status: 'cancelled', csv: '', finished_at: now, updated_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateImport(trx, imp.id, ['uploaded', 'checked', 'queued', 'running', 'failed'], patch))) throw conflict('This import just ended');
    await ctx.jobs.schedule(
      { kind: CLEANUP_JOB, runAt: now, payload: { importId: imp.id }, key: `${CLEANUP_JOB}:${imp.id}`, workspaceId: imp.workspace_id },
      trx,
    );
  });
  const row = { ...imp, ...patch };
  importChanged(ctx, row);
  return presentImport(row);
}

export const badMultipart = () => badRequest('Send the CSV file as multipart/form-data, in a field named file');
