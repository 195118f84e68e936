import type { Generated } from 'kysely';

/** Row types of the label feature (see migration 0007). */
export interface LabelTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The name lower-cased: names are unique in a workspace whatever their case. */
  name_key: string;
  color: string;
  created_at: number;
}

export interface ConversationLabelTable {
  conversation_id: string;
  label_id: string;
  workspace_id: string;
  created_at: number;
  /** The conversation's status and assignee, kept by the database (migration 0013) for the view counts. */
  status: Generated<string | null>;
  assignee_id: Generated<string | null>;
}

declare module '../db/tables.js' {
  interface Database {
    labels: LabelTable;
    conversation_labels: ConversationLabelTable;
  }
}
