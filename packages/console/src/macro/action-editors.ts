/**
 * The console's macro action editor registry, the counterpart of the
 * server's `registerMacroAction`: each kind of action is one file under
 * `editors/` that registers how it is named, what a new one holds, how it
 * reads in a list, and the fields that edit it (plus its import line in
 * `editors/index.ts`). The macro editor and the run report know nothing else
 * about kinds.
 */
import type { FunctionComponent } from 'preact';
import type { Operator } from '../state';

export interface ActionEditorProps<I> {
  /** A unique prefix for the ids of the fields. */
  id: string;
  value: I;
  onChange: (value: I) => void;
  /** Refused fields of this action's input, by their path inside it (`body`, `operatorId`). */
  errors: Record<string, string>;
}

export interface ActionEditor<I> {
  /** What the action does, in the list of kinds: "Send a message". */
  label: string;
  /** The input of a new action of this kind. */
  blank: () => I;
  /** One line for the list of macros: "Assign to Ana". */
  describe: (input: I, ctx: { operators: Record<string, Operator> }) => string;
  Editor: FunctionComponent<ActionEditorProps<I>>;
}

const editors = new Map<string, ActionEditor<unknown>>();

export function registerActionEditor<I>(kind: string, editor: ActionEditor<I>): void {
  editors.set(kind, editor as ActionEditor<unknown>);
}

export function actionEditor(kind: string): ActionEditor<unknown> | undefined {
  return editors.get(kind);
}

export function actionKinds(): string[] {
  return [...editors.keys()];
}
