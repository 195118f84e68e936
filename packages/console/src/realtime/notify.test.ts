import { describe, expect, it } from 'vitest';
import { after, summary } from '../test/fixtures';
import { notificationText, shouldNotify } from './notify';

describe('notifications', () => {
  const c = summary({ id: 'c1' });
  const base = { meId: 'me', hidden: false, activeId: 'other' };

  it('announces a new conversation or visitor message that is not on screen', () => {
    expect(shouldNotify(undefined, c, base)).toBe(true);
    expect(shouldNotify(c, after(c, 2), base)).toBe(true);
  });

  it('announces the chat on screen only while the tab is in the background', () => {
    expect(shouldNotify(c, after(c, 2), { ...base, activeId: 'c1' })).toBe(false);
    expect(shouldNotify(c, after(c, 2), { ...base, activeId: 'c1', hidden: true })).toBe(true);
  });

  it("stays quiet for operator messages, system lines, repeats and other operators' chats", () => {
    expect(shouldNotify(c, after(c, 2, 'operator'), base)).toBe(false);
    expect(shouldNotify(c, after(c, 2, 'system'), base)).toBe(false);
    expect(shouldNotify(c, c, base)).toBe(false);
    expect(shouldNotify(c, { ...after(c, 2), assigneeId: 'someone-else' }, base)).toBe(false);
    expect(shouldNotify(c, { ...after(c, 2), assigneeId: 'me' }, base)).toBe(true);
  });

  it('names a new conversation', () => {
    expect(notificationText(undefined, c).title).toMatch(/^New conversation: Visitor /);
    expect(notificationText(c, after(c, 2))).toEqual({ title: expect.stringMatching(/^Visitor /), body: 'm2' });
  });
});
