import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/command.js';
import { run } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-agent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, rows: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), progress: (l) => stderr.push(l) };
}

describe('switchboard eval agent', () => {
  const articles = file('articles.jsonl', [
    { doc_id: 'pw', question: 'How do I reset my password?', answers: ['Use the reset password link on the login page.'] },
    { doc_id: 'del', question: 'How can I delete my account?', answers: ['Settings, Privacy, Delete account.'] },
    { doc_id: 'inv', question: 'Where are my invoices?', answers: ['Billing, Documents, Invoices.'] },
  ]);
  const queries = file('queries.jsonl', [
    { query_id: '1', query: 'how do I reset my password', doc_id: 'pw' },
    { query_id: '2', query: 'delete my account', doc_id: 'del' },
    { query_id: '3', query: 'where can I find my invoices', doc_id: 'inv' },
    // Nothing answers it: not answering is right, answering is wrong.
    { query_id: '4', query: 'can a zebra play the xylophone', doc_id: 'inv' },
  ]);

  it('prints the answer rate at precision 0.9 and the figures at the default threshold, from the product’s decision', async () => {
    const io = capture();
    expect(await run(['eval', 'agent', '--articles', articles, '--queries', queries], io)).toBe(0);
    expect(io.stdout[0]).toBe('virtual agent through the product: 3 articles, 4 questions');
    const r = JSON.parse(io.stdout.at(-1)!);
    expect(r).toMatchObject({ task: 'agent', articles: 3, queries: 4, targetPrecision: 0.9 });
    // The three real questions are answered, right; the off-topic one is not.
    expect(r.atDefault).toMatchObject({ threshold: 0.45, answerRate: 0.75, precision: 1 });
    expect(r.atTarget).toMatchObject({ answerRate: 0.75, precision: 1 });
    expect(io.stdout.join('\n')).toMatch(/answer rate @ p>=0\.9\s+0\.7500/);
  }, 60_000);

  it('takes a threshold and one half of the questions', async () => {
    const io = capture();
    expect(await run(['eval', 'agent', '--articles', articles, '--queries', queries, '--threshold', '0', '--split', 'odd'], io)).toBe(0);
    const r = JSON.parse(io.stdout.at(-1)!);
    // The 2nd and 4th questions: even at threshold 0, the one no article covers is not answered.
    expect(r.queries).toBe(2);
    expect(r.atDefault).toMatchObject({ threshold: 0, answerRate: 0.5, precision: 1 });
  }, 60_000);

  it('refuses bad options', async () => {
    expect(await run(['eval', 'agent', '--articles', articles, '--queries', queries, '--threshold', '2'], capture())).toBe(2);
    expect(await run(['eval', 'agent', '--articles', articles, '--queries', queries, '--split', 'third'], capture())).toBe(2);
    expect(await run(['eval', 'agent', '--articles', articles], capture())).toBe(2);
  });
});
