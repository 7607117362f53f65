import type { ApiModel, Operation } from "../model/api-model.ts";
import { splitWords } from "../model/names.ts";
import { NameScope } from "./names.ts";
import { outlineClients, planCredentials } from "./plan-clients.ts";
import { planFacts } from "./plan-facts.ts";
import { planMethod } from "./plan-method.ts";
import { planFormat, type PlanClient, type SdkPlan } from "./sdk-plan.ts";
import { TypePlanner } from "./type-planner.ts";

/**
 * Derives the SDK plan from the model: every decision an SDK needs that is
 * not about a language's syntax, made once for every emitter (see
 * `sdk-plan.ts` for what each field means).
 */
export function buildPlan(model: ApiModel): SdkPlan {
  const sdkName = splitWords(model.title).slice(0, 1);
  const outlines = outlineClients(model, sdkName.length > 0 ? sdkName : ["Api"]);
  // Client and options names are taken first: a schema named like one gets a number instead.
  const typeNames = new NameScope(outlines.flatMap((outline) => [outline.name, outline.optionsName]));
  const types = new TypePlanner(typeNames, model.types);
  const facts = planFacts(model);
  const clients: PlanClient[] = outlines.map(({ operations, ...outline }) => {
    const methodNames = new NameScope();
    const methods = operations.map((operation) => planMethod(operation, methodNames.take(operation.name, ["operation"]), types, facts));
    // Walk names come after every method's own, so a method keeps its name and a walk gets the number.
    for (const method of methods) {
      if (!method.pagination) continue;
      const [verb = "list", ...rest] = method.name;
      method.pagination.walk = { items: methodNames.take([verb, "All", ...rest]), pages: methodNames.take([...method.name, "Pages"]) };
    }
    return {
      ...outline,
      credentials: planCredentials(model, operations),
      defaultSecurity: mostCommonSecurity(operations),
      methods,
    };
  });
  return {
    format: planFormat,
    api: { title: model.title, version: model.version, ...(model.doc ? { doc: model.doc } : {}), sourceHash: model.sourceHash },
    sdkName: sdkName.length > 0 ? sdkName : ["Api"],
    environments: model.environments,
    ...(model.environments.length === 1 ? { defaultEnvironment: model.environments[0]!.name } : {}),
    facts,
    types: types.types,
    clients,
  };
}

/** The security requirement most operations share, so methods only state theirs when it differs. */
function mostCommonSecurity(operations: readonly Operation[]): readonly (readonly string[])[] {
  const counts = new Map<string, { security: Operation["security"]; count: number }>();
  for (const operation of operations) {
    const key = JSON.stringify(operation.security);
    const entry = counts.get(key) ?? { security: operation.security, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { security: Operation["security"]; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.security ?? [];
}
