import { z } from 'zod';
import { isValidTimeZone } from './core/time.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalSecret = z.preprocess(blankToUndefined, z.string().trim().optional());

/** Every environment variable the bot reads, with its default; README's configuration table mirrors this. */
const EnvSchema = z.object({
  EVENT_ARCHIVE: z.preprocess(blankToUndefined, z.string().default('data')),
  EVENT_DB: z.preprocess(blankToUndefined, z.string().default('var/events.db')),
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
  REMINDER_TICK_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(100).max(600_000).default(5000),
  ),
});

export type SlackMode = 'socket' | 'http' | 'console';

/** The validated configuration every part of the bot receives. */
export interface Config {
  archivePaths: string[];
  databasePath: string;
  timezone: string;
  mode: SlackMode;
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
  };
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** How often the dispatcher looks for due reminders and digests. */
  reminderTickMs: number;
}

/** A configuration mistake, worded for the operator: what is wrong and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Pure: reads only the object it is given, so tests pass a literal. Throws ConfigError with every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    archivePaths: e.EVENT_ARCHIVE.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    databasePath: e.EVENT_DB,
    timezone: e.EVENT_TIMEZONE,
    mode: slackMode(e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    reminderTickMs: e.REMINDER_TICK_MS,
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
