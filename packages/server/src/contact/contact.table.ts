/** Row types of the contact feature (see migration 0010); `contacts` itself is in db/tables.ts. */
import type { Generated } from 'kysely';

export interface ContactAttributeTable {
  id: string;
  workspace_id: string;
  /** Immutable: the key in `contacts.attributes`, in the API and in CSV files. */
  key: string;
  label: string;
  /** ContactAttributeType. */
  type: string;
  /** JSON array of the choices of a list attribute. */
  options: Generated<string>;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface ContactNoteTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
}

export interface ContactLabelTable {
  contact_id: string;
  label_id: string;
  workspace_id: string;
  created_at: number;
}

export interface ContactImportTable {
  id: string;
  workspace_id: string;
  operator_id: string;
  file_name: string;
  /** The file as uploaded (emptied once the import is over). */
  csv: string;
  /** JSON array of the file's column headers. */
  headers: string;
  /** JSON array, one target per column: name, email, phone, company, avatar, labels, attribute:<key> or skip. */
  mapping: string | null;
  status: string;
  total: number;
  /** Rows gone through; while running, rows up to there are staged (a run after a crash goes on from here). */
  done: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  refused: Generated<number>;
  /** JSON array of ImportProblem, at most the first 1,000. */
  problems: Generated<string>;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** The new values an import gives a contact that exists: written in one step when the import is made visible. */
export interface ContactImportUpdateTable {
  import_id: string;
  contact_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  avatar_url: string | null;
  attributes: string;
  labels: string;
  search_text: string;
  sort_name: string;
  company_key: string | null;
  updated_at: number;
}

/** Labels an import adds to contacts that exist (those of new contacts go straight to contact_labels). */
export interface ContactImportLabelTable {
  import_id: string;
  contact_id: string;
  label_id: string;
}

declare module '../db/tables.js' {
  interface Database {
    contact_attributes: ContactAttributeTable;
    contact_notes: ContactNoteTable;
    contact_labels: ContactLabelTable;
    contact_imports: ContactImportTable;
    contact_import_updates: ContactImportUpdateTable;
    contact_import_labels: ContactImportLabelTable;
  }
}
