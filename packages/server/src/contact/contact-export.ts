/**
 * Contacts as CSV: the list as filtered (search, label, company, an
 * attribute's value) and sorted on screen, read in keyset pages of 500 and
 * streamed. The columns read back by the import as they are (an attribute's
 * column is named by its key), so an export edited in a spreadsheet can be
 * imported again: contacts are matched by email.
 */
import type { Context } from '../context.js';
import { listLabels } from '../label/label.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { type Cell, isoTime } from '../record/csv.js';
import type { ContactFilters } from './contact.js';
import { parseStored, shownAttributes } from './contact-attribute.js';
import { attributeDefs } from './contact-attribute.service.js';
import { listContactRows } from './contact-query.js';
import { parseLabelIds } from './contact.presenter.js';
import { listFilterOf } from './contact.service.js';

const PAGE = 500;
const FIXED = ['id', 'name', 'email', 'phone', 'company', 'avatar', 'labels', 'created_at', 'last_seen_at'];

export async function exportContacts(ctx: Context, actor: Operator, f: ContactFilters): Promise<{ header: string[]; rows: AsyncGenerator<Cell[][]> }> {
  authorize(actor, 'contact.export');
  const defs = await attributeDefs(ctx, actor.workspaceId);
  const filter = await listFilterOf(ctx, actor.workspaceId, f, defs);
  const labelName = new Map((await listLabels(ctx.db, actor.workspaceId)).map((l) => [l.id, l.name]));
  async function* rows(): AsyncGenerator<Cell[][]> {
    let after: { key: string | number | null; id: string } | undefined;
    for (;;) {
      const page = await listContactRows(ctx.db, { ...filter, after, limit: PAGE });
      if (page.length === 0) return;
      yield page.map((c) => {
        const values = shownAttributes(defs, parseStored(c.attributes));
        return [
          c.id,
          c.name,
          c.email,
          c.phone,
          c.company,
          c.avatar_url,
          parseLabelIds(c.labels)
            .flatMap((id) => labelName.get(id) ?? [])
            .join('; '),
          isoTime(c.created_at),
          isoTime(c.last_seen_at),
          ...defs.map((d) => {
            const v = values[d.key];
            return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
          }),
        ];
      });
      const last = page.at(-1)!;
      after = {
        key: f.sort === 'name' ? last.sort_name : f.sort === 'created' ? last.created_at : f.sort === 'last_seen' ? last.last_seen_at : last.updated_at,
        id: last.id,
      };
    }
  }
  return { header: [...FIXED, ...defs.map((d) => d.key)], rows: rows() };
}
