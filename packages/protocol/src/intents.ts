/**
 * Intents (G2) on the wire: the intent a new conversation was given (a
 * suggested label with its confidence, or "none of these"; and where it was
 * routed), the versions of the workspace's intent model, a training run's
 * progress, and an inbox's routing by intent.
 */

/** The intent of a conversation, decided at its first visitor message. */
export interface ConversationIntentDto {
  conversationId: string;
  /** 'pending': held out of the queue until the decision (an inbox that routes by intent). */
  status: 'pending' | 'decided';
  /** The suggested label; null for "none of these" (below the threshold) or while pending. */
  labelId: string | null;
  labelName: string | null;
  /** 0–1: the model's confidence in its best label (also when below the threshold). */
  confidence: number | null;
  modelVersion: number | null;
  /** The team routing by intent moved the conversation to; null when the inbox default applied. */
  routedTeamId: string | null;
  routedTeamName: string | null;
  decidedAt: number | null;
}

export interface IntentLabelCount {
  labelId: string;
  name: string;
  examples: number;
}

export interface IntentModelDto {
  id: string;
  version: number;
  active: boolean;
  labels: IntentLabelCount[];
  /** Labels left out: too few labelled conversations. */
  skipped: IntentLabelCount[];
  exampleCount: number;
  /** Share of held-out labelled conversations given their label (0–1). */
  accuracy: number | null;
  /** Below this confidence: "none of these". */
  threshold: number;
  createdBy: string | null;
  createdAt: number;
}

export type IntentTrainingStatus = 'queued' | 'running' | 'done' | 'failed';

export interface IntentTrainingDto {
  id: string;
  status: IntentTrainingStatus;
  stage: string | null;
  /** 0–100. */
  percent: number;
  error: string | null;
  modelId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface IntentRoute {
  labelId: string;
  teamId: string;
}

export interface IntentRoutingDto {
  inboxId: string;
  enabled: boolean;
  routes: IntentRoute[];
}

/** A conversation's intent was decided (to the operators following it). */
export interface IntentFrame {
  type: 'intent';
  intent: ConversationIntentDto;
}

/** A training run moved on (to the workspace's owners and admins). */
export interface IntentTrainingFrame {
  type: 'intentTraining';
  training: IntentTrainingDto;
}
