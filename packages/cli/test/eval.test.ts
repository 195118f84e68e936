import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/command.js';
import { run } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), progress: (l) => stderr.push(l) };
}

const intents: Record<string, string[]> = {
  balance: [
    'what is my balance',
    'how much money do I have',
    'show my account balance',
    'check balance please',
    'balance of my savings',
    'how much is left in my account',
  ],
  transfer: [
    'send money to my friend',
    'transfer 50 to john',
    'make a bank transfer',
    'move money between accounts',
    'pay my sister 20 dollars',
    'wire money abroad',
  ],
  card_lost: [
    'I lost my card',
    'my card was stolen',
    'block my card it is missing',
    'cannot find my debit card',
    'someone took my card',
    'freeze my lost card',
  ],
};
const oos = ['what is the weather today', 'tell me a joke', 'who is the president', 'play music', 'book a table for two', 'how tall is a giraffe'];

function csv(rows: [string, string][], header = 'text,label'): string {
  return `${header}\n${rows.map(([t, l]) => `"${t.replaceAll('"', '""')}",${l}`).join('\n')}\n`;
}
const rows = (pick: (i: number) => boolean) =>
  Object.entries(intents).flatMap(([label, texts]) => texts.filter((_, i) => pick(i)).map((t) => [t, label] as [string, string]));

describe('switchboard eval intents', () => {
  const train = file('train.csv', csv([...rows((i) => i < 5), ...oos.slice(0, 4).map((t) => [t, 'oos'] as [string, string])]));
  const test = file('test.csv', csv([...rows((i) => i === 5), ...oos.slice(4).map((t) => [t, 'oos'] as [string, string])]));

  it('prints accuracy, macro F1, out-of-scope figures and a final JSON line', async () => {
    const io = capture();
    const code = await run(['eval', 'intents', '--train', train, '--test', test, '--oos-label', 'oos', '--no-word-vectors'], io);
    expect(io.stderr.join('\n')).not.toMatch(/error/i);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/accuracy\s+\d\.\d{4}/);
    expect(text).toMatch(/macro F1/);
    expect(text).toMatch(/in-scope accuracy/);
    expect(text).toMatch(/out-of-scope recall/);
    const last = JSON.parse(io.stdout.at(-1)!);
    expect(last).toMatchObject({ task: 'intents', trainExamples: 19, testExamples: 5, labels: 3 });
    expect(last.accuracy).toBeGreaterThanOrEqual(0.6);
    expect(typeof last.inScopeAccuracy).toBe('number');
    expect(typeof last.outOfScopeRecall).toBe('number');
  });

  it('chooses the threshold on a validation file when asked', async () => {
    const io = capture();
    const code = await run(['eval', 'intents', '--train', train, '--test', test, '--oos-label', 'oos', '--validation', test, '--no-word-vectors'], io);
    expect(code).toBe(0);
    const last = JSON.parse(io.stdout.at(-1)!);
    // Tuned on the test file itself, every out-of-scope example can be caught.
    expect(last.outOfScopeRecall).toBe(1);
    const both = capture();
    expect(await run(['eval', 'intents', '--train', train, '--test', test, '--oos-label', 'oos', '--validation', test, '--threshold', '0.5'], both)).toBe(2);
  });

  it("adds the sentence encoder beside the features with --encoder, side by side with today's model with both", async () => {
    const io = capture();
    const code = await run(['eval', 'intents', '--train', train, '--test', test, '--oos-label', 'oos', '--no-word-vectors', '--encoder', 'both'], io);
    expect(io.stderr.join('\n')).not.toMatch(/error/i);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/without encoder\s+with use-lite/);
    expect(text).toMatch(/accuracy\s+\d\.\d{4}\s+\d\.\d{4}/);
    expect(text).toMatch(/encoder load\s+\d+\.\d\d s/);
    const last = JSON.parse(io.stdout.at(-1)!);
    expect(last).toMatchObject({ task: 'intents', encoder: 'use-lite', trainExamples: 19, testExamples: 5 });
    expect(last.withoutEncoder).toMatchObject({ task: 'intents', trainExamples: 19 });
    expect(last.withoutEncoder.encoder).toBeUndefined();
    expect(last.encoderLoadSeconds).toBeGreaterThan(0);
    // Meaning the words miss (no word vectors here): the encoder gets at least as many right.
    expect(last.accuracy).toBeGreaterThanOrEqual(last.withoutEncoder.accuracy);
    const one = capture();
    expect(await run(['eval', 'intents', '--train', train, '--test', test, '--oos-label', 'oos', '--no-word-vectors', '--encoder', 'use-lite'], one)).toBe(0);
    expect(one.stdout.join('\n')).toMatch(/encoder\s+use-lite/);
    expect(JSON.parse(one.stdout.at(-1)!).withoutEncoder).toBeUndefined();
    const bad = capture();
    expect(await run(['eval', 'intents', '--train', train, '--test', test, '--encoder', 'bert'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/--encoder must be none, use-lite or both/);
  });

  it('names the line of a bad file and exits 2', async () => {
    const bad = file('bad.csv', 'text,label\nhello,greet\n"unterminated,greet\n');
    const io = capture();
    expect(await run(['eval', 'intents', '--train', bad, '--test', test, '--no-word-vectors'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`${bad} line 3`);
    const empty = file('empty-label.csv', 'text,label\nhello,\n');
    const io2 = capture();
    expect(await run(['eval', 'intents', '--train', empty, '--test', test, '--no-word-vectors'], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/line 2: the label is empty/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    for (const args of [
      ['eval', 'intents', '--test', test],
      ['eval', 'intents', '--train', train, '--test', test, '--bogus'],
      ['eval', 'nothing'],
      ['eval', 'constructor'],
      ['frobnicate'],
      ['toString'],
      [],
    ]) {
      const io = capture();
      expect(await run(args, io), args.join(' ')).toBe(2);
      expect([...io.stderr, ...io.stdout].join('\n')).toMatch(/Usage/);
    }
    const io = capture();
    expect(await run(['eval', 'intents', '--train', join(dir, 'missing.csv'), '--test', test], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/missing\.csv: no such file/);
  });
});

describe('switchboard eval retrieval', () => {
  const articles = file(
    'articles.jsonl',
    [
      { doc_id: 'pw', question: 'How do I reset my password?', answers: ['Use the reset link on the login page.'] },
      { doc_id: 'del', question: 'How can I delete my account?', answers: ['Settings, Privacy, Delete account.'] },
      { doc_id: 'inv', question: 'Where are my invoices?', answers: ['Billing, Documents.'] },
    ]
      .map((a) => JSON.stringify(a))
      .join('\n'),
  );
  const queries = file(
    'queries.jsonl',
    [
      { query_id: '1', query: 'forgot pasword', doc_id: 'pw' },
      { query_id: '2', query: 'remove my account for good', doc_id: 'del' },
      { query_id: '3', query: 'download an invoice', doc_id: 'inv' },
    ]
      .map((q) => JSON.stringify(q))
      .join('\n'),
  );

  it('prints recall@1, recall@5 and MRR', async () => {
    const io = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', queries, '--no-word-vectors'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/recall@1\s+1\.0000[\s\S]*recall@5[\s\S]*MRR\s+1\.0000/);
    expect(JSON.parse(io.stdout.at(-1)!)).toMatchObject({ task: 'retrieval', articles: 3, queries: 3, recallAt1: 1, mrr: 1 });
  });

  it('--through-product publishes the articles in a temporary workspace and asks the product’s finder: the same figures', async () => {
    const plain = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', queries], plain)).toBe(0);
    const io = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', queries, '--through-product'], io)).toBe(0);
    expect(io.stdout[0]).toBe('retrieval through the product: 3 articles, 3 queries');
    const product = JSON.parse(io.stdout.at(-1)!);
    const expected = JSON.parse(plain.stdout.at(-1)!);
    expect(product).toMatchObject({ task: 'retrieval', articles: 3, queries: 3 });
    expect({ r1: product.recallAt1, r5: product.recallAt5, mrr: product.mrr }).toEqual({ r1: expected.recallAt1, r5: expected.recallAt5, mrr: expected.mrr });
    expect(product.recallAt1).toBe(1);
    // The server is started for this and nothing of it stays behind.
    expect(io.stderr.join('\n')).toMatch(/temporary workspace/);
  }, 60_000);

  it('--through-product refuses --no-word-vectors (the product runs with its vectors)', async () => {
    const io = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', queries, '--through-product', '--no-word-vectors'], io)).toBe(2);
  });

  it('--through-product names the line of a query pointing at no article', async () => {
    const bad = file('bad-queries-product.jsonl', `${JSON.stringify({ query: 'x', doc_id: 'pw' })}\n${JSON.stringify({ query: 'y', doc_id: 'nope' })}\n`);
    const io = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', bad, '--through-product'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/line 2: doc_id "nope" is not among the articles/);
  });

  it('names the line of a query pointing at no article', async () => {
    const bad = file('bad-queries.jsonl', `${JSON.stringify({ query: 'x', doc_id: 'pw' })}\n${JSON.stringify({ query: 'y', doc_id: 'nope' })}\n`);
    const io = capture();
    expect(await run(['eval', 'retrieval', '--articles', articles, '--queries', bad, '--no-word-vectors'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/line 2: doc_id "nope" is not among the articles/);
  });
});

describe('switchboard eval sentiment', () => {
  const make = (n: number) => {
    const data: [string, string][] = [];
    const neg = [
      'awful service',
      'my flight is late again',
      'worst airline ever',
      'lost my bag, terrible',
      'rude staff and delays',
      'cancelled without notice',
    ];
    const neu = [
      'what time is boarding',
      'can I bring a pet',
      'which terminal for the flight',
      'how heavy can bags be',
      'is there wifi on board',
      'do you fly to boston',
    ];
    const pos = ['thanks for the upgrade', 'great crew today', 'love this airline', 'smooth flight, thank you', 'amazing service', 'friendly staff, cheers'];
    for (let i = 0; i < n; i++) data.push([neg[i]!, 'negative'], [neu[i]!, 'neutral'], [pos[i]!, 'positive']);
    return data;
  };
  it('trains on the file given and prints accuracy and macro F1', async () => {
    const header = 'id,text,sentiment';
    const body = (data: [string, string][]) => `${header}\n${data.map(([t, s], i) => `${i},"${t}",${s}`).join('\n')}\n`;
    const train = file('s-train.csv', body(make(5)));
    const test = file(
      's-test.csv',
      body([
        ['what time is the flight', 'neutral'],
        ['terrible delays, awful', 'negative'],
        ['thank you, great flight', 'positive'],
      ]),
    );
    const io = capture();
    expect(await run(['eval', 'sentiment', '--train', train, '--test', test, '--no-word-vectors'], io)).toBe(0);
    const last = JSON.parse(io.stdout.at(-1)!);
    expect(last).toMatchObject({ task: 'sentiment', trainExamples: 15, testExamples: 3 });
    expect(last.accuracy).toBeGreaterThanOrEqual(2 / 3);
  });
  it('refuses an unknown sentiment naming the line', async () => {
    const train = file('s-bad.csv', 'text,sentiment\ngood,positive\nmeh,angry\n');
    const io = capture();
    expect(await run(['eval', 'sentiment', '--train', train, '--test', train, '--no-word-vectors'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/line 3: sentiment must be negative, neutral or positive/);
  });
});

describe('the switchboard binary', () => {
  it('runs end to end through tsx and sets the exit code', () => {
    const bin = fileURLToPath(new URL('../bin/switchboard.mjs', import.meta.url));
    const ok = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/eval/);
    const bad = spawnSync(process.execPath, [bin, 'eval', 'intents'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--train FILE is required/);
  });
});
