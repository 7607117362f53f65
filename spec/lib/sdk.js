// @ts-check
// Implementations of the decorators declared in sdk.tsp. They only record what the
// spec says and reject misuse at compile time; scripts/emit.ts reads the records
// back through the exported getters.

/** @typedef {import("@typespec/compiler").DecoratorContext} DecoratorContext */
/** @typedef {import("@typespec/compiler").Operation} Operation */
/** @typedef {import("@typespec/compiler").ModelProperty} ModelProperty */
/** @typedef {import("@typespec/compiler").EnumMember} EnumMember */
/** @typedef {import("@typespec/compiler").Program} Program */

const positionalKey = Symbol.for("Expys.Sdk.positional");
const idempotencyKeyKey = Symbol.for("Expys.Sdk.idempotencyKey");
const errorCodeKey = Symbol.for("Expys.Sdk.errorCode");
const errorHandlingKey = Symbol.for("Expys.Sdk.errorHandling");
const requestIdHeaderKey = Symbol.for("Expys.Sdk.requestIdHeader");
const clientHeaderKey = Symbol.for("Expys.Sdk.clientHeader");
const heartbeatKey = Symbol.for("Expys.Sdk.heartbeat");

/**
 * @param {DecoratorContext} context
 * @param {Operation} target
 * @param {string[]} fields
 */
function $positional(context, target, ...fields) {
  if (fields.length === 0) {
    reportError(context, target, "expys-positional-empty", "@positional needs at least one field name.");
    return;
  }
  context.program.stateMap(positionalKey).set(target, fields);
}

/**
 * @param {DecoratorContext} context
 * @param {ModelProperty} target
 */
function $idempotencyKey(context, target) {
  if (target.type.kind !== "Scalar" || target.type.name !== "string") {
    reportError(context, target, "expys-idempotency-key-type", "@idempotencyKey must decorate a string header parameter.");
    return;
  }
  context.program.stateSet(idempotencyKeyKey).add(target);
}

/**
 * @param {DecoratorContext} context
 * @param {EnumMember} target
 * @param {number} status
 * @param {boolean} retryable
 */
function $errorCode(context, target, status, retryable) {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    reportError(context, target, "expys-error-status", `@errorCode status must be a 4xx or 5xx code, got ${status}.`);
    return;
  }
  context.program.stateMap(errorCodeKey).set(target, { status, retryable });
}

/**
 * @param {DecoratorContext} context
 * @param {EnumMember} target
 * @param {"refreshCredential" | "retryInFlight"} handling
 */
function $errorHandling(context, target, handling) {
  context.program.stateMap(errorHandlingKey).set(target, handling);
}

/**
 * @param {DecoratorContext} context
 * @param {ModelProperty} target
 */
function $requestIdHeader(context, target) {
  context.program.stateSet(requestIdHeaderKey).add(target);
}

/**
 * @param {DecoratorContext} context
 * @param {import("@typespec/compiler").Namespace} target
 * @param {string} name
 */
function $clientHeader(context, target, name) {
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    reportError(context, target, "expys-client-header-name", `@clientHeader needs an HTTP header name, got ${JSON.stringify(name)}.`);
    return;
  }
  context.program.stateMap(clientHeaderKey).set(target, name);
}

/**
 * @param {DecoratorContext} context
 * @param {Operation} target
 * @param {number} seconds
 */
function $heartbeat(context, target, seconds) {
  if (!Number.isInteger(seconds) || seconds < 1) {
    reportError(context, target, "expys-heartbeat", `@heartbeat needs a whole number of seconds >= 1, got ${seconds}.`);
    return;
  }
  context.program.stateMap(heartbeatKey).set(target, seconds);
}

/**
 * @param {DecoratorContext} context
 * @param {import("@typespec/compiler").Type} target
 * @param {string} code
 * @param {string} message
 */
function reportError(context, target, code, message) {
  context.program.reportDiagnostic({ code, severity: "error", message, target });
}

export const $decorators = {
  "Expys.Sdk": {
    positional: $positional,
    idempotencyKey: $idempotencyKey,
    errorCode: $errorCode,
    errorHandling: $errorHandling,
    requestIdHeader: $requestIdHeader,
    clientHeader: $clientHeader,
    heartbeat: $heartbeat,
  },
};

/**
 * @param {Program} program
 * @param {Operation} operation
 * @returns {string[] | undefined}
 */
export function getPositional(program, operation) {
  return program.stateMap(positionalKey).get(operation);
}

/**
 * @param {Program} program
 * @param {ModelProperty} property
 */
export function isIdempotencyKey(program, property) {
  return program.stateSet(idempotencyKeyKey).has(property);
}

/**
 * @param {Program} program
 * @param {EnumMember} member
 * @returns {{ status: number, retryable: boolean } | undefined}
 */
export function getErrorCode(program, member) {
  return program.stateMap(errorCodeKey).get(member);
}

/**
 * @param {Program} program
 * @param {EnumMember} member
 * @returns {"refreshCredential" | "retryInFlight" | undefined}
 */
export function getErrorHandling(program, member) {
  return program.stateMap(errorHandlingKey).get(member);
}

/**
 * @param {Program} program
 * @param {ModelProperty} property
 */
export function isRequestIdHeader(program, property) {
  return program.stateSet(requestIdHeaderKey).has(property);
}

/**
 * @param {Program} program
 * @param {import("@typespec/compiler").Namespace} namespace
 * @returns {string | undefined}
 */
export function getClientHeader(program, namespace) {
  return program.stateMap(clientHeaderKey).get(namespace);
}

/**
 * @param {Program} program
 * @param {Operation} operation
 * @returns {number | undefined}
 */
export function getHeartbeat(program, operation) {
  return program.stateMap(heartbeatKey).get(operation);
}
