import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './user-agent.js';
import { externalReferrer, startsNewVisit, utmOf, VISIT_IDLE_MS } from './visit-rules.js';

describe('UTM parameters', () => {
  it('reads the five utm_ parameters of the landing page, and nothing else', () => {
    expect(utmOf('https://shop.example/tents?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale&utm_term=tent&utm_content=hero&x=1')).toEqual({
      source: 'newsletter',
      medium: 'email',
      campaign: 'spring sale',
      term: 'tent',
      content: 'hero',
    });
    expect(utmOf('https://shop.example/?utm_source=ads')).toEqual({ source: 'ads', medium: null, campaign: null, term: null, content: null });
    expect(utmOf('https://shop.example/?ref=ads&utm_source=')).toBeNull();
    expect(utmOf('not a url')).toBeNull();
    expect(utmOf(`https://shop.example/?utm_campaign=${'x'.repeat(500)}`)?.campaign).toHaveLength(200);
  });
});

describe('referrers', () => {
  it('keeps only another site, www. aside', () => {
    expect(externalReferrer('https://www.google.com/', 'https://shop.example/a')).toBe('https://www.google.com/');
    expect(externalReferrer('https://shop.example/b', 'https://shop.example/a')).toBeNull();
    expect(externalReferrer('https://www.shop.example/b', 'https://shop.example/a')).toBeNull();
    expect(externalReferrer('', 'https://shop.example/a')).toBeNull();
    expect(externalReferrer('garbage', 'https://shop.example/a')).toBeNull();
  });
});

describe('new visits', () => {
  const now = Date.UTC(2026, 0, 5, 12);
  const latest = { lastActivityAt: now - 60_000, referrer: 'https://www.google.com/', utm: null };
  it('starts one for a first page, after 30 minutes without activity, or from another site or campaign', () => {
    expect(startsNewVisit(undefined, now, { referrer: null, utm: null })).toBe(true);
    expect(startsNewVisit(latest, now, { referrer: null, utm: null })).toBe(false);
    expect(startsNewVisit({ ...latest, lastActivityAt: now - VISIT_IDLE_MS }, now, { referrer: null, utm: null })).toBe(false);
    expect(startsNewVisit({ ...latest, lastActivityAt: now - VISIT_IDLE_MS - 1 }, now, { referrer: null, utm: null })).toBe(true);
    // A reload keeps the same referrer: the same visit.
    expect(startsNewVisit(latest, now, { referrer: 'https://www.google.com/', utm: null })).toBe(false);
    expect(startsNewVisit(latest, now, { referrer: 'https://news.example/', utm: null })).toBe(true);
    const utm = { source: 'mail', medium: null, campaign: 'spring', term: null, content: null };
    expect(startsNewVisit(latest, now, { referrer: null, utm })).toBe(true);
    expect(startsNewVisit({ ...latest, utm }, now, { referrer: null, utm: { ...utm } })).toBe(false);
  });
});

describe('user agents', () => {
  it('names the device, browser (major version) and system', () => {
    expect(
      parseUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Safari/537.36'),
    ).toEqual({ type: 'desktop', browser: 'Chrome', browserVersion: '126', os: 'macOS' });
    expect(
      parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
    ).toEqual({ type: 'mobile', browser: 'Safari', browserVersion: '17', os: 'iOS' });
    expect(parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0')).toMatchObject({
      type: 'desktop',
      browser: 'Firefox',
      os: 'Windows',
    });
    expect(
      parseUserAgent('Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1').type,
    ).toBe('tablet');
    expect(parseUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)').type).toBe('bot');
    expect(parseUserAgent(null)).toEqual({ type: null, browser: null, browserVersion: null, os: null });
    expect(parseUserAgent('')).toEqual({ type: null, browser: null, browserVersion: null, os: null });
    expect(parseUserAgent('\u0000\u0001 garbage ((((').browser).toBeNull();
  });
});
