import { format } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';

/**
 * Slack tokens (bot, user, app-level, refresh…): `xoxb-…`, `xoxp-…`, `xapp-…`, up to the next character
 * that cannot be inside one wherever it is printed (space, quote, bracket, comma…). Whatever the token's
 * own characters (dots, underscores, `%`-escapes, non-ASCII), nothing of it is left; a little too much
 * redacted beats a token half printed. No word boundary before it: `tokenxoxb-…` is a token too.
 */
const TOKEN = /(xox[a-z]|xapp)-[^\s"'`<>()[\]{},;|\\]+/g;

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Text with every Slack token and every given secret replaced, so no log line can leak them. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN, '$1-[redacted]');
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    // As given, and as it appears in a URL or a form body.
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join('[redacted]');
  }
  return out;
}

/** Where log lines go and what must never appear in them. */
export interface LoggerOptions {
  level: `${LogLevel}`;
  /** Receives one finished line; stderr by default. */
  write?: (line: string) => void;
  /** Exact strings to redact besides token patterns (the signing secret). */
  secrets?: readonly string[];
  name?: string;
}

/**
 * The Bolt logger (App, receiver and WebClient all share it). Bolt and the Web API client log request
 * details at debug level, and an error may carry its arguments, so every line is redacted after
 * formatting, whatever was passed in.
 */
export function createLogger(options: LoggerOptions): Logger {
  let level = options.level as LogLevel;
  let name = options.name ?? 'event-bot';
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log =
    (at: LogLevel) =>
    (...msg: unknown[]) => {
      if (SEVERITY[at] < SEVERITY[level]) return;
      write(redact(`${at.toUpperCase()} ${name}: ${format(...msg)}`, secrets));
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

/** Every configured secret that is not shaped like a Slack token, for {@link LoggerOptions.secrets}. */
export function configSecrets(config: Config): string[] {
  const { signingSecret, botToken, oauth } = config.slack;
  return [signingSecret, botToken, oauth?.clientSecret, oauth?.stateSecret, oauth?.tokenKey].filter(
    (s): s is string => Boolean(s),
  );
}
