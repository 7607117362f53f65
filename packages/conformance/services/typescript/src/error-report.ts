import { ExpysAbortError, ExpysApiError, ExpysArgumentError, ExpysConnectionError, ExpysTimeoutError } from "@expys/sdk";

/** The protocol's error kinds. */
export type ErrorKind = "api" | "connection" | "timeout" | "cancelled" | "invalid" | "other";

/** What the protocol reports about an error the SDK threw. */
export interface ErrorReport {
  kind: ErrorKind;
  status?: number;
  code?: string;
  requestId?: string;
  retryable?: boolean;
  message: string;
  name?: string;
}

function kindOf(error: unknown, sent: boolean): ErrorKind {
  if (error instanceof ExpysApiError) return "api";
  if (error instanceof ExpysTimeoutError) return "timeout";
  if (error instanceof ExpysAbortError) return "cancelled";
  if (error instanceof ExpysConnectionError) return "connection";
  if (error instanceof ExpysArgumentError) return "invalid";
  // Any other error the SDK raised before its fetch was called refused the input too.
  return sent ? "other" : "invalid";
}

/**
 * Describes an error the SDK threw, with its own message and fields, unchanged.
 * `sent` says whether the SDK had called its fetch for this call or stream.
 */
export function reportError(error: unknown, sent: boolean): ErrorReport {
  const report: ErrorReport = {
    kind: kindOf(error, sent),
    message: error instanceof Error ? error.message : String(error),
  };
  if (error instanceof Error) report.name = error.name;
  if (error instanceof ExpysApiError) {
    report.status = error.status;
    report.code = error.code;
    report.retryable = error.retryable;
    if (error.requestId !== undefined) report.requestId = error.requestId;
  }
  return report;
}
