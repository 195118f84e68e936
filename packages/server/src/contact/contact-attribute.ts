/**
 * Custom contact attributes: the definitions a workspace makes (a key, a
 * label, a type, a list's options, an order) and what a value of each type
 * must be. Values are checked at the API boundary and in CSV imports with
 * the same rules and the same words; a value whose definition is gone (or
 * no longer fits it) stays stored, harmless, and is never shown.
 */
import type { ContactAttributeDto, ContactAttributeType, ContactAttributeValue } from '@switchboard/protocol';
import { safeHref } from '@switchboard/text';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { displayName } from '../fields.js';
import type { ContactAttributeTable } from './contact.table.js';

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'list', 'boolean', 'link'] as const satisfies readonly ContactAttributeType[];
export const MAX_ATTRIBUTES = 100;
const MAX_TEXT = 1000;

export type AttributeRow = Selectable<ContactAttributeTable>;

export interface AttributeDef {
  key: string;
  label: string;
  type: ContactAttributeType;
  options: string[];
}

const options = z
  .array(displayName(100, 'a choice'))
  .max(100)
  .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'Each choice once');

export const createAttributeInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _, starting with a letter (at most 40)')
      .describe('Immutable once made: the name of the attribute in the API and in CSV files'),
    label: displayName(60, 'a label'),
    type: z.enum(ATTRIBUTE_TYPES),
    options: options.default([]).describe('The choices of a list attribute'),
  })
  .refine((v) => v.type !== 'list' || v.options.length > 0, { path: ['options'], message: 'Give a list attribute at least one choice' });

/** The key and the type stay what they were made (a value keeps its meaning): naming them is refused. */
export const updateAttributeInput = z
  .strictObject({ label: displayName(60, 'a label').optional(), options: options.optional() })
  .refine((v) => v.label !== undefined || v.options !== undefined, 'Nothing to update');

export const reorderAttributesInput = z.object({
  ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_ATTRIBUTES).describe('Every attribute of the workspace, in the new order'),
});

export type CreateAttributeInput = z.infer<typeof createAttributeInput>;
export type UpdateAttributeInput = z.infer<typeof updateAttributeInput>;

function parseOptions(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const toDef = (row: AttributeRow): AttributeDef => ({
  key: row.key,
  label: row.label,
  type: row.type as ContactAttributeType,
  options: parseOptions(row.options),
});

export const presentAttribute = (row: AttributeRow): ContactAttributeDto => ({ id: row.id, ...toDef(row), position: row.position });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export type Checked = { ok: true; value: ContactAttributeValue } | { ok: false; message: string };

const ok = (value: ContactAttributeValue): Checked => ({ ok: true, value });
const no = (message: string): Checked => ({ ok: false, message });

/** A value sent as JSON, checked against its definition. */
export function checkValue(def: AttributeDef, v: unknown): Checked {
  switch (def.type) {
    case 'text':
      if (typeof v !== 'string') return no('Enter text');
      return v.length > MAX_TEXT ? no(`Keep it under ${MAX_TEXT} characters`) : v.trim() ? ok(v.trim()) : no('Fill in this field, or send null to clear it');
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? ok(v) : no('Enter a number');
    case 'boolean':
      return typeof v === 'boolean' ? ok(v) : no('Choose yes or no (true or false)');
    case 'date':
      return typeof v === 'string' && isDate(v) ? ok(v) : no('Enter a date such as 2025-11-25');
    case 'list': {
      const match = typeof v === 'string' ? def.options.find((o) => o.toLowerCase() === v.trim().toLowerCase()) : undefined;
      return match !== undefined ? ok(match) : no(`Choose one of: ${def.options.join(', ')}`);
    }
    case 'link': {
      const href = typeof v === 'string' && v.length <= 2048 ? safeHref(v.trim()) : null;
      return href ? ok(href) : no('Enter a full address starting with https:// (or http://)');
    }
  }
}

const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n']);

/** A value as a CSV cell holds it (text), checked against its definition. */
export function checkCell(def: AttributeDef, cell: string): Checked {
  const t = cell.trim();
  if (def.type === 'number') {
    const n = /^-?\d+(\.\d+)?$/.test(t.replace(/[ _]/g, '')) ? Number(t.replace(/[ _]/g, '')) : Number.NaN;
    return Number.isFinite(n) ? ok(n) : no('Enter a number such as 1250 or 12.5');
  }
  if (def.type === 'boolean') {
    if (YES.has(t.toLowerCase())) return ok(true);
    return NO.has(t.toLowerCase()) ? ok(false) : no('Write yes or no');
  }
  return checkValue(def, t);
}

/** What a stored value is worth today: shown only when its definition exists and it still fits it. */
export function shownAttributes(defs: AttributeDef[], stored: Record<string, unknown>): Record<string, ContactAttributeValue> {
  const out: Record<string, ContactAttributeValue> = {};
  for (const def of defs) {
    const v = stored[def.key];
    if (v === undefined || v === null) continue;
    const c = checkValue(def, v);
    if (c.ok) out[def.key] = c.value;
  }
  return out;
}

export function parseStored(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
