import type { PlanErrorCode, PlanProperty, PlanType, SdkPlan } from "../../plan/sdk-plan.ts";
import { kdoc } from "./kdoc.ts";
import { constantCase, naming, stringLiteral } from "./kotlin-names.ts";
import { type KotlinContext, printType } from "./print-type.ts";

/** The entry of the error-code enum for codes this SDK does not know. */
export const unknownEntry = "UNKNOWN";

/** `Types.kt`: every named type of the plan. */
export function typesFile(plan: SdkPlan, packageName: string, context: KotlinContext): string {
  const body = plan.types.map((type) => namedType(type, plan, context)).join("\n");
  return fileWith(packageName, context.imports, body);
}

/** A file: its package, the imports its body used, the body. */
export function fileWith(packageName: string, imports: ReadonlySet<string>, body: string): string {
  const lines = [...imports].sort().map((name) => `import ${name}`);
  return `package ${packageName}\n\n${lines.length ? `${lines.join("\n")}\n\n` : ""}${body}`;
}

/** One named type's declaration. */
export function namedType(type: PlanType, plan: SdkPlan, context: KotlinContext): string {
  const name = naming.type(type.name);
  const doc = kdoc("", [type.doc]);
  const deprecated = type.deprecated ? `@Deprecated("deprecated by the API")\n` : "";
  switch (type.kind) {
    case "object":
      return (
        doc + deprecated + objectType(name, type.properties, type.additionalProperties ? printType(type.additionalProperties, context) : undefined, context)
      );
    case "enum":
      if (type.id === plan.facts.errorCodeType) return doc + deprecated + errorCodeEnum(name, type, plan.facts.errorCodes, context);
      if (type.base !== "string") {
        const values = type.members.map((member) => `- \`${member.value}\`${member.doc ? `: ${member.doc}` : ""}`);
        return `${kdoc("", [type.doc, `One of:\n${values.join("\n")}`]) + deprecated}public typealias ${name} = ${type.base === "integer" ? "Int" : "Double"}\n`;
      }
      return doc + deprecated + stringEnum(name, type, context);
    case "union":
      context.imports.add("kotlinx.serialization.json.JsonElement");
      return (
        kdoc("", [type.doc, `As JSON: one of ${type.variants.map((variant) => `\`${printType(variant, context).replace(/\?$/, "")}\``).join(", ")}.`]) +
        deprecated +
        `public typealias ${name} = JsonElement\n`
      );
    case "alias":
      return `${doc + deprecated}public typealias ${name} = ${printType(type.type, context)}\n`;
  }
}

function objectType(name: string, properties: readonly PlanProperty[], extra: string | undefined, context: KotlinContext): string {
  if (properties.length === 0) {
    if (extra) return `public typealias ${name} = Map<String, ${extra}>\n`;
    context.imports.add("kotlinx.serialization.Serializable");
    return `@Serializable\npublic class ${name} {\n    override fun equals(other: Any?): Boolean = other is ${name}\n\n    override fun hashCode(): Int = 0\n\n    override fun toString(): String = "${name}()"\n}\n`;
  }
  context.imports.add("kotlinx.serialization.Serializable");
  const members = properties.map((property) => {
    const kotlinName = naming.value(property.name);
    const serialName = kotlinName.replaceAll("`", "") === property.wireName ? "" : `@SerialName(${stringLiteral(property.wireName)}) `;
    if (serialName) context.imports.add("kotlinx.serialization.SerialName");
    const type = printType(property.type, context);
    // Absent and null are one to a caller: an optional property is nullable, and absent by default.
    const declared = property.required ? type : type.endsWith("?") ? `${type} = null` : `${type}? = null`;
    const deprecated = property.deprecated ? `@Deprecated("deprecated by the API") ` : "";
    return `${kdoc("    ", [property.doc])}    ${deprecated}${serialName}val ${kotlinName}: ${declared},\n`;
  });
  return `@Serializable\npublic data class ${name}(\n${members.join("")})\n`;
}

function stringEnum(name: string, type: Extract<PlanType, { kind: "enum" }>, context: KotlinContext): string {
  context.imports.add("kotlinx.serialization.Serializable");
  context.imports.add("kotlinx.serialization.SerialName");
  const entries = type.members.map(
    (member) => `${kdoc("    ", [member.doc])}    @SerialName(${stringLiteral(String(member.value))})\n    ${constantCase(member.name)},\n`,
  );
  return `@Serializable\npublic enum class ${name} {\n${entries.join("\n")}}\n`;
}

/**
 * The error-code enum: each entry with its status and retryability from the API's
 * facts, and [unknownEntry] for codes this SDK does not know, which decoding maps
 * any unknown value to instead of failing.
 */
function errorCodeEnum(name: string, type: Extract<PlanType, { kind: "enum" }>, codes: readonly PlanErrorCode[], context: KotlinContext): string {
  for (const imported of [
    "kotlinx.serialization.KSerializer",
    "kotlinx.serialization.Serializable",
    "kotlinx.serialization.descriptors.PrimitiveKind",
    "kotlinx.serialization.descriptors.PrimitiveSerialDescriptor",
    "kotlinx.serialization.descriptors.SerialDescriptor",
    "kotlinx.serialization.encoding.Decoder",
    "kotlinx.serialization.encoding.Encoder",
  ]) {
    context.imports.add(imported);
  }
  const byCode = new Map(codes.map((code) => [code.code, code]));
  const entries = type.members.map((member) => {
    const fact = byCode.get(String(member.value));
    return `${kdoc("    ", [member.doc ?? fact?.doc])}    ${constantCase(member.name)}(${stringLiteral(String(member.value))}, ${fact?.status ?? 0}, ${fact?.retryable ?? false}),\n`;
  });
  entries.push(
    `${kdoc("    ", ["A code this version of the SDK does not know, or an answer from outside the API, such as a proxy's error page."])}    ${unknownEntry}("unknown", 0, false),\n`,
  );
  return `@Serializable(with = ${name}.Serializer::class)
public enum class ${name}(override val value: String, override val status: Int, override val retryable: Boolean) : ApiErrorCode {
${entries.join("\n")}    ;

    public companion object {
        /** The entry for [value], or [${unknownEntry}]. */
        public fun of(value: String): ${name} = entries.firstOrNull { it.value == value } ?: ${unknownEntry}
    }

    /** Reads an unknown code as [${unknownEntry}] instead of failing. */
    internal object Serializer : KSerializer<${name}> {
        override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor(${stringLiteral(name)}, PrimitiveKind.STRING)

        override fun serialize(encoder: Encoder, value: ${name}): Unit = encoder.encodeString(value.value)

        override fun deserialize(decoder: Decoder): ${name} = of(decoder.decodeString())
    }
}
`;
}
