import { describe, expect, it } from 'vitest';
import { accuracy, macroF1, meanReciprocalRank, parseCsv, readArticlesJsonl, readLabelledCsv, readQueriesJsonl, recallAtK } from '../src/index.js';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, commas and new lines inside fields', () => {
    const rows = parseCsv('\ufefftext,label\n"hello, world",greet\n"say ""hi""\nplease",greet\r\nplain,x\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['text', 'label'],
      ['hello, world', 'greet'],
      ['say "hi"\nplease', 'greet'],
      ['plain', 'x'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('names the line of a broken record', () => {
    expect(() => parseCsv('a,b\nok,1\n"never closed,2\n', 'f.csv')).toThrowError(/f\.csv line 3/);
    expect(() => parseCsv('a,b\nab"c,1\n', 'f.csv')).toThrowError(/f\.csv line 2: stray quote/);
  });
});

describe('readLabelledCsv', () => {
  const options = { source: 'train.csv', textColumn: 0, labelColumn: 1 };
  it('reads text and label columns by index or by name', () => {
    expect(readLabelledCsv('text,intent\nhi there,greet\n', options)).toEqual([{ text: 'hi there', label: 'greet', line: 2 }]);
    expect(readLabelledCsv('id,text,sentiment\n1,nice,positive\n', { source: 's', textColumn: 'text', labelColumn: 'sentiment' })[0]!.label).toBe('positive');
  });
  it('refuses bad files with the line at fault', () => {
    expect(() => readLabelledCsv('', options)).toThrowError(/empty/);
    expect(() => readLabelledCsv('text,label\n', options)).toThrowError(/no examples/);
    expect(() => readLabelledCsv('text,label\nok,a\nonly-one-column\n', options)).toThrowError(/train\.csv line 3: expected 2 columns/);
    expect(() => readLabelledCsv('text,label\n,a\n', options)).toThrowError(/line 2: the text is empty/);
    expect(() => readLabelledCsv('text,label\nhello,\n', options)).toThrowError(/line 2: the label is empty/);
    expect(() => readLabelledCsv('a,b\nx,y\n', { source: 's', textColumn: 'text', labelColumn: 'sentiment' })).toThrowError(/no "text" column/);
  });
});

describe('JSON Lines', () => {
  it('reads StackFAQ-style articles and queries', () => {
    const articles = readArticlesJsonl('{"doc_id":"a","question":"Q?","answers":["A"]}\n\n{"id":"b","title":"T","body":"B"}\n', 'a.jsonl');
    expect(articles).toEqual([
      { id: 'a', title: 'Q?', body: undefined, answers: ['A'] },
      { id: 'b', title: 'T', body: 'B', answers: undefined },
    ]);
    expect(readQueriesJsonl('{"query_id":"q1","query":"hi","doc_id":"a"}', 'q.jsonl')).toEqual([{ id: 'q1', query: 'hi', articleId: 'a', line: 1 }]);
  });
  it('names the line of a bad record', () => {
    expect(() => readArticlesJsonl('{"doc_id":"a","question":"Q"}\n{oops\n', 'a.jsonl')).toThrowError(/a\.jsonl line 2: not valid JSON/);
    expect(() => readArticlesJsonl('{"doc_id":"a"}', 'a.jsonl')).toThrowError(/line 1: missing "question"/);
    expect(() => readArticlesJsonl('{"doc_id":"a","question":"Q"}\n{"doc_id":"a","question":"Q"}', 'a.jsonl')).toThrowError(/line 2: duplicate/);
    expect(() => readQueriesJsonl('{"query":"x"}', 'q.jsonl')).toThrowError(/q\.jsonl line 1: missing "doc_id"/);
  });
});

describe('metrics', () => {
  it('computes accuracy and macro F1', () => {
    expect(accuracy(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    // a: tp1 fp1 fn0 -> 2/3; b: tp1 fp0 fn1 -> 2/3
    expect(macroF1(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    expect(macroF1(['a', 'b'], [null, null])).toBe(0);
  });
  it('computes recall@k and MRR from ranks', () => {
    expect(recallAtK([1, 3, null, 6], 1)).toBe(0.25);
    expect(recallAtK([1, 3, null, 6], 5)).toBe(0.5);
    expect(meanReciprocalRank([1, 2, null, 4])).toBeCloseTo((1 + 0.5 + 0.25) / 4);
  });
});
