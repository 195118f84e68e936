/**
 * The one typed configuration of the server, parsed once from the environment,
 * frozen, and failing fast with every problem listed. `.env.example` documents
 * each variable.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { z } from 'zod';
import { passwordProblem } from './operator/password-strength.js';

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres|postgresql|sqlite):/.test(v), 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case identifier')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
    .optional(),
  REDIS_PREFIX: z.string().default('sb:'),
  SWITCHBOARD_ADMIN_EMAIL: z.string().email().default('admin@example.com'),
  SWITCHBOARD_ADMIN_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters')
    .superRefine((v, ctx) => {
      const problem = passwordProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  SWITCHBOARD_DEMO: bool.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  SESSION_COOKIE_SECURE: bool.optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  UPLOAD_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  WIDGET_SESSION_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  WS_CONNECT_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  API_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  OPERATOR_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  JOB_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Mood of every visitor message, scored after it is stored (off: no scoring at all). */
  MOOD_SCORING: z.enum(['on', 'off']).default('on'),
  /** The sentence encoder beside the intent model's features (intent/sentence-encoder.ts); off: today's features only. */
  INTENT_ENCODER: z.enum(['use-lite', 'off']).default('use-lite'),
  /** Inbound email (email-inbound/): Switchboard's own SMTP listener for replies and mail to email inboxes. */
  INBOUND_SMTP: z.enum(['on', 'off']).default('off'),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  INBOUND_SMTP_HOST: z.string().default('0.0.0.0'),
  /** PEM files of the listener's certificate (chain) and private key: with both, it offers STARTTLS. */
  INBOUND_SMTP_TLS_CERT: z.string().optional(),
  INBOUND_SMTP_TLS_KEY: z.string().optional(),
  /** The largest mail taken, by SMTP or the relay endpoint (attachments included, before decoding). */
  INBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** Mails taken at once from one sending address (SMTP client or relay caller); then one every 2 seconds. */
  INBOUND_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /**
   * The key that encrypts secrets stored for a workspace (a language model's API key): 32 bytes as 64 hex digits
   * or base64. Unset: one is made once into DATA_DIR (secret.key, mode 0600); several nodes must share this variable.
   */
  SWITCHBOARD_SECRET_KEY: z
    .string()
    .refine((v) => secretKeyBytes(v) !== null, 'must be 32 bytes written as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  SWITCHBOARD_TEST_JOBS: bool.default(false),
  /** Tests only: the server's clock runs this far ahead of the system's (a restart "later", to see what fell due meanwhile). */
  SWITCHBOARD_TEST_CLOCK_OFFSET_MS: z.coerce.number().int().min(0).default(0),
});

export type Env = z.input<typeof schema>;

/** A 32-byte key written as 64 hex digits or base64 (url-safe or not), or null. */
export function secretKeyBytes(v: string): Buffer | null {
  const s = v.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(s) ? Buffer.from(s, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string | null;
  dataDir: string;
  database: { kind: 'sqlite'; file: string; synchronous: 'NORMAL' | 'FULL' } | { kind: 'postgres'; url: string; schema?: string; poolSize: number };
  redis: { url: string; prefix: string } | null;
  admin: { email: string; password: string | null };
  demo: boolean;
  sessionTtlMs: number;
  cookieSecure: boolean;
  attachmentMaxBytes: number;
  /** Uploads allowed at once per visitor or operator (then one every 5 s); three times as many per address. */
  uploadRateLimit: number;
  logLevel: string;
  trustProxy: boolean;
  /** Sign-in attempts allowed at once per address; then one every 5 seconds. */
  loginRateLimit: number;
  /** New widget sessions allowed at once per address; then two a second. */
  widgetSessionRateLimit: number;
  /** New realtime connections allowed at once per address; refilled over six seconds. */
  wsConnectRateLimit: number;
  /** REST calls allowed per API token per minute, counted on each node (a token bucket refilled over the minute). */
  apiTokenRateLimit: number;
  /** How long an operator whose last console closed still counts as there: then offline, and routing takes their conversations back. */
  offlineGraceMs: number;
  /** Durable jobs: handlers running at once on this node; how long a claim holds unless renewed. */
  jobs: { concurrency: number; leaseMs: number };
  /** Score each visitor message's mood after it is stored (MOOD_SCORING, on by default). */
  moodScoring: boolean;
  /** The sentence encoder intent training uses (INTENT_ENCODER, use-lite by default); null: none. */
  intentEncoder: 'use-lite' | null;
  /** Inbound email: the SMTP listener (null: off), the largest mail taken, mails at once per sending address. */
  /** `tls`: the certificate and key STARTTLS offers (null: no STARTTLS). */
  inboundSmtp: { port: number; host: string; tls: { cert: Buffer; key: Buffer } | null } | null;
  inboundMaxBytes: number;
  inboundRateLimit: number;
  /** Encrypts workspace secrets at rest (SWITCHBOARD_SECRET_KEY); null: the key file in the data directory. */
  secretKey: Buffer | null;
  /** Test only: registers the job kinds of jobs/test-jobs.ts. */
  testJobs: boolean;
  /** Tests only: how far ahead of the system clock the server's runs. */
  testClockOffsetMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The inbound listener's certificate and key, read and checked now: a file missing or a key that does not fit fails the start. */
function inboundTls(certPath: string | undefined, keyPath: string | undefined): { cert: Buffer; key: Buffer } | null {
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) throw new ConfigError(['INBOUND_SMTP_TLS_CERT, INBOUND_SMTP_TLS_KEY: set both (PEM files) for STARTTLS, or neither']);
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError([`${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
  };
  const cert = read('INBOUND_SMTP_TLS_CERT', certPath);
  const key = read('INBOUND_SMTP_TLS_KEY', keyPath);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    // The library's reason ("key values mismatch", "no start line"), never the key.
    throw new ConfigError([`INBOUND_SMTP_TLS_CERT, INBOUND_SMTP_TLS_KEY: not a PEM certificate and its private key (${(err as Error).message})`]);
  }
  return { cert, key };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.SWITCHBOARD_TEST_JOBS && e.NODE_ENV === 'production') throw new ConfigError(['SWITCHBOARD_TEST_JOBS: is for tests, never in production']);
  if (e.SWITCHBOARD_TEST_CLOCK_OFFSET_MS && e.NODE_ENV === 'production') {
    throw new ConfigError(['SWITCHBOARD_TEST_CLOCK_OFFSET_MS: is for tests, never in production']);
  }
  const dataDir = e.DATA_DIR;
  let database: Config['database'];
  if (e.DATABASE_URL?.startsWith('postgres')) {
    database = { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, ...(e.DATABASE_SCHEMA ? { schema: e.DATABASE_SCHEMA } : {}) };
  } else {
    const file = e.DATABASE_URL ? e.DATABASE_URL.replace(/^sqlite:(\/\/)?/, '') : `${dataDir}/switchboard.db`;
    database = { kind: 'sqlite', file, synchronous: e.SQLITE_SYNCHRONOUS };
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? null,
    dataDir,
    database,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : null,
    admin: { email: e.SWITCHBOARD_ADMIN_EMAIL, password: e.SWITCHBOARD_ADMIN_PASSWORD ?? null },
    demo: e.SWITCHBOARD_DEMO,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.SESSION_COOKIE_SECURE ?? e.NODE_ENV === 'production',
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    uploadRateLimit: e.UPLOAD_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    widgetSessionRateLimit: e.WIDGET_SESSION_RATE_LIMIT,
    wsConnectRateLimit: e.WS_CONNECT_RATE_LIMIT,
    apiTokenRateLimit: e.API_TOKEN_RATE_LIMIT,
    offlineGraceMs: e.OPERATOR_OFFLINE_GRACE_SECONDS * 1000,
    jobs: { concurrency: e.JOB_CONCURRENCY, leaseMs: e.JOB_LEASE_SECONDS * 1000 },
    moodScoring: e.MOOD_SCORING === 'on',
    intentEncoder: e.INTENT_ENCODER === 'off' ? null : e.INTENT_ENCODER,
    inboundSmtp:
      e.INBOUND_SMTP === 'on'
        ? { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST, tls: inboundTls(e.INBOUND_SMTP_TLS_CERT, e.INBOUND_SMTP_TLS_KEY) }
        : null,
    inboundMaxBytes: e.INBOUND_MAX_BYTES,
    inboundRateLimit: e.INBOUND_RATE_LIMIT,
    secretKey: e.SWITCHBOARD_SECRET_KEY ? secretKeyBytes(e.SWITCHBOARD_SECRET_KEY) : null,
    testJobs: e.SWITCHBOARD_TEST_JOBS,
    testClockOffsetMs: e.SWITCHBOARD_TEST_CLOCK_OFFSET_MS,
  });
}
