import { describe, expect, it } from 'vitest';
import { type Article, ArticleIndex, wordVectorsFromMap } from '../src/index.js';

const ARTICLES: Article[] = [
  { id: 'reset', title: 'How do I reset my password?', answers: ['Open Settings, choose Security and press "Reset password". We email you a link.'] },
  { id: 'refund', title: 'Getting a refund for an order', body: 'Refunds reach your card within five working days after we receive the returned item.' },
  { id: 'delivery', title: 'Where is my parcel?', answers: ['Use the tracking number in your confirmation email to follow the shipment.'] },
  { id: 'invoice', title: 'Downloading invoices', body: 'Invoices for every payment are in Billing, under Documents, as PDF files.' },
  { id: 'delete', title: 'Deleting my account', answers: ['Go to Settings, Privacy, then "Delete account". This cannot be undone.'] },
  { id: 'language', title: 'Changing the language of the app', body: 'Pick your language in Settings, General, Language.' },
];

function index(): ArticleIndex {
  const built = new ArticleIndex(null);
  for (const article of ARTICLES) built.upsert(article);
  return built;
}

describe('ArticleIndex', () => {
  it('finds the answering article for a reworded question', () => {
    const top = index().search('I forgot my password, how can I change it?');
    expect(top[0]!.id).toBe('reset');
    expect(top[0]!.title).toBe('How do I reset my password?');
    expect(top[0]!.score).toBeGreaterThan(top[1]!.score);
  });

  it('matches through typos', () => {
    expect(index().search('pasword resset')[0]!.id).toBe('reset');
    expect(index().search('downlaod my invoises')[0]!.id).toBe('invoice');
  });

  it('matches other inflections of the same words', () => {
    expect(index().search('refunded orders')[0]!.id).toBe('refund');
    expect(index().search('how to delete accounts')[0]!.id).toBe('delete');
    expect(index().search('tracking parcels')[0]!.id).toBe('delivery');
  });

  it('searches answers and bodies, not only titles', () => {
    expect(index().search('tracking number')[0]!.id).toBe('delivery');
    expect(index().search('PDF documents from billing')[0]!.id).toBe('invoice');
  });

  it('updates incrementally when an article changes or goes', () => {
    const built = index();
    expect(built.search('gift cards')[0]?.id).not.toBe('gift');
    built.upsert({ id: 'gift', title: 'Buying gift cards', body: 'Gift cards are sold in the shop.' });
    expect(built.search('gift cards')[0]!.id).toBe('gift');
    built.upsert({ id: 'gift', title: 'Vouchers', body: 'Vouchers can be bought online.' });
    expect(built.search('gift cards').map((m) => m.id)).not.toContain('gift');
    expect(built.search('vouchers')[0]!.id).toBe('gift');
    expect(built.remove('gift')).toBe(true);
    expect(built.remove('gift')).toBe(false);
    expect(built.search('vouchers').map((m) => m.id)).not.toContain('gift');
    expect(built.size).toBe(ARTICLES.length);
  });

  it('returns the answer that grounds a reply, best passage first', () => {
    const built = new ArticleIndex(null);
    built.upsert({
      id: 'pay',
      title: 'Payment methods',
      answers: ['We accept Visa and Mastercard.', 'Bank transfers take two working days to clear.', 'PayPal is not supported.'],
    });
    built.upsert({ id: 'long', title: 'Shipping costs', body: `Shipping is free above 50 euros.\n\n${'Rates vary by country. '.repeat(40)}` });
    expect(built.search('how long does a bank transfer take')[0]!.excerpt).toBe('Bank transfers take two working days to clear.');
    expect(built.search('do you take paypal')[0]!.excerpt).toBe('PayPal is not supported.');
    const long = built.search('shipping rates by country')[0]!;
    expect(long.id).toBe('long');
    expect(long.excerpt!.length).toBeLessThanOrEqual(401);
    expect(long.excerpt!.endsWith('…')).toBe(true);
    built.upsert({ id: 'bare', title: 'Opening hours' });
    expect(built.search('opening hours')[0]!.excerpt).toBeUndefined();
  });

  it('uses word vectors for paraphrases that share no word', () => {
    const vectors = wordVectorsFromMap('tiny', {
      parcel: [1, 0, 0],
      package: [0.95, 0.1, 0],
      shipment: [0.9, 0.2, 0],
      password: [0, 1, 0],
      passcode: [0.05, 0.98, 0],
      language: [0, 0, 1],
    });
    const built = new ArticleIndex(vectors);
    for (const article of ARTICLES) built.upsert(article);
    expect(built.search('my package?')[0]!.id).toBe('delivery');
  });

  it('limits results and refuses bad queries and articles', () => {
    const built = index();
    expect(built.search('settings', { limit: 2 })).toHaveLength(2);
    expect(() => built.search('')).toThrowError(expect.objectContaining({ code: 'EMPTY_TEXT' }));
    expect(() => built.search('x'.repeat(50_000))).toThrowError(expect.objectContaining({ code: 'TEXT_TOO_LONG' }));
    expect(() => built.search('settings', { limit: 0 })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => built.upsert({ id: '', title: 'x' })).toThrowError(expect.objectContaining({ code: 'INVALID_ARTICLE' }));
    expect(() => built.upsert({ id: 'a', title: '  ' })).toThrowError(expect.objectContaining({ code: 'INVALID_ARTICLE' }));
    expect(() => built.upsert({ id: 'a', title: 'ok', answers: [1] as unknown as string[] })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARTICLE' }),
    );
    expect(new ArticleIndex(null).search('anything')).toEqual([]);
  });
});
