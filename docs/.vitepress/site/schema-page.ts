// The reference page of one named type: its fields as blocks, how each SDK
// declares it, and the operations that use it.
import { methodTypeRefs, type PlanMethod, type PlanType, reachableTypes } from "@expys/codegen";
import { cell, fence, prose } from "./markdown.ts";
import { fieldBlocks } from "./param-blocks.ts";
import { languages, methods, operationLink, plan, sdkMethod, types } from "./spec-plan.ts";
import { typeText } from "./type-text.ts";

/** Every method that mentions a type in its arguments, params, body, result, errors or events, through any chain of types. */
function usedBy(typeId: string): PlanMethod[] {
  return methods.map(({ method }) => method).filter((method) => reachableTypes(methodTypeRefs(plan, method.operationId), types).has(typeId));
}

function declarations(type: PlanType): string[] {
  const blocks = languages.flatMap((language) => {
    const declaration = language.reference.types.get(type.id)?.declaration;
    return declaration ? [fence(`${language.fence} [${language.label}]`, declaration)] : [];
  });
  if (blocks.length === 0) return [];
  return ["## In the SDKs", "", '<div class="wrap-code">', "", "::: code-group", ...blocks, ":::", "", "</div>", ""];
}

/** The reference page of one named type, as markdown. */
export function schemaPage(type: PlanType): string {
  const out: string[] = [`# ${type.id}`, "", prose(type.doc), ""];
  if (type.kind === "object") {
    out.push("## Fields", "");
    out.push("A field that is not required may be absent; a nullable one is always present when required, and may be `null`.", "");
    out.push(fieldBlocks(type.properties), "");
  } else if (type.kind === "enum") {
    out.push("## Values", "");
    out.push("| Value | Meaning |", "| --- | --- |");
    for (const member of type.members) out.push(`| \`${String(member.value)}\` | ${cell(member.doc)} |`);
    out.push("");
    if (plan.facts.errorCodeType === type.id) out.push("Statuses and whether each is retryable: see [Errors](/guide/errors).", "");
  } else if (type.kind === "union") {
    out.push(`One of ${type.variants.map(typeText).join(", ")}.`, "");
  } else {
    out.push(`An alias of ${typeText(type.type)}.`, "");
  }
  out.push(...declarations(type));
  const users = usedBy(type.id);
  if (users.length) {
    out.push("## Used by", "");
    for (const method of users) out.push(`- [\`${sdkMethod(method).name}\`](${operationLink(method)}): \`${method.http.method} ${method.http.path}\``);
    out.push("");
  }
  return out.join("\n");
}
