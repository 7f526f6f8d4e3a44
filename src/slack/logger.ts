import { format, inspect } from 'node:util';
import type { Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';

/**
 * Slack tokens (bot, user, app-level, refresh…): `xoxb-…`, `xoxp-…`, `xapp-…`, `xoxe-…`, up to the next
 * character that cannot be inside one wherever it is printed (space, quote, bracket, comma…). Whatever
 * the token's own characters (dots, underscores, `%`-escapes, non-ASCII), nothing of it is left; a little
 * too much redacted beats a token half printed. No word boundary before it: `tokenxoxb-…` is a token too.
 * A token with a quote or a bracket in it is cut there, so every token the bot knows (configured ones, and
 * each installation's as it is used) is also redacted exactly, see {@link Redactor.add}.
 */
const TOKEN = /(xox[a-z]|xapp)-[^\s"'`<>()[\]{},;|\\]+/g;

/**
 * An Authorization header's credentials, in any of the shapes a header is printed in (`Authorization:
 * Bearer …`, `authorization: 'Basic …'`, `"Authorization":"Bearer …"`): the scheme stays, the rest goes.
 */
const AUTHORIZATION =
  /(\bauthorization\b["']?\s*[:=]\s*["']?)(?:(bearer|basic|token)\s+)?(?![^\s"',;}\]]*\[redacted\])[^\s"',;}\]]+/gi;

const SEVERITY: Record<`${LogLevel}`, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Every way a secret may appear in a printed line: as is, URL-encoded, JSON-escaped, util.inspect-escaped. */
function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      inspect(secret).slice(1, -1),
    ]),
  ];
}

/** Text with every Slack token, Authorization credential and given secret replaced. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Exact secrets first, longest first, so a token is removed whole before the pattern could cut it short.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 8) continue;
    for (const form of formsOf(secret)) out = out.split(form).join('[redacted]');
  }
  // Tokens keep their kind (`xoxb-[redacted]`); any other credential in an Authorization header goes too.
  return out
    .replace(TOKEN, '$1-[redacted]')
    .replace(
      AUTHORIZATION,
      (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}[redacted]`,
    );
}

/** How lines are written: `text` (`LEVEL name: message`) or `json` (one object per line, for collectors). */
export type LogFormat = 'text' | 'json';

/** Where log lines go and what must never appear in them. */
export interface LoggerOptions {
  level: `${LogLevel}`;
  /** Receives one finished line; stderr by default. */
  write?: (line: string) => void;
  /** Exact strings to redact besides token patterns (the signing secret, the client secret, the token key). */
  secrets?: readonly string[];
  name?: string;
  /** `text` by default. */
  format?: LogFormat;
  /** The wall clock for JSON lines' `time`. */
  now?: () => Date;
}

/** The Bolt logger, plus the secrets learnt while running (each installation's token as it is used). */
export interface Redactor extends Logger {
  /** From now on, `secret` is redacted exactly wherever it appears. */
  add(secret: string): void;
}

/**
 * The Bolt logger (App, receiver, WebClient and Socket Mode client all share it). Bolt and the Web API
 * client log request details at debug level, and an error may carry its arguments, so every message is
 * redacted after formatting, whatever was passed in; in JSON the message is redacted before it is
 * escaped, so no escaping can hide a secret from the redaction.
 */
export function createLogger(options: LoggerOptions): Redactor {
  let level = options.level as `${LogLevel}`;
  let name = options.name ?? 'event-bot';
  const secrets = new Set((options.secrets ?? []).filter((s) => s.length > 0));
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const json = options.format === 'json';
  const log =
    (at: `${LogLevel}`) =>
    (...msg: unknown[]) => {
      if (SEVERITY[at] < SEVERITY[level]) return;
      const message = redact(format(...msg), [...secrets]);
      write(
        json
          ? JSON.stringify({ time: now().toISOString(), level: at, logger: name, msg: message })
          : `${at.toUpperCase()} ${name}: ${message}`,
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level as LogLevel,
    setName: (next) => {
      name = next;
    },
    add: (secret) => {
      if (secret.length >= 8) secrets.add(secret);
    },
  };
}

/** Every configured secret, for {@link LoggerOptions.secrets}: tokens too, so odd characters cannot cut one short. */
export function configSecrets(config: Config): string[] {
  const { signingSecret, botToken, appToken, oauth } = config.slack;
  return [
    signingSecret,
    botToken,
    appToken,
    oauth?.clientSecret,
    oauth?.stateSecret,
    oauth?.tokenKey,
    config.databaseUrl ? passwordOf(config.databaseUrl) : undefined,
  ].filter((s): s is string => Boolean(s));
}

/** The password in a PostgreSQL URL (pg prints the connection string in some errors). */
function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
