/**
 * The importCannedResponses command: a CSV file of canned responses, stored
 * all or nothing. Every row is checked first (its fields, its scope and team,
 * the caller's right to write there, shortcuts that clash with another row or
 * with a response the caller sees); any problem refuses the whole file with
 * every problem by row number, and nothing is stored. A row whose shortcut
 * already exists in the same place updates that response, so importing an
 * export changes nothing.
 */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { listTeams } from '../team/team.repository.js';
import { type CannedResponse, cannedFields, type CannedScope } from './canned.js';
import { canEdit, canList, canSee, samePlace } from './canned-access.js';
import type { CannedChanges } from './canned-changes.js';
import { type Column, type CsvProblem, parseCannedCsv, unprotect, writeCannedCsv } from './canned-csv.js';
import { viewerOf } from './canned.service.js';
import * as repo from './canned.repository.js';

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

function refuse(problems: CsvProblem[]): AppError {
  const details = problems.map((p) => ({
    in: 'body',
    path: `rows.${p.row}${p.column ? `.${p.column}` : ''}`,
    row: p.row,
    column: p.column,
    message: `Row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`,
  }));
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new AppError('validation_failed', `Nothing was imported: ${details[0]!.message}${more}`, { details });
}

export async function importCannedResponses(ctx: Context, canned: CannedChanges, actor: Operator, csv: string): Promise<ImportResult> {
  authorize(actor, 'canned.use');
  const parsed = parseCannedCsv(csv, MAX_IMPORT_ROWS);
  if (!parsed.ok) throw refuse(parsed.problems);
  const v = await viewerOf(ctx, actor);
  const teams = await listTeams(ctx.db, actor.workspaceId);
  const teamByName = new Map(teams.map((t) => [t.name.toLowerCase(), t.id]));
  const existing = (await repo.allCanned(ctx.db, actor.workspaceId)).map(repo.toCanned);
  const problems: CsvProblem[] = [];
  const planned: { row: number; next: CannedResponse; current: CannedResponse | null }[] = [];

  for (const { row, values } of parsed.records) {
    const problem = (column: Column | null, message: string) => problems.push({ row, column, message });
    const field = <T>(
      column: Column,
      schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
    ) => {
      const r = schema.safeParse(unprotect(values[column]));
      if (!r.success) problem(column, r.error.issues[0]?.message ?? 'This is not valid');
      return r.success ? r.data : null;
    };
    const shortcut = field('shortcut', cannedFields.shortcut);
    const title = field('title', cannedFields.title);
    const body = field('body', cannedFields.body);
    const scopeText = values.scope.trim().toLowerCase() || 'personal';
    const scope = (['personal', 'team', 'workspace'] as const).find((s) => s === scopeText) ?? null;
    if (!scope) problem('scope', 'Use personal, team or workspace');
    let teamId: string | null = null;
    if (scope === 'team') {
      teamId = teamByName.get(values.team.trim().toLowerCase()) ?? null;
      if (!values.team.trim()) problem('team', 'Name the team that shares this response');
      else if (!teamId) problem('team', `No team named ${values.team.trim()}`);
    }
    if (!scope || shortcut === null || title === null || body === null || (scope === 'team' && !teamId)) continue;
    const placed = { scope: scope as CannedScope, ownerId: scope === 'personal' ? actor.id : null, teamId };
    const inFile = planned.find((p) => p.next.shortcut === shortcut && samePlace(p.next, placed));
    if (inFile) {
      problem('shortcut', `/${shortcut} is also on row ${inFile.row}`);
      continue;
    }
    const current = existing.find((r) => r.shortcut === shortcut && samePlace(r, placed)) ?? null;
    // A row as it is stored changes nothing: no right to change it is needed (an export holds what one only sees).
    if (current && current.title === title && current.body === body) {
      planned.push({ row, current, next: current });
      continue;
    }
    if (!canEdit(v, placed)) {
      problem(
        'scope',
        scope === 'workspace' ? 'Only admins can add workspace canned responses' : 'Only the team’s members and admins can add its canned responses',
      );
      continue;
    }
    // Only a new response can bring a clash: one in place keeps its shortcut.
    const clash = current
      ? null
      : (existing.find((r) => r.shortcut === shortcut && canSee(v, r)) ??
        planned.find((p) => !p.current && p.next.shortcut === shortcut && canSee(v, p.next) && canSee(v, placed))?.next);
    if (clash) {
      const where = planned.some((p) => p.next === clash) ? ` on row ${planned.find((p) => p.next === clash)!.row}` : '';
      problem('shortcut', `/${shortcut} is taken by “${clash.title}” (${clash.scope})${where}: choose another shortcut`);
      continue;
    }
    const now = ctx.now();
    const base = current ?? { id: newId(), workspaceId: actor.workspaceId, createdAt: now, updatedAt: now };
    planned.push({ row, current, next: { ...base, ...placed, shortcut, title, body, updatedAt: now } });
  }
  if (problems.length) throw refuse(problems);

  const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
  await ctx.db.transaction().execute(async (trx) => {
    for (const { current, next } of planned) {
      if (!current) {
        result.created++;
        await repo.insertCanned(trx, {
          id: next.id,
          workspace_id: next.workspaceId,
          scope: next.scope,
          owner_id: next.ownerId,
          team_id: next.teamId,
          shortcut: next.shortcut,
          title: next.title,
          body: next.body,
          created_by: actor.id,
          created_at: next.createdAt,
          updated_at: next.updatedAt,
        });
      } else if (current.title === next.title && current.body === next.body) {
        result.unchanged++;
      } else {
        result.updated++;
        await repo.updateCanned(trx, actor.workspaceId, current.id, { title: next.title, body: next.body, updated_at: next.updatedAt });
      }
    }
  });
  if (result.created + result.updated > 0) await canned.changed(actor.workspaceId);
  return result;
}

/** Every response the caller sees or may change, as CSV: what `importCannedResponses` reads back. */
export async function exportCannedResponses(ctx: Context, actor: Operator): Promise<string> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  const teams = new Map((await listTeams(ctx.db, actor.workspaceId)).map((t) => [t.id, t.name]));
  const rows = (await repo.allCanned(ctx.db, actor.workspaceId))
    .map(repo.toCanned)
    .filter((r) => canList(v, r))
    .sort((a, b) => a.scope.localeCompare(b.scope) || a.shortcut.localeCompare(b.shortcut));
  return writeCannedCsv(
    rows.map((r) => ({ shortcut: r.shortcut, title: r.title, body: r.body, scope: r.scope, team: r.teamId ? (teams.get(r.teamId) ?? '') : '' })),
  );
}
