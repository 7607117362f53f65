// Questions about types and answers that every emitter, and the docs, ask.
// They live here once so that no emitter re-derives them.
import type { Operation, Response } from "../model/api-model.ts";
import type { PlanProperty, PlanType, PlanTypeRef, SdkPlan } from "./sdk-plan.ts";

/** The plan's types by id. */
export function typeIndex(types: readonly PlanType[]): ReadonlyMap<string, PlanType> {
  return new Map(types.map((type) => [type.id, type]));
}

/** The named type a reference points at, following aliases; the reference itself when it is not a ref. */
export function resolveType(ref: PlanTypeRef, types: ReadonlyMap<string, PlanType>): PlanType | PlanTypeRef {
  let current: PlanType | PlanTypeRef = ref;
  const seen = new Set<string>();
  while (current.kind === "ref" || current.kind === "alias") {
    if (current.kind === "alias") {
      current = current.type;
      continue;
    }
    if (seen.has(current.id)) return current;
    seen.add(current.id);
    const named = types.get(current.id);
    if (!named) throw new Error(`no type ${current.id}`);
    current = named;
  }
  return current;
}

/** The properties of an object type, through references and aliases; undefined for anything else. */
export function propertiesOf(ref: PlanTypeRef, types: ReadonlyMap<string, PlanType>): readonly PlanProperty[] | undefined {
  const resolved = resolveType(ref, types);
  return resolved.kind === "object" ? resolved.properties : undefined;
}

/** The type at a path of fields (wire names) inside `ref`. */
export function fieldType(ref: PlanTypeRef | undefined, path: readonly string[], types: ReadonlyMap<string, PlanType>): PlanTypeRef | undefined {
  let current = ref;
  for (const field of path) current = current ? propertiesOf(current, types)?.find((property) => property.wireName === field)?.type : undefined;
  return current;
}

/** The ids of named types a reference mentions directly (not through other named types). */
export function directRefs(ref: PlanTypeRef): string[] {
  switch (ref.kind) {
    case "ref":
      return [ref.id];
    case "array":
      return directRefs(ref.items);
    case "map":
      return directRefs(ref.values);
    default:
      return [];
  }
}

/** The references a named type's definition holds. */
export function refsOfType(type: PlanType): PlanTypeRef[] {
  switch (type.kind) {
    case "object":
      return [...type.properties.map((property) => property.type), ...(type.additionalProperties ? [type.additionalProperties] : [])];
    case "union":
      return [...type.variants];
    case "alias":
      return [type.type];
    case "enum":
      return [];
  }
}

/** Every named type reachable from `roots`, themselves included, through any chain of references. */
export function reachableTypes(roots: readonly PlanTypeRef[], types: ReadonlyMap<string, PlanType>): Set<string> {
  const reached = new Set<string>();
  const pending = roots.flatMap(directRefs);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    const type = types.get(id);
    if (type) pending.push(...refsOfType(type).flatMap(directRefs));
  }
  return reached;
}

/** Every type reference a plan's methods use: arguments, params, bodies, results, errors, items and events. */
export function methodTypeRefs(plan: SdkPlan, operationId?: string): PlanTypeRef[] {
  return plan.clients
    .flatMap((client) => client.methods)
    .filter((method) => operationId === undefined || method.operationId === operationId)
    .flatMap((method) => [
      ...method.arguments.map((argument) => argument.type),
      ...(method.params?.members.map((member) => member.type) ?? []),
      ...(method.body ? [method.body.type] : []),
      ...(method.success.type ? [method.success.type] : []),
      ...method.errors.flatMap((error) => (error.type ? [error.type] : [])),
      ...(method.stream?.events.map((event) => event.type) ?? []),
    ]);
}

/** The answer an SDK method returns: the first 2xx with a body, else the first 2xx. */
export function successResponse(operation: Operation): Response | undefined {
  const successes = operation.responses.filter((response) => response.status.startsWith("2"));
  return successes.find((response) => response.body) ?? successes[0];
}
