/**
 * One CSV row checked and turned into contact values, with the same rules
 * and words as the API: every problem of the row by column, so the report
 * says all that is wrong with it at once. An email already on an earlier
 * row refuses the later one (the first is kept).
 */
import type { ContactAttributeValue, ImportProblem } from '@switchboard/protocol';
import type { z } from 'zod';
import { humanError } from '../../http/validation-messages.js';
import { contactFields } from '../contact.js';
import { type AttributeDef, checkCell } from '../contact-attribute.js';
import type { Target } from './import-csv.js';
import { unprotect } from './import-csv.js';

export interface RowValues {
  name?: string;
  email?: string;
  phone?: string;
  company?: string;
  avatar_url?: string;
  /** Label ids. */
  labels: string[];
  attributes: Record<string, ContactAttributeValue>;
}

export type Checked = { ok: true; row: number; values: RowValues } | { ok: false; row: number; problems: ImportProblem[] };

type Schema = z.ZodType<string>;
const FIELD: Record<'name' | 'email' | 'phone' | 'company' | 'avatar', [keyof RowValues, Schema]> = {
  name: ['name', contactFields.name],
  email: ['email', contactFields.email],
  phone: ['phone', contactFields.phone],
  company: ['company', contactFields.company],
  avatar: ['avatar_url', contactFields.avatarUrl],
};

export interface RowChecker {
  /** `row`: the row as a spreadsheet numbers it (the header is row 1). */
  check(row: number, cells: string[]): Checked;
}

export function rowChecker(headers: string[], mapping: Target[], defs: AttributeDef[], labels: { id: string; name: string }[]): RowChecker {
  const labelByName = new Map(labels.map((l) => [l.name.toLocaleLowerCase(), l.id]));
  const defByKey = new Map(defs.map((d) => [d.key, d]));
  const seen = new Map<string, number>();
  return {
    check(row, cells) {
      const problems: ImportProblem[] = [];
      const values: RowValues = { labels: [], attributes: {} };
      mapping.forEach((target, i) => {
        const cell = unprotect((cells[i] ?? '').trim());
        if (target === 'skip' || cell === '') return;
        const column = headers[i] ?? `Column ${i + 1}`;
        const problem = (message: string) => {
          problems.push({ row, column, message });
        };
        if (target === 'labels') {
          for (const name of cell
            .split(/[;,]/)
            .map((x) => x.trim())
            .filter(Boolean)) {
            const id = labelByName.get(name.toLocaleLowerCase());
            if (id) values.labels.includes(id) || values.labels.push(id);
            else problem(`No label named ${name}: create it in Settings → Labels first`);
          }
          return;
        }
        if (target.startsWith('attribute:')) {
          const def = defByKey.get(target.slice('attribute:'.length));
          if (!def) {
            problem('This attribute no longer exists');
            return;
          }
          const c = checkCell(def, cell);
          if (c.ok) values.attributes[def.key] = c.value;
          else problem(`${def.label}: ${c.message}`);
          return;
        }
        const [key, schema] = FIELD[target as keyof typeof FIELD];
        const r = schema.safeParse(cell, { error: humanError });
        if (r.success) (values as unknown as Record<string, string>)[key] = r.data;
        else problem(r.error.issues[0]?.message ?? 'This is not valid');
      });
      if (problems.length === 0 && !values.name && !values.email && !values.phone && !values.company) {
        problems.push({ row, column: null, message: 'The row has no name, email, phone or company' });
      }
      if (problems.length === 0 && values.email) {
        const first = seen.get(values.email);
        if (first !== undefined) {
          const emailColumn = headers[mapping.indexOf('email')] ?? 'email';
          problems.push({ row, column: emailColumn, message: `This email is also on row ${first}: a contact is imported once` });
        } else seen.set(values.email, row);
      }
      return problems.length ? { ok: false, row, problems } : { ok: true, row, values };
    },
  };
}
