import type { EnumMember, PlanProperty, PlanType, PlanTypeRef, SdkPlan } from "../../plan/sdk-plan.ts";
import { printBase, printType, type TypeIndex } from "./print-type.ts";
import { docComment } from "./swift-docs.ts";
import { literal, typeName, valueName, wordsOf } from "./swift-names.ts";

/** The conformances every generated type has: values that cross tasks, compare, and travel as JSON. */
const conformances = "Sendable, Hashable, Codable";

/** `Models.swift`: every named type of the plan. */
export function modelsFile(plan: SdkPlan, types: TypeIndex): string {
  return plan.types.map((type) => declaration(type, types)).join("\n");
}

/** One named type's declaration, with its doc comment. */
export function declaration(type: PlanType, types: TypeIndex): string {
  const doc = docComment("", type.doc, type.deprecated ? "- Important: Deprecated." : undefined);
  const name = typeName(type.name);
  switch (type.kind) {
    case "object":
      return doc + objectType(name, type.properties, type.additionalProperties, types);
    case "enum":
      return doc + enumType(name, type.base, type.members);
    case "union":
      return doc + unionType(name, type.variants, type.discriminator, types);
    case "alias":
      return `${doc}public typealias ${name} = ${printType(type.type, types)}\n`;
  }
}

/** A property's Swift type: optional when it may be absent or null. */
function propertyType(property: PlanProperty, types: TypeIndex): string {
  const printed = printType(property.type, types);
  return property.required || printed.endsWith("?") ? printed : `${printed}?`;
}

/**
 * A struct whose coding keeps the spec's exact optionality: a required
 * property must be present (a required nullable one may be `null`, and is
 * encoded as `null`), an optional one may be absent and is left out when
 * `nil`. An optional nullable property reads `null` and absence alike.
 */
function objectType(name: string, properties: readonly PlanProperty[], additional: PlanTypeRef | undefined, types: TypeIndex): string {
  const fields = properties.map((property) => ({ property, name: valueName(property.name), type: propertyType(property, types) }));
  const extra = additional ? `[String: ${printType(additional, types)}]` : undefined;
  const members = fields.map(
    ({ property, name: field, type }) =>
      `${docComment("  ", property.doc, property.deprecated ? "- Important: Deprecated." : undefined)}  public var ${field}: ${type}\n`,
  );
  if (extra) members.push(`${docComment("  ", "Members beyond the declared properties, by name.")}  public var additionalProperties: ${extra}\n`);
  const parameters = [
    ...fields.map(({ name: field, type }) => `${field}: ${type}${type.endsWith("?") ? " = nil" : ""}`),
    ...(extra ? [`additionalProperties: ${extra} = [:]`] : []),
  ];
  const assignments = [...fields.map(({ name: field }) => field), ...(extra ? ["additionalProperties"] : [])].map(
    (field) => `    self.${field.replaceAll("`", "")} = ${field}\n`,
  );
  const keys = fields.map(
    ({ property, name: field }) => `    case ${field}${property.wireName === field.replaceAll("`", "") ? "" : ` = ${literal(property.wireName)}`}\n`,
  );
  const decodes = fields.map(({ property, name: field }) => {
    const base = printBase(property.type, types);
    const key = `.${field.replaceAll("`", "")}`;
    if (!property.required) return `    ${field} = try container.decodeIfPresent(${base}.self, forKey: ${key})\n`;
    return `    ${field} = try container.decode(${printType(property.type, types)}.self, forKey: ${key})\n`;
  });
  const encodes = fields.map(({ property, name: field }) => {
    const key = `.${field.replaceAll("`", "")}`;
    return `    try container.${property.required ? "encode" : "encodeIfPresent"}(${field}, forKey: ${key})\n`;
  });
  const declared = `[${properties.map((property) => literal(property.wireName)).join(", ")}]`;
  const extraDecode = extra
    ? `    let others = try decoder.container(keyedBy: AnyCodingKey.self)\n    var additional: ${extra} = [:]\n    let declared: Set<String> = ${declared}\n    for key in others.allKeys where !declared.contains(key.stringValue) {\n      additional[key.stringValue] = try others.decode(${printType(additional!, types)}.self, forKey: key)\n    }\n    additionalProperties = additional\n`
    : "";
  const extraEncode = extra
    ? `    var others = encoder.container(keyedBy: AnyCodingKey.self)\n    for (key, value) in additionalProperties { try others.encode(value, forKey: AnyCodingKey(key)) }\n`
    : "";
  const coding =
    fields.length > 0
      ? [
          `\n  private enum CodingKeys: String, CodingKey {\n${keys.join("")}  }\n`,
          `\n  public init(from decoder: any Decoder) throws {\n    let container = try decoder.container(keyedBy: CodingKeys.self)\n${decodes.join("")}${extraDecode}  }\n`,
          `\n  public func encode(to encoder: any Encoder) throws {\n    var container = encoder.container(keyedBy: CodingKeys.self)\n${encodes.join("")}${extraEncode}  }\n`,
        ].join("")
      : extra
        ? `\n  public init(from decoder: any Decoder) throws {\n${extraDecode}  }\n\n  public func encode(to encoder: any Encoder) throws {\n${extraEncode}  }\n`
        : "";
  return [
    `public struct ${name}: ${conformances} {\n`,
    members.join(""),
    members.length > 0 ? "\n" : "",
    `${docComment("  ", `Makes a \`${name}\` from its members.`)}  public init(${parameters.join(", ")}) {\n${assignments.join("")}  }\n`,
    coding,
    "}\n",
  ].join("");
}

/** The case name of the fallback for values this SDK does not know, clear of the members' own. */
function fallbackCase(taken: ReadonlySet<string>): string {
  return ["unknown", "unrecognized", "otherValue"].find((candidate) => !taken.has(candidate))!;
}

/** An enum with a fallback case: a value a newer API sends is kept, not a decoding failure. */
function enumType(name: string, base: "string" | "integer" | "number", members: readonly EnumMember[]): string {
  const raw = base === "string" ? "String" : base === "integer" ? "Int" : "Double";
  const cases = members.map((member) => ({ member, name: valueName(member.name.length > 0 ? member.name : wordsOf(String(member.value))) }));
  const fallback = fallbackCase(new Set(cases.map((entry) => entry.name)));
  const spell = (value: string | number): string => (typeof value === "string" ? literal(value) : String(value));
  return [
    `public enum ${name}: ${conformances}, RawRepresentable {\n`,
    cases.map(({ member, name: caseName }) => `${docComment("  ", member.doc)}  case ${caseName}\n`).join(""),
    `${docComment("  ", "A value this SDK does not know, as the API sent it (a newer API may add values).")}  case ${fallback}(${raw})\n\n`,
    `  public init(rawValue: ${raw}) {\n    switch rawValue {\n`,
    cases.map(({ member, name: caseName }) => `    case ${spell(member.value)}: self = .${caseName}\n`).join(""),
    `    default: self = .${fallback}(rawValue)\n    }\n  }\n\n`,
    `  public var rawValue: ${raw} {\n    switch self {\n`,
    cases.map(({ member, name: caseName }) => `    case .${caseName}: ${spell(member.value)}\n`).join(""),
    `    case .${fallback}(let value): value\n    }\n  }\n\n`,
    `  public init(from decoder: any Decoder) throws {\n    self.init(rawValue: try decoder.singleValueContainer().decode(${raw}.self))\n  }\n\n`,
    `  public func encode(to encoder: any Encoder) throws {\n    var container = encoder.singleValueContainer()\n    try container.encode(rawValue)\n  }\n`,
    "}\n",
  ].join("");
}

/** A case name for a union variant: its type's name, or its kind. */
function variantCase(variant: PlanTypeRef, types: TypeIndex): string {
  switch (variant.kind) {
    case "ref":
      return valueName(types.get(variant.id)!.name);
    case "primitive":
      return variant.type;
    default:
      return variant.kind;
  }
}

/**
 * An enum of the variants. With a discriminator the tag picks the case;
 * without one, the first variant that decodes wins, in the spec's order.
 */
function unionType(
  name: string,
  variants: readonly PlanTypeRef[],
  discriminator: { property: string; mapping: Readonly<Record<string, string>> } | undefined,
  types: TypeIndex,
): string {
  const seen = new Map<string, number>();
  const cases = variants.map((variant) => {
    const preferred = variantCase(variant, types).replaceAll("`", "");
    const count = (seen.get(preferred) ?? 0) + 1;
    seen.set(preferred, count);
    return { variant, name: count === 1 ? valueName([preferred]) : `${preferred}${count}`, type: printType(variant, types) };
  });
  const decode = discriminator
    ? [
        `    let tag = try decoder.container(keyedBy: AnyCodingKey.self).decode(String.self, forKey: AnyCodingKey(${literal(discriminator.property)}))\n`,
        "    switch tag {\n",
        ...Object.entries(discriminator.mapping).flatMap(([tag, id]) => {
          const entry = cases.find(({ variant }) => variant.kind === "ref" && variant.id === id);
          return entry ? [`    case ${literal(tag)}: self = .${entry.name}(try decoder.singleValueContainer().decode(${entry.type}.self))\n`] : [];
        }),
        `    default: throw DecodingError.dataCorruptedError(forKey: AnyCodingKey(${literal(discriminator.property)}), in: try decoder.container(keyedBy: AnyCodingKey.self), debugDescription: "unknown ${discriminator.property} \\(tag)")\n`,
        "    }\n",
      ].join("")
    : [
        ...cases.map(
          ({ name: caseName, type }) =>
            `    if let value = try? decoder.singleValueContainer().decode(${type}.self) {\n      self = .${caseName}(value)\n      return\n    }\n`,
        ),
        `    throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "no variant of ${name} matches"))\n`,
      ].join("");
  return [
    `public enum ${name}: ${conformances} {\n`,
    cases.map(({ name: caseName, type }) => `  case ${caseName}(${type})\n`).join(""),
    `\n  public init(from decoder: any Decoder) throws {\n${decode}  }\n`,
    `\n  public func encode(to encoder: any Encoder) throws {\n    switch self {\n`,
    cases.map(({ name: caseName }) => `    case .${caseName}(let value): try value.encode(to: encoder)\n`).join(""),
    "    }\n  }\n}\n",
  ].join("");
}
