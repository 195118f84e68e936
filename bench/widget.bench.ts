/**
 * Widget weight: what a website pays for the launcher, and what the first
 * open costs: in English (built into the app) and in the heaviest other
 * locale (its words are one more file, fetched before the chat is drawn).
 * Then an inbox with five proactive triggers (a server in this process): the
 * loader is the same file, the trigger script and the rules' answer come on
 * top for such sites only, and the first open is still the same app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { framePage } from '../packages/server/src/web/pages.js';
import { api, login, startTestServer } from '../test/support/server.js';
import { figure, repo } from './support.js';

const dist = `${repo}packages/widget/dist`;
if (!existsSync(`${dist}/app.js`) || !existsSync(`${dist}/locales`))
  spawnSync(process.execPath, ['packages/widget/build.mjs'], { cwd: repo, stdio: 'inherit' });
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;

const loader = gz(readFileSync(`${dist}/loader.js`));
const firstOpen = gz(readFileSync(`${dist}/app.js`)) + gz(readFileSync(`${dist}/app.css`)) + gz(framePage());
const locales = readdirSync(`${dist}/locales`)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ lang: f.replace(/\.json$/, ''), bytes: gz(readFileSync(`${dist}/locales/${f}`)) }))
  .sort((a, b) => b.bytes - a.bytes);
const heaviest = locales[0];

console.log('\nWidget weight (gzipped, level 9)');
figure('loader (widget.js)', `${loader} B`, '<= 2048 B', loader <= 2048);
figure('first open in English (html + js + css)', `${firstOpen} B`, '<= 30720 B', firstOpen <= 30 * 1024);
if (heaviest) {
  const total = firstOpen + heaviest.bytes;
  figure(`first open in ${heaviest.lang}, the heaviest locale`, `${total} B`, '<= 30720 B', total <= 30 * 1024);
  console.log(`  each locale's words: ${locales.map((l) => `${l.lang} ${l.bytes} B`).join(', ')}`);
}
console.log('  for comparison: Intercom and Rocket.Chat ship hundreds of KB, Crisp about 130 KB');

// An inbox with five triggers: what its pages load besides the loader (the trigger script and the rules' answer).
const triggers = gz(readFileSync(`${dist}/triggers.js`));
const server = await startTestServer();
try {
  const token = await login(server.url);
  const inboxId = (await api<{ items: { id: string }[] }>(server.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  const five = [
    {
      name: 'Product help',
      conditions: { urlPattern: '*/products/*', timeOnPage: 20 },
      messages: { a: { en: 'Need a hand choosing?', de: 'Brauchen Sie Hilfe bei der Auswahl?' } },
    },
    {
      name: 'Big cart',
      conditions: { event: { name: 'cart_viewed', conditions: [{ property: 'value', op: 'gte', value: 100 }] } },
      messages: { a: { en: 'Free shipping on this order: any questions before you pay?' }, b: { en: 'Questions about your order? We are here.' } },
    },
    {
      name: 'Leaving',
      conditions: { exitIntent: true, pagesViewed: 2 },
      messages: { a: { en: 'Before you go: 10% off with WELCOME10.' } },
      frequency: { per: 'visit' },
    },
    { name: 'Ads', conditions: { utmSource: 'google', utmCampaign: 'spring' }, messages: { a: { en: 'Welcome! Looking for the spring collection?' } } },
    {
      name: 'Returning',
      conditions: { visitors: 'returning', referrerContains: 'newsletter' },
      messages: { a: { en: 'Welcome back!' } },
      onlyWhen: 'operators_available',
    },
  ];
  for (const t of five) {
    const made = await api(server.url, `/api/v1/inboxes/${inboxId}/triggers`, { token, body: t });
    if (made.status !== 201) throw new Error(`trigger refused: ${JSON.stringify(made.body)}`);
  }
  const answer = async (path: string) => gz(await (await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'en' } })).text());
  const look = await answer(`/api/v1/widget/look?key=${server.websiteKey}`);
  const rules = await answer(`/api/v1/widget/triggers?key=${server.websiteKey}`);
  console.log('\nAn inbox with five triggers (gzipped, level 9)');
  figure('loader (widget.js), the same file', `${loader} B`, '<= 2048 B', loader <= 2048);
  figure('trigger script (triggers.js)', `${triggers} B`, 'loaded only with triggers', null);
  figure("the look's answer, the rules' answer", `${look} B, ${rules} B`, 'cached a minute', null);
  figure('first open in English, the same app', `${firstOpen} B`, '<= 30720 B', firstOpen <= 30 * 1024);
  console.log(`  a page of this inbox before any open: ${loader + look + triggers + rules} B (loader, look, trigger script, rules)`);
} finally {
  await server.close();
}
