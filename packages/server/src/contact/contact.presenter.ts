import type { ContactDetailDto } from '@switchboard/protocol';
import { type AttributeDef, parseStored, shownAttributes } from './contact-attribute.js';
import type { ContactRow } from './contact.repository.js';

export function parseLabelIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The whole contact: its fields, the values of attributes that exist, its labels; counts on one contact's page only. */
export const presentDetail = (row: ContactRow, defs: AttributeDef[], counts: ContactDetailDto['counts'] = null): ContactDetailDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  company: row.company,
  avatarUrl: row.avatar_url,
  attributes: shownAttributes(defs, parseStored(row.attributes)),
  labels: parseLabelIds(row.labels),
  externalId: row.external_id,
  verified: row.verified_at !== null,
  verifiedAt: row.verified_at,
  claimedId: row.claimed_external_id,
  lastSeenAt: row.last_seen_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  counts,
});
