import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import * as z from 'zod';
import { isValidTimeZone } from './core/time.js';
import { parseTokenKey } from './slack/oauth/token-cipher.js';
import type { WorkspaceArchiveConfig } from './storage/workspace-archives.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalSecret = z.preprocess(blankToUndefined, z.string().trim().optional());

/** Every environment variable the bot reads, with its default; README's configuration table mirrors this. */
const EnvSchema = z.object({
  EVENT_ARCHIVE: z.preprocess(blankToUndefined, z.string().default('data')),
  EVENT_ARCHIVE_MAP: z.preprocess(blankToUndefined, z.string().trim().optional()),
  EVENT_DB: z.preprocess(blankToUndefined, z.string().default('var/events.db')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), {
        message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/eventbot',
      })
      .optional(),
  ),
  WORKSPACE_ARCHIVES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((v, ctx) => parseWorkspaceArchives(v, ctx)),
  ),
  REMINDER_LEASE_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  ),
  EVENT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z.string().default('UTC').refine(isValidTimeZone, {
      message: 'must be an IANA time zone such as Europe/Helsinki or America/New_York',
    }),
  ),
  SLACK_BOT_TOKEN: optionalSecret.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_APP_TOKEN: optionalSecret.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_CLIENT_ID: optionalSecret,
  SLACK_CLIENT_SECRET: optionalSecret,
  SLACK_STATE_SECRET: optionalSecret.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (it signs the OAuth state)',
  }),
  SLACK_TOKEN_KEY: optionalSecret.refine((v) => v === undefined || parseTokenKey(v) !== undefined, {
    message: 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)',
  }),
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .url()
      .optional()
      .transform((u) => (u && !u.endsWith('/') ? `${u}/` : u)),
  ),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['text', 'json']).default('text')),
  SHUTDOWN_GRACE_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(600_000).default(10_000),
  ),
  UNFURL_DOMAINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (domains) =>
          domains.every((d) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(d)),
        {
          message: 'must be domain names separated by commas, such as www.ipinst.org,ipinst.org',
        },
      ),
  ),
  REMINDER_TICK_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(100).max(600_000).default(5000),
  ),
  FEED_REFRESH_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(10_000).max(86_400_000).default(900_000),
  ),
  RETENTION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  SEARCH_MISS_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  EVENT_EDITORS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim().toUpperCase())
          .filter(Boolean),
      )
      .refine((ids) => ids.every((id) => /^[UWS][A-Z0-9]{2,}$/.test(id)), {
        message:
          'must be Slack user ids (U…, W…) and user group ids (S…) separated by commas, such as U024BE7LH,S0614TZR7',
      }),
  ),
  PUBLIC_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' })
      .optional()
      .transform((u) => u?.replace(/\/+$/, '')),
  ),
});

/**
 * `T0AAA=archives/coalition;T0BBB=archives/ngo,more/ngo.jsonl`: entries separated by `;`, each a team
 * (or Enterprise Grid org) id, `=`, and archive paths as EVENT_ARCHIVE takes them.
 */
function parseWorkspaceArchives(text: string, ctx: z.RefinementCtx): WorkspaceArchiveConfig[] {
  const out: WorkspaceArchiveConfig[] = [];
  for (const entry of text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [id = '', ...rest] = entry.split('=');
    const workspace = id.trim();
    const paths = rest
      .join('=')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!/^[TE][A-Z0-9]{2,}$/.test(workspace) || paths.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry.slice(0, 80)}" is not TEAM_ID=path[,path]; write e.g. T0AAA=archives/coalition;T0BBB=archives/ngo`,
      });
      continue;
    }
    if (out.some((o) => o.workspace === workspace)) {
      ctx.addIssue({ code: 'custom', message: `${workspace} is named twice; give it one list of paths` });
      continue;
    }
    out.push({ workspace, paths });
  }
  return out;
}

export type SlackMode = 'socket' | 'http' | 'console';

/** The validated configuration every part of the bot receives. */
export interface Config {
  archivePaths: string[];
  /** The field map for exports with their own names that have no `<name>.map.yml` beside them. */
  archiveMap?: string;
  /** Workspaces (with OAuth distribution) that see another archive than `archivePaths`; the rest see that one. */
  workspaceArchives: WorkspaceArchiveConfig[];
  databasePath: string;
  /** The shared PostgreSQL database for the state people create; absent: everything stays in `databasePath`. */
  databaseUrl?: string;
  /** How long a replica's claim on a due item lasts before another replica may take it over. */
  reminderLeaseMs: number;
  timezone: string;
  mode: SlackMode;
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    /** OAuth distribution (many workspaces install the app) instead of one bot token. */
    oauth?: OAuthConfig;
  };
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `text` lines for people, `json` (one object a line) for log collectors. */
  logFormat: 'text' | 'json';
  /** On SIGTERM, how long answers already under way may take before the process exits anyway. */
  shutdownGraceMs: number;
  /** Domains whose pasted links unfurl into event cards (manifest.yml's unfurl_domains must match). */
  unfurlDomains: string[];
  /** How often the dispatcher looks for due reminders and digests. */
  reminderTickMs: number;
  /** How often calendar feed URLs in the archive are fetched again (an unchanged feed costs a 304). */
  feedRefreshMs: number;
  /** Finished reminders and notices, and cancelled subscriptions, are deleted this many days after they ended. */
  retentionDays: number;
  /** Searches that found nothing are kept this many days for the keepers' gaps report, then deleted. */
  searchMissDays: number;
  /**
   * Who may add and edit events from Slack and read `/event gaps`: user ids (U…, W…) and user group ids
   * (S…). Empty: the workspace's admins and owners.
   */
  editors: string[];
  /** Where people reach this bot's HTTP server (no trailing slash): .ics downloads link here. */
  publicBaseUrl?: string;
}

/** What Bolt's installer needs, and the key that seals stored installations. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** SLACK_TOKEN_KEY as configured (64 hex digits or base64 of 32 bytes). */
  tokenKey: string;
}

/** A configuration mistake, worded for the operator: what is wrong and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where `.env` is looked for: the working folder, as `.env.example` says. */
const ENV_FILE = '.env';

/**
 * The variables `.env` holds (read with Node's own parser, `util.parseEnv`), overlaid by `env`: the real
 * environment always wins over the file. A missing file is no file; an unreadable one is a ConfigError.
 */
export function withEnvFile(
  env: Record<string, string | undefined>,
  path = ENV_FILE,
): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return env;
    throw new ConfigError([`${path}: cannot be read (${code ?? String(error)})`]);
  }
  return { ...parseEnv(text), ...env };
}

/** The process's environment with `.env` under it: what main and the CLI configure themselves from. */
export function processEnvironment(): Record<string, string | undefined> {
  return withEnvFile(process.env);
}

/** Pure: reads only the object it is given, so tests pass a literal. Throws ConfigError with every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const oauth = oauthConfig(e);
  return {
    archivePaths: e.EVENT_ARCHIVE.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    archiveMap: e.EVENT_ARCHIVE_MAP,
    workspaceArchives: e.WORKSPACE_ARCHIVES,
    databasePath: e.EVENT_DB,
    databaseUrl: e.DATABASE_URL,
    reminderLeaseMs: e.REMINDER_LEASE_MS,
    timezone: e.EVENT_TIMEZONE,
    mode: oauth
      ? oauthMode(e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET)
      : slackMode(e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      ...(oauth ? { oauth } : {}),
    },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    unfurlDomains: e.UNFURL_DOMAINS,
    reminderTickMs: e.REMINDER_TICK_MS,
    feedRefreshMs: e.FEED_REFRESH_MS,
    retentionDays: e.RETENTION_DAYS,
    searchMissDays: e.SEARCH_MISS_DAYS,
    editors: e.EVENT_EDITORS,
    ...(e.PUBLIC_BASE_URL ? { publicBaseUrl: e.PUBLIC_BASE_URL } : {}),
  };
}

/** Socket Mode with an app token, HTTP with a signing secret, the local console with neither. */
function slackMode(botToken?: string, appToken?: string, signingSecret?: string): SlackMode {
  if (!botToken && !appToken && !signingSecret) return 'console';
  if (!botToken) {
    throw new ConfigError([
      `SLACK_BOT_TOKEN is not set, but ${appToken ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is: set SLACK_BOT_TOKEN (xoxb-…) from your app's "OAuth & Permissions" page, or unset the other to use the local console`,
    ]);
  }
  if (appToken) return 'socket';
  if (signingSecret) return 'http';
  throw new ConfigError([
    'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is: set one of them',
  ]);
}

type Env = z.infer<typeof EnvSchema>;

/** OAuth when a client id or secret is set; then all four variables are needed. */
function oauthConfig(e: Env): OAuthConfig | undefined {
  if (!e.SLACK_CLIENT_ID && !e.SLACK_CLIENT_SECRET) return undefined;
  const missing = (
    [
      ['SLACK_CLIENT_ID', e.SLACK_CLIENT_ID, 'Basic Information → App Credentials'],
      ['SLACK_CLIENT_SECRET', e.SLACK_CLIENT_SECRET, 'Basic Information → App Credentials'],
      [
        'SLACK_STATE_SECRET',
        e.SLACK_STATE_SECRET,
        'any random string of 16+ characters, the same on every replica',
      ],
      [
        'SLACK_TOKEN_KEY',
        e.SLACK_TOKEN_KEY,
        '`openssl rand -hex 32`, the same on every replica; it encrypts stored tokens',
      ],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name, , hint]) => `${name} is not set: OAuth distribution needs it (${hint})`);
  if (missing.length) throw new ConfigError(missing);
  return {
    clientId: e.SLACK_CLIENT_ID!,
    clientSecret: e.SLACK_CLIENT_SECRET!,
    stateSecret: e.SLACK_STATE_SECRET!,
    tokenKey: e.SLACK_TOKEN_KEY!,
  };
}

/** With OAuth, each workspace's bot token comes from its installation, so none is configured. */
function oauthMode(botToken?: string, appToken?: string, signingSecret?: string): SlackMode {
  if (botToken) {
    throw new ConfigError([
      'SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: unset SLACK_BOT_TOKEN for OAuth distribution (each workspace gets its token by installing), or unset the SLACK_CLIENT_* variables for one workspace',
    ]);
  }
  if (appToken) return 'socket';
  if (signingSecret) return 'http';
  throw new ConfigError([
    'OAuth distribution needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode): set one of them',
  ]);
}
