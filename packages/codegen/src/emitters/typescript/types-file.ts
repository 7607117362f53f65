import type { ApiModel, NamedType } from "../../model/api-model.ts";
import type { MethodPlan } from "./method-plan.ts";
import { printObject, printType, type PrintContext } from "./print-type.ts";
import { docComment } from "./ts-docs.ts";
import { propertyKey } from "./ts-names.ts";

/** `types.ts`: every named type of the API, and each method's params object. */
export function typesFile(model: ApiModel, plans: readonly MethodPlan[], typeNames: ReadonlyMap<string, string>): string {
  const context: PrintContext = { typeNames, indent: "" };
  const named = model.types.map((type) => namedType(type, context));
  const params = plans.flatMap((plan) => {
    if (!plan.params) return [];
    const members = plan.params.members.map((member) => {
      const doc = docComment("  ", member.doc, member.deprecated ? "@deprecated" : undefined);
      const optional = member.required ? "" : "?";
      const type = printType(member.type, { typeNames, indent: "  " });
      return `${doc}  ${propertyKey(member.key)}${optional}: ${type}${member.required ? "" : " | undefined"};\n`;
    });
    const doc = docComment("", `Parameters of \`${plan.method}\`.`);
    return [`${doc}export interface ${plan.params.typeName} {\n${members.join("")}}\n`];
  });
  const bodies = plans.flatMap((plan) =>
    plan.positional.flatMap((argument) => {
      if (!argument.typeName) return [];
      const doc = docComment("", argument.doc ?? `The request body of \`${plan.method}\`.`);
      return argument.type.kind === "object"
        ? [`${doc}export interface ${argument.typeName} ${printObject(argument.type, context)}\n`]
        : [`${doc}export type ${argument.typeName} = ${printType(argument.type, context)};\n`];
    }),
  );
  return [...named, ...bodies, ...params].join("\n");
}

function namedType(type: NamedType, context: PrintContext): string {
  const name = context.typeNames.get(type.id);
  const deprecated = type.deprecated ? "@deprecated" : undefined;
  switch (type.kind) {
    case "object":
      return `${docComment("", type.doc, deprecated)}export interface ${name} ${printObject(type.type, context)}\n`;
    case "enum": {
      const members = type.members.filter((member) => member.doc).map((member) => `- \`${member.value}\`: ${member.doc?.replace(/\s*\n\s*/g, " ")}`);
      const values = type.members.map((member) => JSON.stringify(member.value)).join(" | ");
      return `${docComment("", type.doc, members.join("\n"), deprecated)}export type ${name} = ${values || "never"};\n`;
    }
    case "alias":
      return `${docComment("", type.doc, deprecated)}export type ${name} = ${printType(type.type, context)};\n`;
  }
}
