/**
 * CSV import of 100,000 contacts, through the HTTP API of a Switchboard
 * process (the production bundle): upload, check every row, import (a
 * durable job, staged in chunks, made visible in one step). Meanwhile a
 * visitor sends a message every 20 ms and the time to its acknowledgement
 * (stored, on the same database) is measured: the import must not hold
 * message sends up. Then the same file again with every company changed:
 * 100,000 updates, whose final step is the longest write an import makes.
 * SQLite always; PostgreSQL too when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newVisitor, visitorClient } from '../test/support/clients.js';
import { api, login } from '../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../test/support/services.js';
import { figure, percentile, startSwitchboard } from './support.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ADMIN = { email: 'bench-admin@example.com', password: 'correct horse battery staple' };
const SEND_EVERY_MS = 20;

function csvOf(company: string): string {
  const lines = ['Name,Email,Phone,Company,Plan,Labels'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `Person ${i},person-${i}@bench.test,+1 555 ${String(i).padStart(6, '0')},${company} ${i % 1000},${i % 3 ? 'Pro' : 'Free'},${i % 10 ? '' : 'VIP'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Run {
  upload: number;
  check: number;
  importing: number;
  sends: number[];
}

async function measure(name: string, env: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-import-bench-'));
  const server = await startSwitchboard({ DATA_DIR: dir, SWITCHBOARD_ADMIN_EMAIL: ADMIN.email, SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password, ...env });
  try {
    const token = await login(server.url, ADMIN);
    await api(server.url, '/api/v1/labels', { token, body: { name: 'VIP' } });
    await api(server.url, '/api/v1/contact-attributes', { token, body: { key: 'plan', label: 'Plan', type: 'list', options: ['Free', 'Pro'] } });
    const inbox = (await api<{ items: { websiteKey: string }[] }>(server.url, '/api/v1/inboxes', { token })).body.items[0]!;
    const v = await newVisitor(server.url, inbox.websiteKey);
    const visitor = visitorClient(server.wsUrl, inbox.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    let n = 0;
    const send = async () => {
      const t = performance.now();
      await visitor.client.send({ body: `Message ${n++} while importing` });
      return performance.now() - t;
    };
    // The message path with nothing else going on, for comparison.
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) idle.push(await send());
    idle.sort((x, y) => x - y);
    console.log(`    ${name}, no import: message ack p50 ${percentile(idle, 50).toFixed(1)} ms, worst ${idle.at(-1)!.toFixed(1)} ms`);

    const run = async (company: string): Promise<Run> => {
      const csv = csvOf(company);
      let t = performance.now();
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
      const up = await fetch(`${server.url}/api/v1/contact-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const { import: imp, suggested } = (await up.json()) as { import: { id: string }; suggested: string[] };
      const upload = performance.now() - t;
      t = performance.now();
      const check = await api<{ report: { valid: number } }>(server.url, `/api/v1/contact-imports/${imp.id}/check`, { token, body: { mapping: suggested } });
      if (check.body.report.valid !== ROWS) throw new Error(`check: ${JSON.stringify(check.body).slice(0, 300)}`);
      const checked = performance.now() - t;
      // Sends every 20 ms, each timed to its ack, for as long as the import runs.
      const sends: number[] = [];
      let running = true;
      const sender = (async () => {
        while (running) {
          sends.push(await send());
          await new Promise((r) => setTimeout(r, SEND_EVERY_MS));
        }
      })();
      t = performance.now();
      await api(server.url, `/api/v1/contact-imports/${imp.id}/start`, { token, body: {} });
      for (;;) {
        const s = (await api<{ status: string }>(server.url, `/api/v1/contact-imports/${imp.id}`, { token })).body;
        if (s.status === 'done') break;
        if (s.status === 'failed' || s.status === 'cancelled') throw new Error(`import ${s.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const importing = performance.now() - t;
      running = false;
      await sender;
      return { upload, check: checked, importing, sends: sends.sort((x, y) => x - y) };
    };

    for (const [label, company] of [
      ['new contacts', 'Acme'],
      ['every one updated', 'Globex'],
    ] as const) {
      const r = await run(company);
      const total = (r.upload + r.check + r.importing) / 1000;
      console.log(
        `    ${name}, ${ROWS} rows (${label}): upload ${(r.upload / 1000).toFixed(1)} s, check ${(r.check / 1000).toFixed(1)} s, import ${(r.importing / 1000).toFixed(1)} s; ` +
          `${r.sends.length} messages sent meanwhile, ack p50 ${percentile(r.sends, 50).toFixed(1)} ms, p99 ${percentile(r.sends, 99).toFixed(1)} ms ` +
          `(load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs)`,
      );
      figure(`${name}: ${label}, upload to done`, `${total.toFixed(1)} s`, '< 60 s', total < 60);
      const worst = r.sends.at(-1)!;
      figure(`${name}: ${label}, worst message ack`, `${worst.toFixed(0)} ms`, '< 500 ms', worst < 500);
    }
    visitor.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\nContact CSV import (${ROWS} rows through the HTTP API, a message sent every ${SEND_EVERY_MS} ms meanwhile)`);
await measure('SQLite', {});
if (hasPostgres) {
  const { schema, drop } = await createPgSchema();
  try {
    await measure('PostgreSQL', { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema });
  } finally {
    await drop();
  }
}
