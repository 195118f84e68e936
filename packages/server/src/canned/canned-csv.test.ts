import { describe, expect, it } from 'vitest';
import { COLUMNS, parseCannedCsv, unprotect, writeCannedCsv } from './canned-csv.js';

const row = (shortcut: string, title: string, body: string, scope = 'personal', team = '') => ({ shortcut, title, body, scope, team });

describe('canned responses as CSV', () => {
  it('round-trips commas, quotes, line breaks and formula-like cells', () => {
    const rows = [
      row('returns', 'Returns, refunds', 'Line one\nLine "two", with a comma'),
      row('sum', '=SUM(A1)', '-1 is not a formula here', 'team', 'Billing'),
      row('plain', 'Plain', 'Hi {{contact.first_name | there}}'),
    ];
    const csv = writeCannedCsv(rows);
    expect(csv.startsWith('shortcut,title,body,scope,team\r\n')).toBe(true);
    const parsed = parseCannedCsv(csv, 100);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.records.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(parsed.records.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, unprotect(r.values[c])])))).toEqual(rows);
  });

  it('reads columns in any order, with a byte order mark, missing optional ones empty', () => {
    const parsed = parseCannedCsv('\uFEFFBody,Shortcut,Title\nHello,hi,Greeting\n', 10);
    expect(parsed).toEqual({ ok: true, records: [{ row: 2, values: { shortcut: 'hi', title: 'Greeting', body: 'Hello', scope: '', team: '' } }] });
  });

  it('refuses a file without the needed columns, with unknown ones, too long, or not CSV', () => {
    expect(parseCannedCsv('', 10)).toMatchObject({ ok: false, problems: [{ row: 1 }] });
    expect(parseCannedCsv('title,body,colour\nx,y,z\n', 10)).toEqual({
      ok: false,
      problems: [
        { row: 1, column: null, message: 'Unknown column colour: the columns are shortcut, title, body, scope, team' },
        { row: 1, column: null, message: 'Missing column shortcut' },
      ],
    });
    expect(parseCannedCsv('shortcut,title,body\na,b,c\nd,e,f\ng,h,i\n', 2)).toMatchObject({
      ok: false,
      problems: [{ row: 4, message: 'At most 2 responses in one file' }],
    });
    expect(parseCannedCsv('shortcut,title,body\n"never closed,b,c\n', 10)).toMatchObject({ ok: false, problems: [{ column: null }] });
  });
});
