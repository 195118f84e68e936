/**
 * What an intent model learns from: the workspace's conversations that
 * operators labelled, each one's text being the visitor's first messages, and
 * its labels. Labels with fewer than MIN_EXAMPLES_PER_LABEL conversations are
 * left out (and reported).
 */
import type { IntentExample } from '@switchboard/assist';
import type { IntentLabelCount } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import { MIN_EXAMPLES_PER_LABEL } from './intent.js';

/** The visitor's first this many text messages make a conversation's example. */
const FIRST_MESSAGES = 2;
const MAX_CHARS = 2000;
/** The most recently labelled conversations only. */
const MAX_LABELLED = 20_000;
const BATCH = 500;

export interface TrainingData {
  /** Labelled by label id. */
  examples: IntentExample[];
  labels: IntentLabelCount[];
  skipped: IntentLabelCount[];
}

/** The visitor's opening words in each conversation (first messages joined), by conversation id. */
export async function openingWords(db: Db, conversationIds: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string[]>();
  for (let i = 0; i < conversationIds.length; i += BATCH) {
    const rows = await db
      .selectFrom('messages')
      .select(['conversation_id', 'body'])
      .where('conversation_id', 'in', conversationIds.slice(i, i + BATCH))
      .where('author_kind', '=', 'visitor')
      .where('kind', '=', 'text')
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const list = texts.get(r.conversation_id) ?? [];
      if (list.length < FIRST_MESSAGES && r.body.trim()) list.push(r.body.trim());
      texts.set(r.conversation_id, list);
    }
  }
  const out = new Map<string, string>();
  for (const [id, list] of texts) if (list.length > 0) out.set(id, list.join('\n').slice(0, MAX_CHARS));
  return out;
}

export async function trainingData(db: Db, workspaceId: string): Promise<TrainingData> {
  const labelled = await db
    .selectFrom('conversation_labels as cl')
    .innerJoin('labels as l', 'l.id', 'cl.label_id')
    .select(['cl.conversation_id', 'cl.label_id', 'l.name'])
    .where('cl.workspace_id', '=', workspaceId)
    .orderBy('cl.created_at', 'desc')
    .limit(MAX_LABELLED)
    .execute();
  const words = await openingWords(db, [...new Set(labelled.map((r) => r.conversation_id))]);
  const byLabel = new Map<string, { name: string; texts: string[] }>();
  for (const r of labelled) {
    const text = words.get(r.conversation_id);
    if (!text) continue;
    const entry = byLabel.get(r.label_id) ?? { name: r.name, texts: [] };
    entry.texts.push(text);
    byLabel.set(r.label_id, entry);
  }
  const labels: IntentLabelCount[] = [];
  const skipped: IntentLabelCount[] = [];
  const examples: IntentExample[] = [];
  for (const [labelId, e] of [...byLabel].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
    const count = { labelId, name: e.name, examples: e.texts.length };
    if (e.texts.length < MIN_EXAMPLES_PER_LABEL) {
      skipped.push(count);
      continue;
    }
    labels.push(count);
    // Oldest first: a stable order, so the held-out split is the same for the same data.
    for (const text of e.texts.reverse()) examples.push({ text, label: labelId });
  }
  return { examples, labels, skipped };
}

/** Why the data cannot train a model, in words an admin can act on; null when it can. */
export function tooLittle(data: TrainingData): string | null {
  if (data.labels.length >= 2) return null;
  const counts = [...data.labels, ...data.skipped].map((l) => `${l.name}: ${l.examples}`).join(', ');
  return (
    `Not enough labelled conversations to train: label at least ${MIN_EXAMPLES_PER_LABEL} conversations with each of at least two labels` +
    (counts ? ` (now ${counts})` : ' (none are labelled yet)')
  );
}
