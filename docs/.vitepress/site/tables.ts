// The tables other pages ask for: the error taxonomy, the operations, the
// schemas and the environments, each built from the plan.
import { readingOrder } from "./schema-order.ts";
import { cell, summary, yesNo } from "./markdown.ts";
import { methods, operationLink, plan, schemaLink, sdkMethod, specPath, typescriptReference } from "./spec-plan.ts";

/** The component schemas, the types a reader looks up by name, in the order a reader needs them. */
export const schemas = readingOrder(plan.types.filter((type) => type.origin.kind === "schema"));

/** The error taxonomy as a markdown table. */
export function errorsTable(): string {
  if (plan.facts.errorCodes.length === 0) throw new Error(`${specPath} declares no error codes`);
  const rows = plan.facts.errorCodes.map((row) => `| \`${row.code}\` | ${row.status} | ${yesNo(row.retryable)} | ${cell(row.doc)} |`);
  return ["| Code | HTTP status | Retryable | Meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** A table of operations (optionally those with one tag): SDK method, route, what it does. */
export function operationsTable(tag?: string): string {
  const rows = methods
    .filter(({ method }) => tag === undefined || method.tags.includes(tag))
    .map(
      ({ method }) => `| [\`${sdkMethod(method).name}\`](${operationLink(method)}) | \`${method.http.method} ${method.http.path}\` | ${summary(method.doc)} |`,
    );
  return ["| SDK method | HTTP | What it does |", "| --- | --- | --- |", ...rows].join("\n");
}

/** A table of the component schemas, linking their pages. */
export function schemasTable(): string {
  const rows = schemas.map((type) => `| [\`${type.id}\`](${schemaLink(type)}) | ${type.kind} | ${summary(type.doc)} |`);
  return ["| Schema | Kind | What it is |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The SDK's `environment` names and their URLs. */
export function environmentsTable(): string {
  const rows = plan.environments.map((environment) => `| \`${typescriptReference.environments.get(environment.name.join(" "))}\` | \`${environment.url}\` |`);
  return ["| `environment` | Base URL |", "| --- | --- |", ...rows].join("\n");
}
