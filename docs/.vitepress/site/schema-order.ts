// The component schemas in the order a reader needs them: the things the API
// is about first (a Conversation, a Message), then what each operation of the
// app client sends and returns, then the error body, then what only a backend
// uses. Derived from the plan, so a new schema finds its place by itself.
import { directRefs, type PlanMethod, type PlanType, type PlanTypeRef, reachableTypes, refsOfType } from "@expys/codegen";
import { plan, types } from "./spec-plan.ts";

/** Named types a reference reaches through lists (the items of a page) rather than as the value itself. */
function itemTypes(ref: PlanTypeRef | undefined): string[] {
  if (!ref) return [];
  if (ref.kind === "array") return directRefs(ref.items);
  if (ref.kind !== "ref") return [];
  const type = types.get(ref.id);
  return type ? refsOfType(type).flatMap((inner) => (inner.kind === "array" ? directRefs(inner.items) : [])) : [];
}

/** What a method hands back as the things it is about: page items, stream events, or list fields of its result. */
function resources(method: PlanMethod): string[] {
  return [
    ...(method.pagination ? directRefs(method.pagination.itemType) : []),
    ...(method.stream?.events.flatMap((event) => directRefs(event.type)) ?? []),
    ...itemTypes(method.success.type),
  ];
}

function envelopes(method: PlanMethod): string[] {
  return [...(method.success.type ? directRefs(method.success.type) : []), ...(method.body ? directRefs(method.body.type) : [])];
}

const errorTypes = (method: PlanMethod): string[] => method.errors.flatMap((error) => (error.type ? directRefs(error.type) : []));

/** Every schema, each in the first band that names it, then each band's types followed by what they reach. */
export function readingOrder(schemas: readonly PlanType[]): PlanType[] {
  const app = plan.clients.filter((client) => client.role === "app").flatMap((client) => client.methods);
  const server = plan.clients.filter((client) => client.role !== "app").flatMap((client) => client.methods);
  const bands = [
    app.flatMap(resources),
    app.flatMap(envelopes),
    [...app.flatMap(errorTypes), ...(plan.facts.errorCodeType ? [plan.facts.errorCodeType] : [])],
    server.flatMap((method) => [...resources(method), ...envelopes(method)]),
  ];
  const ids: string[] = [];
  for (const band of bands) {
    for (const id of band) {
      for (const reached of [id, ...reachableTypes([{ kind: "ref", id }], types)]) if (!ids.includes(reached)) ids.push(reached);
    }
  }
  const wanted = new Set(schemas.map((type) => type.id));
  const ordered = ids.filter((id) => wanted.has(id)).map((id) => types.get(id)!);
  return [...ordered, ...schemas.filter((type) => !ordered.includes(type))];
}
