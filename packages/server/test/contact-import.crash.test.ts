/**
 * A CSV import survives its process dying midway. Switchboard runs as a
 * child process on SQLite; an import of 40,000 contacts is started and the
 * process is killed (SIGKILL) once part of it is staged. Nothing of the
 * import is visible then (the database read directly, as the server would
 * read it). Started again, the import goes on from where it was and ends
 * with every contact once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, spawnServer } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';

const ROWS = 40_000;
const dir = mkdtempSync(join(tmpdir(), 'sb-import-crash-'));
const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_EMAIL: 'admin@example.com', SWITCHBOARD_ADMIN_PASSWORD: 'correct horse battery', JOB_LEASE_SECONDS: '2' };
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface ImportState {
  status: string;
  done: number;
  total: number;
  created: number;
}

/** Contacts of the file as every read sees them (not staged by an import still running), and all rows of it. */
function counts(): { visible: number; stored: number } {
  const db = new SQLite(join(dir, 'switchboard.db'), { readonly: true });
  try {
    const visible = db
      .prepare(
        `select count(*) as n from contacts where email like 'crash-%' and merged_into is null
         and (import_id is null or import_id in (select id from contact_imports where status = 'done'))`,
      )
      .get() as { n: number };
    const stored = db.prepare(`select count(*) as n from contacts where email like 'crash-%'`).get() as { n: number };
    return { visible: visible.n, stored: stored.n };
  } finally {
    db.close();
  }
}

async function waitFor(get: () => Promise<ImportState>, cond: (s: ImportState) => boolean, what: string, ms = 60_000): Promise<ImportState> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await get();
    if (cond(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a contact import killed midway', () => {
  it('shows nothing of it until it ends, then every contact once', async () => {
    server = await spawnServer(env);
    let token = await login(server.url, { email: env.SWITCHBOARD_ADMIN_EMAIL, password: env.SWITCHBOARD_ADMIN_PASSWORD });
    const csv = `name,email\n${Array.from({ length: ROWS }, (_, i) => `Crash ${i},crash-${i}@import.test`).join('\n')}\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'crash.csv');
    const up = await fetch(`${server.url}/api/v1/contact-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const id = ((await up.json()) as { import: { id: string } }).import.id;
    await api(server.url, `/api/v1/contact-imports/${id}/check`, { token, body: { mapping: ['name', 'email'] } });
    const get = async () => (await api<ImportState>(server!.url, `/api/v1/contact-imports/${id}`, { token })).body;
    await api(server.url, `/api/v1/contact-imports/${id}/start`, { token, body: {} });

    const midway = await waitFor(get, (s) => s.done >= 2_000, 'part of the import staged');
    await server.kill('SIGKILL');
    expect(midway.done).toBeLessThan(ROWS);
    const afterCrash = counts();
    expect(afterCrash.stored).toBeGreaterThanOrEqual(midway.done);
    expect(afterCrash.visible).toBe(0);

    server = await spawnServer(env);
    token = await login(server.url, { email: env.SWITCHBOARD_ADMIN_EMAIL, password: env.SWITCHBOARD_ADMIN_PASSWORD });
    const end = await waitFor(get, (s) => s.status === 'done' || s.status === 'failed', 'the import to end');
    expect(end).toMatchObject({ status: 'done', done: ROWS, total: ROWS, created: ROWS });
    expect(counts()).toEqual({ visible: ROWS, stored: ROWS });
    const found = await api<{ items: { email: string }[] }>(server.url, '/api/v1/contacts?q=crash-39999@import.test', { token });
    expect(found.body.items.map((c) => c.email)).toEqual(['crash-39999@import.test']);
  }, 120_000);
});
