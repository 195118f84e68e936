/** Starts Switchboard: config from the environment, first-start setup, graceful shutdown. */
import { createApp } from './app.js';
import { offsetClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { ensureFirstWorkspace } from './demo/bootstrap.js';
import { seedDemoArticles } from './demo/demo-articles.js';
import { seedDemoShop } from './demo/demo-shop.js';
import { helpBase } from './article/article.service.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp({ config, ...(config.testClockOffsetMs ? { clock: offsetClock(config.testClockOffsetMs) } : {}) });
  const first = await ensureFirstWorkspace(app.ctx);
  // The demo shop's help centre, made once with the workspace (a failure here loses nothing else).
  if (first && config.demo) await seedDemoArticles(app.ctx, first.email).catch((err) => app.ctx.log.error({ err }, 'demo articles not created'));
  // The demo shop's catalogue and past orders, for product suggestions (E3).
  if (first && config.demo) await seedDemoShop(app.ctx).catch((err) => app.ctx.log.error({ err }, 'demo catalogue not created'));
  const url = await app.listen();
  const base = config.publicUrl ?? url.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Switchboard is running (${app.ctx.dbKind}, ${config.redis ? 'redis' : 'in-process'} pub/sub)`,
    `  Demo shop with the chat widget:  ${base}/`,
    `  Operator console:                ${base}/console/`,
    `  API description:                 ${base}/api/openapi.json`,
  ];
  // The first workspace's public help centre (the demo's has articles).
  const firstWorkspace = await app.ctx.db.selectFrom('workspaces').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  if (firstWorkspace) lines.push(`  Help centre:                     ${base}${helpBase(firstWorkspace.id)}`);
  if (app.smtp?.port) lines.push(`  Inbound mail (SMTP):             port ${app.smtp.port}`);
  if (first) {
    lines.push('', `  First start: created the workspace and its owner ${first.email}`);
    if (first.generatedPassword) lines.push(`  Generated password (shown once; set SWITCHBOARD_ADMIN_PASSWORD to choose it): ${first.generatedPassword}`);
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close().catch((err) => app.ctx.log.error({ err }, 'shutdown failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
