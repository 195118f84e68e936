import { describe, expect, it } from 'vitest';
import { type Action, can, canGrantRole, RULES } from './policy.js';

// The permission table, written out: changing a rule means changing this table on purpose.
const TABLE: Record<Action, [owner: boolean, admin: boolean, operator: boolean]> = {
  'conversation.view': [true, true, true],
  'conversation.reply': [true, true, true],
  'conversation.assign_self': [true, true, true],
  'conversation.assign_others': [true, true, false],
  'conversation.set_status': [true, true, true],
  'conversation.label': [true, true, true],
  'conversation.snooze': [true, true, true],
  'conversation.merge': [true, true, true],
  'label.manage': [true, true, false],
  'message.schedule': [true, true, true],
  'message.cancel_others_scheduled': [true, true, false],
  'note.view': [true, true, true],
  'note.create': [true, true, true],
  'contact.view': [true, true, true],
  'contact.create': [true, true, true],
  'contact.update': [true, true, true],
  'visitor.view': [true, true, true],
  'visitor.start_chat': [true, true, true],
  'contact.note': [true, true, true],
  'contact.label': [true, true, true],
  'contact.merge': [true, true, true],
  'contact.delete': [true, true, false],
  'contact.manage_attributes': [true, true, false],
  'contact.import': [true, true, false],
  'contact.export': [true, true, false],
  'conversation.export': [true, true, false],
  'operator.list': [true, true, true],
  'operator.create': [true, true, false],
  'operator.update': [true, true, false],
  'operator.update_own_preferences': [true, true, true],
  'inbox.view': [true, true, true],
  'inbox.manage': [true, true, false],
  'workspace.manage': [true, false, false],
  'team.view': [true, true, true],
  'team.manage': [true, true, false],
  'hours.view': [true, true, true],
  'hours.manage': [true, true, false],
  'shift.manage': [true, true, false],
  'canned.use': [true, true, true],
  'canned.manage_workspace': [true, true, false],
  'canned.manage_any_team': [true, true, false],
  'macro.run': [true, true, true],
  'macro.manage_workspace': [true, true, false],
  'conversation.set_priority': [true, true, true],
  'queue.view': [true, true, true],
  'queue.take': [true, true, true],
  'queue.take_beyond_capacity': [true, true, false],
};

describe('policy', () => {
  it('covers every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(RULES).sort());
  });
  it.each(Object.entries(TABLE))('%s', (action, [owner, admin, operator]) => {
    expect([can('owner', action as Action), can('admin', action as Action), can('operator', action as Action)]).toEqual([owner, admin, operator]);
  });
  it('only owners make owners', () => {
    expect(canGrantRole('owner', 'owner')).toBe(true);
    expect(canGrantRole('admin', 'owner')).toBe(false);
    expect(canGrantRole('admin', 'admin')).toBe(true);
    expect(canGrantRole('operator', 'operator')).toBe(false);
  });
});
