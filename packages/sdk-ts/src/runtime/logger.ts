/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the SDK's log lines go; `console` fits. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const levels: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/**
 * A logger that drops lines below `level` and blanks every credential the
 * client holds out of each line, so neither a token nor a key ever reaches a log.
 */
export function createLog(logger: Logger, level: LogLevel, secrets: Iterable<string>): (at: Exclude<LogLevel, "off">, message: string) => void {
  const threshold = levels.indexOf(level);
  return (at, message) => {
    if (levels.indexOf(at) >= threshold) logger[at](`[expys] ${redact(message, secrets)}`);
  };
}

/** Replaces each secret found in `text` with `[redacted]`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.replaceAll(secret, "[redacted]");
  return result;
}
