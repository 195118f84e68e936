/** Widget weight: what a website pays for the launcher, and what the first open costs. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { framePage } from '../packages/server/src/web/pages.js';
import { figure, repo } from './support.js';

const dist = `${repo}packages/widget/dist`;
if (!existsSync(`${dist}/app.js`)) spawnSync(process.execPath, ['packages/widget/build.mjs'], { cwd: repo, stdio: 'inherit' });
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;

const loader = gz(readFileSync(`${dist}/loader.js`));
const firstOpen = gz(readFileSync(`${dist}/app.js`)) + gz(readFileSync(`${dist}/app.css`)) + gz(framePage());

console.log('\nWidget weight (gzipped, level 9)');
figure('loader (widget.js)', `${loader} B`, '<= 2048 B', loader <= 2048);
figure('chat app first open (html + js + css)', `${firstOpen} B`, '<= 30720 B', firstOpen <= 30 * 1024);
console.log('  for comparison: Intercom and Rocket.Chat ship hundreds of KB, Crisp about 130 KB');
