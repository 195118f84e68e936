/**
 * The app is a value: createApp builds everything from its dependencies, so
 * tests start it in-process on port 0 with real clients, and main.ts starts it
 * for real.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { migrate, openDatabase, type DatabaseHandle } from './db/database.js';
import { EventBus } from './events/events.js';
import { createDiskFileStore, type FileStore } from './attachment/file-store.js';
import { attachmentRoutes } from './attachment/attachment.routes.js';
import { contactRoutes } from './contact/contact.routes.js';
import { contactAttributeRoutes } from './contact/contact-attribute.routes.js';
import { contactImportRoutes } from './contact/import/import.routes.js';
import { recordRoutes } from './record/record.routes.js';
import { conversationRoutes } from './conversation/conversation.routes.js';
import { installErrorHandlers } from './http/errors.js';
import { installSecurityHooks } from './http/security.js';
import { buildOpenApi } from './http/openapi.js';
import { registerRoutes, type RouteDef } from './http/route.js';
import { inboxRoutes } from './inbox/inbox.routes.js';
import { labelRoutes } from './label/label.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { workflowRoutes } from './conversation/workflow.routes.js';
import { MessageWriter } from './message/message-writer.js';
import { SqliteFastPath } from './message/sqlite-fast-path.js';
import { authRoutes } from './operator/auth.routes.js';
import { cannedRoutes } from './canned/canned.routes.js';
import { CannedSearch } from './canned/canned-search.js';
import { teamRoutes } from './team/team.routes.js';
import { hoursRoutes } from './hours/hours.routes.js';
import { slaRoutes } from './sla/sla.routes.js';
import { subscribeSla } from './sla/subscribe.js';
import { macroRoutes } from './macro/macro.routes.js';
import { scheduledRoutes } from './scheduled/scheduled.routes.js';
import { operatorRoutes } from './operator/operator.routes.js';
import { createMemoryPubSub } from './pubsub/memory.js';
import type { PubSub } from './pubsub/pubsub.js';
import { createRedisPubSub } from './pubsub/redis.js';
import { subscribeFanout } from './realtime/fanout.js';
import { subscribeTeamFanout } from './realtime/team-fanout.js';
import { subscribeContactFanout } from './realtime/contact-fanout.js';
import { noteRoutes } from './note/note.routes.js';
import { escalationRoutes } from './escalation/escalation.routes.js';
import { createGateway, type Gateway } from './realtime/gateway.js';
import { Presence } from './realtime/presence.js';
import { Availability } from './realtime/availability.js';
import { triggerRoutes } from './trigger/trigger.routes.js';
import { inboxHours } from './hours/inbox-hours.js';
import { offShiftNow } from './hours/schedule.js';
import { subscribeScheduleFanout } from './realtime/schedule-fanout.js';
import { taskRoutes } from './task/task.routes.js';
import { articleRoutes } from './article/article.routes.js';
import { widgetArticleRoutes } from './article-assist/widget-articles.routes.js';
import { registerHelp } from './article/help.routes.js';
import { subscribeTaskFanout } from './task/task-fanout.js';
import { subscribeVisitorPresence } from './realtime/visitor-events.js';
import { VisitorPresence } from './realtime/visitor-presence.js';
import { scheduleVisitRetention } from './visitor/visit-retention.js';
import { visitorRoutes } from './visitor/visitor.routes.js';
import { visitorEventRoutes } from './visitor/visitor-event.routes.js';
import { room, Rooms } from './realtime/rooms.js';
import { scheduleMaintenance } from './maintenance.js';
import { installFeatures } from './features.js';
import { createJobs } from './jobs/jobs.js';
import { productRoutes } from './product/product.routes.js';
import { productSuggestRoutes } from './product-suggest/product-suggest.routes.js';
import { registerWeb } from './web/web.routes.js';
import { widgetRoutes } from './widget/widget.routes.js';
import { formRoutes } from './forms/form.routes.js';
import { identityRoutes } from './identity/identity.routes.js';
import { avatarRoutes } from './operator/avatar.routes.js';
import { transcriptRoutes } from './transcript/transcript.routes.js';
import { QueuePositions } from './routing/queue-positions.js';
import { Router } from './routing/router.js';
import { operatorStatusChanged, subscribeRouting } from './routing/subscribe.js';
import { routingRoutes } from './routing/routing.routes.js';
import { RulesEngine } from './rules/engine.js';
import { ruleRoutes } from './rules/rule.routes.js';
import { subscribeRules } from './rules/subscribe.js';
import { ArticleFinder } from './article-assist/article-finder.js';
import { WorkspaceLanguageModel } from './language-model/workspace-language-model.js';
import { languageModelRoutes } from './language-model/language-model.routes.js';
import { articleInsertRoutes } from './article-assist/article-insert.routes.js';
import { curationRoutes } from './article-curation/curation.routes.js';
import { scheduleCuration, subscribeCuration } from './article-curation/curation.jobs.js';
import { wallRoutes } from './wall/wall.routes.js';
import { emailInboundRoutes } from './email-inbound/email-inbound.routes.js';
import { createInboundSmtp, type InboundSmtp } from './email-inbound/smtp-listener.js';
import type { MoodQueue } from './mood/mood-queue.js';
import { createMoodScoring, subscribeMoodFanout } from './mood/subscribe.js';
import { replySuggestRoutes } from './reply-suggest/reply-suggest.routes.js';
import { subscribeReplySuggestions } from './reply-suggest/subscribe.js';
import { emailRoutes } from './email/email.routes.js';
import { subscribeEmail } from './email/subscribe.js';
import { subscribeEmailFanout } from './email/fanout.js';
import { subscribeRichFanout } from './rich/fanout.js';
import { richRoutes } from './rich/rich.routes.js';
import { tokenResources } from './api-token/api-token.js';
import { apiTokenRoutes } from './api-token/api-token.routes.js';
import { BotService } from './webhook/bot.service.js';
import { handleDeliveries } from './webhook/deliver.js';
import { subscribeBots, subscribeWebhooks, WebhookTargets } from './webhook/subscribe.js';
import { webhookRoutes } from './webhook/webhook.routes.js';
import { VirtualAgent } from './virtual-agent/virtual-agent.service.js';
import { virtualAgentRoutes } from './virtual-agent/virtual-agent.routes.js';
import { intentRoutes } from './intent/intent.routes.js';
import { startIntents } from './intent/subscribe.js';
import { WebhookService } from './webhook/webhook.service.js';
import { subscribeSummaries } from './summary/subscribe.js';
import { summaryRoutes } from './summary/summary.routes.js';
import { salesRoutes } from './sales/sales.routes.js';
import { subscribeSales } from './sales/subscribe.js';

export const VERSION = '0.1.0';

export interface AppDeps {
  config: Readonly<Config>;
  /** Defaults to the database the config names, migrated. */
  database?: DatabaseHandle;
  /** Defaults to Redis when the config names it, else in-process. */
  pubsub?: PubSub;
  files?: FileStore;
  logger?: Logger;
  /** The one clock (tests pass a ManualClock and move time instead of sleeping). */
  clock?: Clock;
}

export interface App {
  ctx: Context;
  http: FastifyInstance;
  gateway: Gateway;
  /** Routing on this node: the queues and their positions. */
  router: Router;
  /** Workspace rules on this node: their compiled cache and evaluation. */
  rules: RulesEngine;
  /** Mood scoring on this node; null when MOOD_SCORING=off. */
  moods: MoodQueue | null;
  /** The inbound SMTP listener (INBOUND_SMTP=on) and its port once listening; null when off. */
  smtp: { listener: InboundSmtp; port: number | null } | null;
  routes: RouteDef[];
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful: stop accepting, tell clients, store what is queued, close storage. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'apiKey', '*.apiKey'] });
  const database = deps.database ?? (await openDatabase(config.database));
  await migrate(database.db, database.sqlite);
  const pubsub = deps.pubsub ?? (config.redis ? await createRedisPubSub(config.redis.url, config.redis.prefix) : createMemoryPubSub());
  const events = new EventBus((err, event) => log.error({ err, event: event.type }, 'event handler failed'));
  const onError = (err: unknown) => log.error({ err }, 'realtime failure');

  const ctx = {
    config,
    db: database.db,
    dbKind: database.kind,
    pubsub,
    events,
    files: deps.files ?? createDiskFileStore(join(config.dataDir, 'attachments')),
    log,
    clock,
    now: () => clock.now(),
  } as Context;
  ctx.writer = new MessageWriter(database.db, database.kind, events, database.sqlite ? new SqliteFastPath(database.sqlite) : undefined);
  ctx.jobs = createJobs(ctx);
  ctx.languageModel = new WorkspaceLanguageModel(ctx);
  installFeatures(ctx);

  const rooms = new Rooms(pubsub, onError);
  subscribeFanout(events, rooms, onError);
  subscribeTeamFanout(events, rooms, onError);
  subscribeContactFanout(events, rooms, database.db, onError);
  subscribeMoodFanout(ctx, rooms, onError);
  subscribeTaskFanout(ctx, rooms, onError);
  subscribeReplySuggestions(ctx, rooms);
  subscribeSummaries(ctx, rooms, onError);
  subscribeSales(ctx, rooms, onError);
  const moods = createMoodScoring(ctx, database.sqlite ?? undefined);
  const presence: Presence = new Presence(
    pubsub,
    randomUUID(),
    (workspaceId, operatorId, status) => {
      rooms.publish(room.operators(workspaceId), { type: 'presence', operatorId, status }).catch(onError);
      availability.changed(workspaceId);
      operatorStatusChanged(ctx, router, (id) => presence.connectedHere(id), workspaceId, operatorId, status);
    },
    clock,
    config.offlineGraceMs,
  );
  const availability = new Availability(
    presence,
    rooms,
    (inbox) => inboxHours(ctx.db, inbox, ctx.now()),
    clock,
    (workspaceId) => offShiftNow(ctx.db, workspaceId, ctx.now()),
  );
  await availability.start(pubsub);
  subscribeScheduleFanout(ctx, rooms);
  const positions = new QueuePositions(ctx, rooms, presence);
  const router = new Router(ctx, presence, rooms, positions);
  subscribeRouting(ctx, router);
  subscribeSla(ctx);
  subscribeEmail(ctx);
  subscribeEmailFanout(ctx, rooms, onError);
  subscribeRichFanout(ctx, rooms, onError);
  const webhookTargets = new WebhookTargets(ctx);
  subscribeWebhooks(ctx, webhookTargets);
  subscribeBots(ctx);
  handleDeliveries(ctx);
  await positions.start();
  const rules = new RulesEngine(ctx, async (ids, frame) => {
    await Promise.all(ids.map((id) => rooms.publish(room.operator(id), frame)));
  });
  await rules.start();
  subscribeRules(ctx, rules);
  await presence.start();
  const visitors = new VisitorPresence(pubsub, clock, randomUUID(), {}, onError);
  await visitors.start();
  subscribeVisitorPresence(ctx, visitors);
  const canned = new CannedSearch(ctx);
  await canned.start();
  ctx.articles = new ArticleFinder(ctx);
  await ctx.articles.start();
  subscribeCuration(ctx);
  const bots = new BotService(ctx, webhookTargets, router);
  const virtualAgent = new VirtualAgent(ctx, bots);
  virtualAgent.start();
  const intents = await startIntents(ctx, (name, frame) => rooms.publish(name, frame));

  const http: FastifyInstance = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Closing does not wait for keep-alive connections a client left half-read: what was stored is committed
    // (the writer drains after), and clients retry what got no answer (sends are idempotent by client id).
    forceCloseConnections: true,
  });
  installErrorHandlers(http);
  // The API speaks JSON (and multipart for uploads) only.
  http.removeContentTypeParser('text/plain');
  // …and raw mail for the relay endpoint (email-inbound/), up to the inbound size limit.
  http.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: config.inboundMaxBytes }, (_req, body, done) => done(null, body));
  await http.register(fastifyMultipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 5 } });

  const routes: RouteDef[] = [
    ...authRoutes(ctx, presence),
    ...operatorRoutes(ctx, presence),
    ...inboxRoutes(ctx),
    ...conversationRoutes(ctx),
    ...noteRoutes(ctx),
    ...contactRoutes(ctx),
    ...contactAttributeRoutes(ctx),
    ...contactImportRoutes(ctx),
    ...recordRoutes(ctx),
    ...attachmentRoutes(ctx),
    ...identityRoutes(ctx),
    ...widgetRoutes(ctx, presence, availability),
    ...formRoutes(ctx),
    ...transcriptRoutes(ctx),
    ...avatarRoutes(ctx),
    ...labelRoutes(ctx),
    ...searchRoutes(ctx),
    ...workflowRoutes(ctx),
    ...teamRoutes(ctx, canned),
    ...hoursRoutes(ctx),
    ...cannedRoutes(ctx, canned),
    ...macroRoutes(ctx),
    ...scheduledRoutes(ctx),
    ...visitorRoutes(ctx, visitors),
    ...visitorEventRoutes(ctx),
    ...routingRoutes(ctx, router),
    ...escalationRoutes(ctx),
    ...slaRoutes(ctx),
    ...ruleRoutes(ctx, rules),
    ...wallRoutes(ctx, presence),
    ...emailRoutes(ctx),
    ...emailInboundRoutes(ctx),
    ...taskRoutes(ctx),
    ...articleRoutes(ctx),
    ...widgetArticleRoutes(ctx),
    ...articleInsertRoutes(ctx),
    ...curationRoutes(ctx),
    ...replySuggestRoutes(ctx),
    ...languageModelRoutes(ctx),
    ...virtualAgentRoutes(ctx, virtualAgent, bots),
    ...summaryRoutes(ctx),
    ...salesRoutes(ctx),
    ...intentRoutes(ctx, intents),
    ...productRoutes(ctx),
    ...productSuggestRoutes(ctx),
    ...triggerRoutes(ctx, availability),
    ...richRoutes(ctx),
    ...webhookRoutes(ctx, new WebhookService(ctx, webhookTargets), new BotService(ctx, webhookTargets, router)),
  ];
  // Last: tokens can be scoped to the resources of every other route.
  routes.push(...apiTokenRoutes(ctx, tokenResources(routes)));
  installSecurityHooks(http, config, routes);
  registerRoutes(http, ctx, routes);
  const openapi = buildOpenApi(routes, VERSION);
  http.get('/api/openapi.json', async () => openapi);
  http.get('/healthz', async () => ({ status: 'ok' }));
  http.get('/readyz', async (_req, reply) => {
    try {
      await Promise.all([database.ping(), pubsub.ping()]);
      return { status: 'ready', database: database.kind, pubsub: config.redis || deps.pubsub ? 'external' : 'memory' };
    } catch {
      return reply.code(503).send({ error: { code: 'unavailable', message: 'Storage or pub/sub is not reachable' } });
    }
  });
  await registerWeb(http, ctx);
  await registerHelp(http, ctx);

  const gateway = createGateway({ ctx, rooms, presence, availability, visitors, queue: positions });
  gateway.attach(http.server);

  const smtp = config.inboundSmtp ? { listener: createInboundSmtp(ctx, config.inboundSmtp), port: null as number | null } : null;

  let closed = false;
  return {
    ctx,
    http,
    gateway,
    router,
    rules,
    moods,
    smtp,
    routes,
    async listen(port = config.port, host = config.host) {
      await http.listen({ port, host });
      if (smtp) smtp.port = await smtp.listener.listen();
      // Jobs run once the app is up; the first sweep is scheduled once for all nodes (a fixed key).
      ctx.jobs.start();
      await scheduleMaintenance(ctx);
      await scheduleVisitRetention(ctx);
      await scheduleCuration(ctx);
      const addr = http.server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      // First: running handlers may still send messages, publish and write while they finish.
      await ctx.jobs.stop();
      await gateway.close();
      rooms.close();
      await smtp?.listener.close();
      await http.close();
      await ctx.writer.close();
      await moods?.close();
      await ctx.articles.stop();
      await intents.stop();
      await presence.stop();
      await availability.stop();
      await visitors.stop();
      await positions.stop();
      await canned.stop();
      if (!deps.pubsub) await pubsub.close();
      if (!deps.database) await database.close();
    },
  };
}
