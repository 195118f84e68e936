/**
 * Widget weight: what a website pays for the launcher, and what the first
 * open costs: in English (built into the app) and in the heaviest other
 * locale (its words are one more file, fetched before the chat is drawn).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { framePage } from '../packages/server/src/web/pages.js';
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
