import { describe, expect, it } from 'vitest';
import { summary } from '../test/fixtures';
import { actionEditor, actionKinds } from './action-editors';
import { macroAction, macroActionKinds } from '../../../server/src/macro/actions/index.js';
import { kindLabel, runReport } from './macro-run';

const macro = {
  id: 'm1',
  name: 'Escalate',
  actions: [
    { kind: 'set_status', input: { status: 'pending' } },
    { kind: 'assign', input: { operatorId: 'op2' } },
    { kind: 'send_message', input: { body: 'Passed on' } },
  ],
};
const conversation = summary({ id: 'c1' });

describe('the run report', () => {
  it('says what was done', () => {
    const done = [
      { index: 0, kind: 'set_status', summary: 'Marked as pending by Ana' },
      { index: 1, kind: 'assign', summary: null },
      { index: 2, kind: 'send_message', summary: null },
    ];
    expect(runReport({ macro, running: false, error: null, result: { done, failed: null, conversation } })).toEqual({
      ok: true,
      text: '“Escalate” done: Marked as pending by Ana; Assign; Send a message.',
    });
  });

  it('says which action failed and what was done before it', () => {
    const r = runReport({
      macro,
      running: false,
      error: null,
      result: {
        done: [{ index: 0, kind: 'set_status', summary: 'Marked as pending by Ana' }],
        failed: { index: 1, kind: 'assign', message: 'You are not allowed to do this' },
        conversation,
      },
    });
    expect(r).toEqual({
      ok: false,
      text: '“Escalate” stopped at action 2 of 3 (Assign): You are not allowed to do this. Done before it: Marked as pending by Ana.',
    });
    const first = runReport({
      macro,
      running: false,
      error: null,
      result: { done: [], failed: { index: 0, kind: 'set_status', message: 'No' }, conversation },
    });
    expect(first.text).toBe('“Escalate” stopped at action 1 of 3 (Set the status): No. Nothing was done.');
  });

  it('says when it could not run at all, and while it runs', () => {
    expect(runReport({ macro, running: false, error: 'Macro not found', result: null })).toEqual({
      ok: false,
      text: '“Escalate” did not run: Macro not found',
    });
    expect(runReport({ macro, running: true, error: null, result: null }).text).toBe('Running “Escalate”…');
  });
});

describe('the action editor registry', () => {
  it('has an editor for each kind the server registers, a blank input and a line that describes it', () => {
    expect(actionKinds().sort()).toEqual(macroActionKinds().sort());
    // A blank with nothing to write or tick is one the server takes as it is.
    for (const kind of ['assign', 'set_status', 'snooze']) expect(macroAction(kind)!.input.safeParse(actionEditor(kind)!.blank()).success, kind).toBe(true);
    const operators = { op2: { id: 'op2', name: 'Ben', email: 'b@x', role: 'operator' as const, status: 'online' as const } };
    expect(actionEditor('assign')!.describe({ operatorId: 'op2' }, { operators })).toBe('Assign to Ben');
    expect(actionEditor('assign')!.describe(actionEditor('assign')!.blank(), { operators })).toBe('Unassign');
    expect(actionEditor('set_status')!.describe({ status: 'resolved' }, { operators })).toBe('Resolve');
    expect(actionEditor('send_message')!.describe({ body: 'Thanks!' }, { operators })).toBe('Send “Thanks!”');
    expect(actionEditor('snooze')!.describe({ minutes: 24 * 60 }, { operators })).toBe('Snooze for a day');
    expect(actionEditor('snooze')!.describe({ minutes: null }, { operators })).toBe('Snooze until the visitor replies');
    expect(actionEditor('add_note')!.describe({ body: 'Check stock' }, { operators })).toBe('Note “Check stock”');
    expect(kindLabel('add_label')).toBe('add label');
  });
});
