import { describe, expect, it } from 'vitest';
import { summarizeConversation } from './summarize.js';
import type { SummaryMessage } from './types.js';

let seq = 0;
const v = (text: string): SummaryMessage => ({ seq: ++seq, author: 'visitor', text });
const o = (text: string): SummaryMessage => ({ seq: ++seq, author: 'operator', text });
const b = (text: string): SummaryMessage => ({ seq: ++seq, author: 'bot', text });
const sys = (event: string, text: string): SummaryMessage => ({ seq: ++seq, author: 'system', text, event });

const refund = (): SummaryMessage[] => [
  v('Hi there!'),
  o('Hello, how can I help you today?'),
  v('I was charged twice for my order #4521 last Tuesday. The double charge shows on my credit card statement.'),
  v('Can you refund the second charge?'),
  o('Sorry about that. Could you confirm the email address on the order?'),
  v('Sure, it is jane@example.com. Thanks'),
  o('I can see the double charge on order #4521. I have refunded the second charge to your credit card.'),
  sys('labels', 'Labels: billing added by Ann'),
  o('Refunds take 3 to 5 business days to show on the statement.'),
  v('Great, thank you so much!'),
  o('You are welcome, have a nice day!'),
  sys('status', 'Resolved by Ann'),
];

describe('summarizeConversation', () => {
  it('picks the visitor’s problem, what the operator did, and nothing pending when all was answered', () => {
    const s = summarizeConversation(refund());
    expect(s.problem.join(' ')).toContain('charged twice for my order #4521');
    expect(s.problem.some((p) => /refund the second charge/.test(p))).toBe(true);
    expect(s.problem.every((p) => !/^(hi|sure|great)/i.test(p))).toBe(true);
    expect(s.done).toContain('I have refunded the second charge to your credit card.');
    expect(s.done).toContain('Labels: billing added by Ann');
    expect(s.done).toContain('Resolved by Ann');
    expect(s.done.some((d) => /how can i help|welcome/i.test(d))).toBe(false);
    expect(s.pending).toEqual([]);
  });

  it('keeps the visitor’s last unanswered question and an open promise as pending', () => {
    const s = summarizeConversation([
      v('Hello'),
      v('My parcel for order 88231 says delivered but it never arrived at my address.'),
      o('I am sorry to hear that. I checked the tracking and the courier marked it delivered at 14:02.'),
      o('I will contact the courier and get back to you within 24 hours.'),
      v('Ok. Will I get a replacement if they cannot find it?'),
      sys('transferred', 'Transferred to Logistics by Ann'),
    ]);
    expect(s.problem[0]).toContain('never arrived');
    expect(s.pending).toEqual(['I will contact the courier and get back to you within 24 hours.', 'Will I get a replacement if they cannot find it?']);
    expect(s.done).toContain('Transferred to Logistics by Ann');
    expect(s.done.join(' ')).toContain('checked the tracking');
  });

  it('closes a promise once the operator came back with something substantive', () => {
    const s = summarizeConversation([
      v('The export to CSV fails with error 500 every time I try it.'),
      o('Let me check the logs for your account.'),
      o('I found the cause: a contact with an empty name broke the export, and I have fixed it.'),
      v('It works now.'),
    ]);
    expect(s.pending).toEqual([]);
    expect(s.done).toContain('I found the cause: a contact with an empty name broke the export, and I have fixed it.');
  });

  it('tells what a bot did and the handover, and the question left for people', () => {
    const s = summarizeConversation([
      v('How do I reset my password? The reset email never arrives.'),
      b('Here is the article "Reset your password": https://help.example.com/reset-password'),
      v('I tried that already, the email does not come. Can a person help me?'),
      sys('handed_over', 'Handed over to the team by the virtual agent'),
    ]);
    expect(s.problem.join(' ')).toContain('reset');
    expect(s.done).toContain('Here is the article "Reset your password": https://help.example.com/reset-password');
    expect(s.done).toContain('Handed over to the team by the virtual agent');
    expect(s.pending).toEqual(['Can a person help me?']);
  });

  it('is empty for small talk only, and deterministic', () => {
    expect(summarizeConversation([v('Hi'), o('Hello! How can I help?'), v('Thanks, bye')])).toEqual({ problem: [], done: [], pending: [] });
    const a = summarizeConversation(refund());
    expect(summarizeConversation(refund())).toEqual(a);
    expect(summarizeConversation([...refund()].reverse())).toEqual(a);
  });

  it('summarizes a 200-message conversation in a few milliseconds', () => {
    const topics = ['invoice', 'shipping address', 'password', 'subscription plan', 'refund', 'discount code', 'delivery date', 'account email'];
    const long: SummaryMessage[] = [];
    for (let i = 0; i < 200; i++) {
      const topic = topics[i % topics.length];
      long.push(
        i % 2 === 0
          ? v(`About the ${topic}: it still shows the wrong value after I changed it on ${i} March. Why does the ${topic} not update?`)
          : o(`I have updated the ${topic} on your account and sent you a confirmation email. It can take a minute to show.`),
      );
    }
    summarizeConversation(long); // warm the stemmer's cache like a running server
    const runs = 20;
    const t0 = performance.now();
    let s = summarizeConversation(long);
    for (let i = 1; i < runs; i++) s = summarizeConversation(long);
    const ms = (performance.now() - t0) / runs;
    console.log(`summary of a 200-message conversation: ${ms.toFixed(2)} ms (mean of ${runs})`);
    expect(s.problem.length).toBe(3);
    expect(s.done.length).toBeGreaterThan(0);
    // The figure is printed above; the bound only catches a blow-up (work growing with the square of the messages).
    expect(ms).toBeLessThan(1000);
  });
});
