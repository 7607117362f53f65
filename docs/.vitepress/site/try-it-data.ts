// The Try-it panel's description of each operation, from the SDK plan.
import type { PlanClient, PlanMethod, PlanTypeRef } from "@expys/codegen";
import type { TryItField, TryItOperation } from "../theme/try-it/operation.ts";
import { paramsKey } from "./operation-page.ts";
import { plan, sdkMethod } from "./spec-plan.ts";

function kindOf(type: PlanTypeRef): TryItField["kind"] {
  return type.kind === "primitive" ? type.type : "string";
}

function limits(type: PlanTypeRef): Partial<TryItField> {
  const constraints = type.kind === "primitive" ? type.constraints : undefined;
  if (!constraints) return {};
  const out: Partial<TryItField> = {};
  if (constraints.minimum !== undefined) out.minimum = constraints.minimum;
  if (constraints.maximum !== undefined) out.maximum = constraints.maximum;
  if (constraints.minLength !== undefined) out.minLength = constraints.minLength;
  if (constraints.maxLength !== undefined) out.maxLength = constraints.maxLength;
  return out;
}

const sandboxUrl = (): string =>
  plan.environments.find((environment) => environment.name.join(" ").toLowerCase() === "sandbox")?.url ?? "http://127.0.0.1:4010";

/** The panel's description of one operation. */
export function tryItOperation(method: PlanMethod, client: PlanClient): TryItOperation {
  const positional = method.arguments.filter((argument) => argument.target.location !== "body");
  const fields: TryItField[] = positional.map((argument, index) => {
    const target = argument.target as { location: "path" | "bodyField"; wireName: string };
    const isId = target.location === "path" && /(^|_)id$/i.test(target.wireName);
    return {
      name: target.wireName,
      where: target.location === "bodyField" ? "body" : "path",
      kind: kindOf(argument.type),
      required: !argument.optional,
      pass: { argument: index },
      ...limits(argument.type),
      ...(target.location === "bodyField" && kindOf(argument.type) === "string" ? { multiline: true } : {}),
      ...(isId ? { conversationId: true, hint: "Filled in from the last conversation list you loaded." } : {}),
    };
  });
  for (const member of method.params?.members ?? []) {
    fields.push({
      name: member.wireName,
      where: member.location === "bodyField" ? "body" : member.location === "cookie" ? "header" : member.location,
      kind: kindOf(member.type),
      required: member.required,
      pass: { param: paramsKey(member) },
      ...limits(member.type),
      ...(member.default !== undefined ? { placeholder: String(member.default) } : {}),
      ...(member.managed === "idempotencyKey" ? { hint: "Leave it empty and the SDK makes one; repeat a key to see the replay." } : {}),
      ...(member.managed === "lastEventId" ? { hint: "Leave it empty to start live; give a message id to replay what followed it." } : {}),
    });
  }
  return {
    operationId: method.operationId,
    method: sdkMethod(method).name,
    http: { method: method.http.method, path: method.http.path },
    kind: method.kind,
    browser: client.role === "app" && !client.credentials.some((credential) => credential.secret),
    arguments: positional.length,
    fields,
    defaultBaseUrl: sandboxUrl(),
  };
}
