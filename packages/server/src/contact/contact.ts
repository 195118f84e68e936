/** What the contact routes accept: a contact's fields, the list's search, filters and sorts, notes, labels and merges. */
import { safeHref } from '@switchboard/text';
import { z } from 'zod';
import { displayName } from '../fields.js';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** One field each, the same for the API, the console's forms and CSV imports. */
export const contactFields = {
  name: displayName(200),
  email: z.string().trim().toLowerCase().email().max(254),
  phone: z
    .string()
    .trim()
    .max(40, 'Keep it under 40 characters')
    .regex(/^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*$/, 'Enter a phone number: digits, spaces and + ( ) - . / only'),
  company: displayName(200, 'a company name'),
  avatarUrl: z
    .string()
    .trim()
    .max(2048, 'Keep it under 2048 characters')
    .refine((v) => safeHref(v) !== null, 'Enter a full address starting with https:// (or http://)')
    .describe('An http(s) address of the contact’s picture'),
};

const attributes = z
  .record(z.string().max(40), z.unknown())
  .describe('Custom attribute values by key, each of its type (text, number, date `YYYY-MM-DD`, a list choice, boolean, http(s) link); null clears one');

export const createContactInput = z
  .object({
    name: contactFields.name.nullable().optional(),
    email: contactFields.email.nullable().optional(),
    phone: contactFields.phone.nullable().optional(),
    company: contactFields.company.nullable().optional(),
    avatarUrl: contactFields.avatarUrl.nullable().optional(),
    attributes: attributes.optional(),
    labels: z.array(id).max(20).optional().describe('Label ids'),
    visitorId: id.optional().describe('A visitor without a contact: they (and their conversations) become this contact'),
  })
  .refine((v) => !!(v.name || v.email || v.phone || v.company), 'Give the contact a name, an email, a phone number or a company');

export const updateContactInput = z
  .object({
    name: contactFields.name.nullable().optional(),
    email: contactFields.email.nullable().optional(),
    phone: contactFields.phone.nullable().optional(),
    company: contactFields.company.nullable().optional(),
    avatarUrl: contactFields.avatarUrl.nullable().optional(),
    attributes: attributes.optional().describe('Only the keys named change; null clears one'),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to update');

export const CONTACT_SORTS = ['name', 'created', 'updated', 'last_seen'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const contactFilters = z.object({
  q: z.string().trim().max(200).optional().describe('Search in name, email, phone and company (case and accents ignored)'),
  label: id.optional().describe('Only contacts with this label'),
  company: z.string().trim().max(200).optional().describe('Only contacts of this company (case ignored)'),
  attribute: z.string().max(40).optional().describe('With `value`: only contacts whose attribute with this key has this value'),
  value: z.string().max(1000).optional(),
  sort: z
    .enum(CONTACT_SORTS)
    .default('updated')
    .describe('name (A to Z), created (newest first), updated (last updated first) or last_seen (last seen first, never seen last)'),
});

export const listContactsQuery = contactFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(400).optional(),
});

export const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(200).optional() });

export const noteInput = z.object({ body: z.string().trim().min(1, 'Write the note').max(5000, 'Keep it under 5000 characters') });

export const contactLabelsInput = z
  .object({ add: z.array(id).max(20).default([]), remove: z.array(id).max(20).default([]) })
  .refine((v) => v.add.length + v.remove.length > 0, 'Name a label to add or remove');

export const mergeContactInput = z.object({ contactId: id.describe('The other contact: everything of it moves to this one, and it redirects here') });

export type ContactFilters = z.infer<typeof contactFilters>;
export type ListContactsQuery = z.infer<typeof listContactsQuery>;
export type CreateContactInput = z.infer<typeof createContactInput>;
export type UpdateContactInput = z.infer<typeof updateContactInput>;
