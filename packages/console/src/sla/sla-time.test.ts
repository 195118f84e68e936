import type { ConversationSummary } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { duration, slaLook } from './sla-time';

const MIN = 60_000;
const c = (p: Partial<ConversationSummary>) => ({ slaDueAt: null, slaTarget: null, slaWarnAt: null, slaBreachedAt: null, ...p }) as ConversationSummary;

describe('SLA look', () => {
  it('says the time left, near breach from the warning, and how long ago a breach was', () => {
    const due = { slaDueAt: 100 * MIN, slaTarget: 'first_response' as const, slaWarnAt: 90 * MIN };
    expect(slaLook(c(due), 88 * MIN)).toMatchObject({ state: 'ok', text: '12 min left' });
    expect(slaLook(c(due), 97 * MIN + 1)).toMatchObject({ state: 'near', text: 'Near breach: 3 min left' });
    expect(slaLook(c({ ...due, slaBreachedAt: 100 * MIN }), 103 * MIN)).toMatchObject({ state: 'breached', text: 'Breached 3 min ago' });
    expect(slaLook(c({}), 0)).toBeNull();
  });
  it('writes durations in minutes, hours and days', () => {
    expect([duration(59_000), duration(125 * MIN), duration(26 * 60 * MIN)]).toEqual(['1 min', '2 h 5 min', '1 d 2 h']);
  });
});
