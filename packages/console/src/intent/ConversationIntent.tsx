/**
 * The conversation's intent, under its header: "Suggested label: Billing
 * (87%)" with "Apply label" (adds the label), "No suggested label" below the
 * threshold, and where routing by intent sent it with its confidence. Read
 * when the conversation opens, then kept by the `intent` frames.
 */
import type { ConversationIntentDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { onServerFrame } from '../realtime/connection';
import { dispatch, useStore } from '../store';
import { intentApi, percent } from './intent-api';

export function ConversationIntent({ id }: { id: string }) {
  const [intent, setIntent] = useState<ConversationIntentDto | null>(null);
  const labels = useStore((s) => s.conversations[id]?.labels ?? []);
  useEffect(() => {
    setIntent(null);
    let live = true;
    intentApi.ofConversation(id).then(
      (r) => live && setIntent(r.intent),
      () => {},
    );
    const stop = onServerFrame((f) => {
      if (f.type === 'intent' && f.intent.conversationId === id) setIntent(f.intent);
    });
    return () => {
      live = false;
      stop();
    };
  }, [id]);
  if (intent?.status !== 'decided' || intent.modelVersion === null) return null;
  const apply = async (labelId: string) => {
    try {
      await intentApi.applyLabel(id, labelId);
    } catch (e) {
      dispatch({ type: 'notice', message: messageOf(e) });
    }
  };
  const applied = intent.labelId !== null && labels.includes(intent.labelId);
  return (
    <section class="intent-line" aria-label="Intent">
      {intent.labelId && intent.labelName ? (
        <>
          <span>
            Suggested label: {intent.labelName} ({percent(intent.confidence)})
          </span>{' '}
          {applied ? (
            <span class="muted">Applied</span>
          ) : (
            <button type="button" class="btn btn-sm" onClick={() => void apply(intent.labelId!)}>
              Apply label
            </button>
          )}
        </>
      ) : (
        <span>No suggested label</span>
      )}
      {intent.routedTeamName && (
        <span class="muted">
          {' '}
          · Routed to {intent.routedTeamName} by intent ({percent(intent.confidence)})
        </span>
      )}
    </section>
  );
}
