/** Which message of an A/B split wins: a two-proportion test at 95%, only once each message was shown enough. */
import { describe, expect, it } from 'vitest';
import { decideWinner, twoProportionZ } from './trigger-stats.js';

const v = (shown: number, replied: number, purchases = 0) => ({ shown, replied, replyRate: shown ? replied / shown : null, purchases, revenue: [] });

describe('the winner of an A/B split', () => {
  it('computes the pooled two-proportion z statistic', () => {
    expect(twoProportionZ(60, 200, 30, 200)).toBeCloseTo(3.59, 2);
    expect(twoProportionZ(1, 0, 1, 10)).toBeNull();
    expect(twoProportionZ(0, 10, 0, 10)).toBeNull();
  });
  it('has none without a B message, or below 100 impressions of each', () => {
    expect(decideWinner(v(500, 100), null)).toMatchObject({ variant: null, reason: 'One message: no A/B test' });
    expect(decideWinner(v(99, 60), v(500, 5)).variant).toBeNull();
  });
  it('names the better reply rate when the difference is significant, and none when it is not', () => {
    expect(decideWinner(v(200, 30), v(200, 60))).toMatchObject({ variant: 'b', metric: 'reply_rate' });
    expect(decideWinner(v(200, 60), v(200, 30))).toMatchObject({ variant: 'a', metric: 'reply_rate' });
    const close = decideWinner(v(200, 40), v(200, 45));
    expect(close).toMatchObject({ variant: null, metric: 'reply_rate' });
    expect(close.reason).toMatch(/^No winner yet/);
  });
  it('decides on conversion once both messages have purchases', () => {
    // B is answered more, but A sells more.
    expect(decideWinner(v(400, 40, 40), v(400, 80, 10))).toMatchObject({ variant: 'a', metric: 'conversion' });
  });
});
