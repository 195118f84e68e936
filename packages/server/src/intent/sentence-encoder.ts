/**
 * The product's sentence encoder for intents (Universal Sentence Encoder lite,
 * the assist engine's, INTENT_ENCODER): loaded lazily once per process, by the
 * training worker and by the node that predicts. When it cannot be loaded the
 * product goes on without it, said once in the log: trainings train today's
 * model, and a model trained with it suggests no label ("none of these").
 */
import { loadSentenceEncoder, type SentenceEncoder } from '@switchboard/assist';
import type { Logger } from 'pino';

let warned = false;

/** Says once per process that the encoder is missing (the reason each time is the same remembered failure). */
export function warnEncoderUnavailable(log: Pick<Logger, 'warn'>, message: string): void {
  if (warned) return;
  warned = true;
  log.warn({ encoderError: message }, 'the sentence encoder for intents could not be loaded: intents go on without it');
}

/** The named encoder, or null (with the reason) when it cannot be loaded. */
export async function tryLoadEncoder(name: string): Promise<{ encoder: SentenceEncoder | null; problem: string | null }> {
  try {
    return { encoder: await loadSentenceEncoder(name), problem: null };
  } catch (err) {
    return { encoder: null, problem: err instanceof Error ? err.message : String(err) };
  }
}
