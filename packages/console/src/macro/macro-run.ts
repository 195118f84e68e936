/**
 * Running a macro from the console (the Run macro menu or the `/` list), and
 * the last run's report per conversation, which the conversation header shows:
 * what was done, or which action failed and what was done before it.
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type Macro, type RunResult, cannedApi } from '../canned/canned-api';
import { dispatch } from '../store';
import { actionEditor } from './action-editors';
import './editors';

export interface MacroRun {
  macro: Pick<Macro, 'id' | 'name' | 'actions'>;
  running: boolean;
  result: RunResult | null;
  /** The run could not start (a network failure, a macro deleted meanwhile). */
  error: string | null;
}

const runs = new Map<string, MacroRun>();
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

export async function runMacro(conversationId: string, macro: MacroRun['macro']): Promise<void> {
  runs.set(conversationId, { macro, running: true, result: null, error: null });
  changed();
  try {
    const result = await cannedApi.runMacro(conversationId, macro.id);
    dispatch({ type: 'summary', conversation: result.conversation });
    runs.set(conversationId, { macro, running: false, result, error: null });
  } catch (err) {
    runs.set(conversationId, { macro, running: false, result: null, error: messageOf(err) });
  }
  changed();
}

export function dismissRun(conversationId: string): void {
  runs.delete(conversationId);
  changed();
}

export function useMacroRun(conversationId: string): MacroRun | null {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return runs.get(conversationId) ?? null;
}

export const kindLabel = (kind: string) => actionEditor(kind)?.label ?? kind.replace(/_/g, ' ');

/** The report in words: "Sent a message; Resolved by Ana", or which action stopped the run. */
export function runReport(run: MacroRun): { ok: boolean; text: string } {
  const name = `“${run.macro.name}”`;
  if (run.running) return { ok: true, text: `Running ${name}…` };
  if (run.error) return { ok: false, text: `${name} did not run: ${run.error}` };
  const r = run.result!;
  const done = r.done.map((d) => d.summary ?? kindLabel(d.kind)).join('; ');
  if (!r.failed) return { ok: true, text: `${name} done: ${done || 'nothing to do'}.` };
  const total = run.macro.actions.length;
  return {
    ok: false,
    text: `${name} stopped at action ${r.failed.index + 1} of ${total} (${kindLabel(r.failed.kind)}): ${r.failed.message}. ${
      done ? `Done before it: ${done}.` : 'Nothing was done.'
    }`,
  };
}
