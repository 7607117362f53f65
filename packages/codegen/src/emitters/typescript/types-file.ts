import type { PlanMethod, PlanType, SdkPlan } from "../../plan/sdk-plan.ts";
import { enumValues, type PrintContext, printObject, printsInline, printType } from "./print-type.ts";
import { docComment } from "./ts-docs.ts";
import { naming, propertyKey } from "./ts-names.ts";
import { paramsKeys } from "./params-keys.ts";

/** `types.ts`: every named type of the plan, and each method's params group. */
export function typesFile(plan: SdkPlan, context: PrintContext): string {
  const named = plan.types.filter((type) => !printsInline(type)).map((type) => namedType(type, context));
  const params = plan.clients.flatMap((client) => client.methods).flatMap((method) => paramsType(method, context));
  return [...named, ...params].join("\n");
}

/** The declaration of one named type, with its doc comment. */
export function namedType(type: PlanType, context: PrintContext): string {
  const name = naming.type(type.name);
  const deprecated = type.deprecated ? "@deprecated" : undefined;
  switch (type.kind) {
    case "object":
      return `${docComment("", type.doc, deprecated)}export interface ${name} ${printObject(type.properties, Boolean(type.additionalProperties), context)}\n`;
    case "enum": {
      const members = type.members.filter((member) => member.doc).map((member) => `- \`${member.value}\`: ${member.doc?.replace(/\s*\n\s*/g, " ")}`);
      return `${docComment("", type.doc, members.join("\n"), deprecated)}export type ${name} = ${enumValues(type)};\n`;
    }
    case "union":
      return `${docComment("", type.doc, deprecated)}export type ${name} = ${type.variants.map((variant) => printType(variant, context)).join(" | ") || "never"};\n`;
    case "alias":
      return `${docComment("", type.doc, deprecated)}export type ${name} = ${printType(type.type, context)};\n`;
  }
}

function paramsType(method: PlanMethod, context: PrintContext): string[] {
  if (!method.params) return [];
  const keys = paramsKeys(method);
  const members = method.params.members.map((member, index) => {
    const doc = docComment("  ", member.doc, member.deprecated ? "@deprecated" : undefined);
    const optional = member.required ? "" : "?";
    const type = printType(member.type, { ...context, indent: "  " });
    return `${doc}  ${propertyKey(keys[index]!)}${optional}: ${type}${member.required ? "" : " | undefined"};\n`;
  });
  const doc = docComment("", `Parameters of \`${naming.value(method.name)}\`.`);
  return [`${doc}export interface ${naming.type(method.params.name)} {\n${members.join("")}}\n`];
}
