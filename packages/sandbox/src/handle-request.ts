import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { ApiError } from "./api-error.ts";
import type { OperationId, OperationInput } from "./api-types.ts";
import { actingMember, authenticate } from "./authenticate.ts";
import { applyCors, preflightHeaders } from "./cors.ts";
import { faultError, type FaultAction } from "./faults.ts";
import { requestFingerprint, type IdempotencyClaim } from "./idempotency-store.ts";
import { answered, type OperationCall } from "./operations/operation-call.ts";
import { operationHandlers } from "./operations/operation-handlers.ts";
import { readJsonBody, refuseDeclaredBody } from "./read-body.ts";
import { writeJson, type JsonReply } from "./reply.ts";
import type { Services } from "./services.ts";

function splitTarget(target: string): { pathname: string; searchParams: URLSearchParams } {
  const query = target.indexOf("?");
  return query === -1
    ? { pathname: target, searchParams: new URLSearchParams() }
    : { pathname: target.slice(0, query), searchParams: new URLSearchParams(target.slice(query + 1)) };
}

/**
 * The request pipeline: request id and CORS, routing, fault selection,
 * authentication, body and parameter validation, the acting member,
 * idempotency, then the operation. Every failure on the way becomes a
 * taxonomy error response; nothing a client sends can crash the server.
 */
export function createRequestListener(services: Services): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    const started = performance.now();
    const method = req.method ?? "GET";
    const { pathname, searchParams } = splitTarget(req.url ?? "/");
    res.setHeader("X-Request-Id", requestId);
    applyCors(req, res, services.router.takesApiKey(pathname));
    res.once("close", () => {
      const outcome = res.headersSent ? String(res.statusCode) : "dropped";
      const ms = (performance.now() - started).toFixed(1);
      services.options.log(`${new Date().toISOString()} ${requestId} ${method} ${pathname} ${outcome} ${ms}ms`);
    });
    handle(services, { req, res, requestId, method, pathname, searchParams }).catch((error: unknown) => {
      const failure = error instanceof ApiError ? error : internalError(services, requestId, error);
      const reply = failure.toReply(requestId);
      // Answering before the body is in leaves unread bytes on the connection: close it rather than read them.
      if (!req.complete) reply.headers = { ...reply.headers, Connection: "close" };
      writeJson(res, reply);
    });
  };
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
}

function internalError(services: Services, requestId: string, error: unknown): ApiError {
  services.options.log(`${requestId} internal error: ${error instanceof Error ? error.stack : String(error)}`);
  return new ApiError("internal_error", "the sandbox failed unexpectedly; see its log for this request id");
}

async function handle(services: Services, exchange: Exchange): Promise<void> {
  const { req, res, requestId, method, pathname, searchParams } = exchange;
  if (method === "OPTIONS") return answerPreflight(services, exchange);
  if (services.closing) throw new ApiError("service_unavailable", "the sandbox is shutting down");

  const { operation, pathParams } = services.router.match(method, pathname);
  const bodyLimits = { maxBytes: services.options.maxBodyBytes, timeoutMs: services.options.bodyTimeoutMs };
  refuseDeclaredBody(req, operation, bodyLimits);
  const fault = services.faults.select(operation, pathname);
  if (fault?.type === "status") throw faultError(fault);
  if (fault?.type === "gateway") {
    res.writeHead(fault.status, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<html><body><h1>${fault.status}</h1><p>gateway fault injected by the sandbox</p></body></html>\n`);
    return;
  }
  if (fault?.type === "drop" && fault.when === "before") {
    res.destroy();
    return;
  }

  const claims = authenticate(operation.credential, req.headers, services.credentials);
  const body = await readJsonBody(req, operation, bodyLimits);
  const input = services.validator.validate(operation, { pathParams, searchParams, headers: req.headers, body });
  // Validated as a string by the ActingMember parameter's schema.
  const externalUserID = input.query.externalUserID as string | undefined;
  const member = claims && actingMember(claims, externalUserID);

  const key = operation.idempotencyHeader === undefined ? undefined : input.header[operation.idempotencyHeader];
  let claim: IdempotencyClaim | undefined;
  if (typeof key === "string" && member !== undefined) {
    const fingerprint = requestFingerprint(operation.path, { path: input.path, body: input.body });
    const decision = services.idempotency.begin(`${member}\n${operation.id}`, key, fingerprint);
    if ("replay" in decision) return respond(exchange, fault, decision.replay);
    claim = decision.claim;
  }

  let reply: JsonReply;
  try {
    if (fault?.type === "latency") await services.timers.sleep(fault.ms);
    // The input was validated against the schemas its generated type comes from.
    const call: OperationCall<OperationId> = {
      input: input as OperationInput<OperationId>,
      member,
      claims,
      requestId,
      req,
      res,
      fault,
      services,
    };
    // Indexing the handler map by a union id loses the pairing of each handler with its own input type.
    const handler = operationHandlers[operation.id] as (call: OperationCall<OperationId>) => JsonReply | typeof answered;
    const result = handler(call);
    if (result === answered) return;
    reply = result;
  } catch (error) {
    claim?.release();
    throw error;
  }
  claim?.complete(reply);
  respond(exchange, fault, reply);
}

/** Writes the reply, or, under a `drop: "after"` fault, loses it after the work is done. */
function respond(exchange: Exchange, fault: FaultAction | undefined, reply: JsonReply): void {
  if (fault?.type === "drop" && fault.when === "after") exchange.res.destroy();
  else writeJson(exchange.res, reply);
}

function answerPreflight(services: Services, { req, res, pathname }: Exchange): void {
  const methods = services.router.allowedMethods(pathname);
  if (!methods) throw new ApiError("not_found", `no route matches ${pathname.slice(0, 200)}`);
  res.writeHead(204, preflightHeaders(req, methods, services.allowedHeaders, services.router.takesApiKey(pathname)));
  res.end();
}
