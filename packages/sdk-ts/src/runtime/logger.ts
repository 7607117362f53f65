import type { Redact } from "./redact.ts";

/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the SDK's log lines go; `console` fits. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes one line at a level (see `createLog`). */
export type Log = (at: Exclude<LogLevel, "off">, message: string) => void;

const levels: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/**
 * A logger that drops lines below `level` and blanks every credential the
 * client holds out of each line, so neither a token nor a key ever reaches a log.
 */
export function createLog(logger: Logger, level: LogLevel, redact: Redact): Log {
  const threshold = levels.indexOf(level);
  return (at, message) => {
    if (levels.indexOf(at) >= threshold) logger[at](`[expys] ${redact(message)}`);
  };
}
