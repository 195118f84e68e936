/** Row types of the intent feature (migration 0039), added to Kysely's Database from this feature folder. */

export interface IntentModelTable {
  id: string;
  workspace_id: string;
  version: number;
  /** JSON IntentLabelCount[]: the labels the model predicts. */
  labels: string;
  /** JSON IntentLabelCount[]: labels left out for too few examples. */
  skipped: string;
  example_count: number;
  accuracy: number | null;
  threshold: number;
  created_by: string | null;
  created_at: number;
  /** IntentModel.save() of the assist engine. */
  model: string;
  active: number;
}

export interface IntentTrainingTable {
  id: string;
  workspace_id: string;
  status: string;
  stage: string | null;
  percent: number;
  error: string | null;
  model_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface IntentRoutingTable {
  inbox_id: string;
  workspace_id: string;
  enabled: number;
  /** JSON IntentRoute[]. */
  routes: string;
  updated_at: number;
}

export interface ConversationIntentTable {
  conversation_id: string;
  workspace_id: string;
  status: string;
  /** 1 when the inbox routed by intent as the conversation started (it waits out of the queue until decided). */
  routing: number;
  model_id: string | null;
  model_version: number | null;
  label_id: string | null;
  label_name: string | null;
  confidence: number | null;
  routed_team_id: string | null;
  routed_team_name: string | null;
  decided_at: number | null;
  created_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    intent_models: IntentModelTable;
    intent_trainings: IntentTrainingTable;
    intent_routing: IntentRoutingTable;
    conversation_intents: ConversationIntentTable;
  }
}
