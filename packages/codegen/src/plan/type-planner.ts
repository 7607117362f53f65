import type { NamedType, Property, TypeRef } from "../model/api-model.ts";
import { splitWords } from "../model/names.ts";
import type { NameScope } from "./names.ts";
import type { Name, PlanProperty, PlanType, PlanTypeRef } from "./sdk-plan.ts";

/** The id of a type the plan named: `~` cannot start a component id, so none can clash. */
const inlineId = (path: readonly string[]): string => `~${path.join("/")}`;

/** A closed set of strings, or of numbers: an enum in every language. */
function isEnumLiteral(values: readonly (string | number | boolean)[]): values is readonly string[] | readonly number[] {
  return values.length > 1 && (values.every((value) => typeof value === "string") || values.every((value) => typeof value === "number"));
}

/**
 * Turns the model's types into the plan's, giving every object, union and
 * enum a name: component schemas keep theirs, and an inline one is named
 * after where it appears (`Issue` + `user`, `listIssues` + `state`). Names
 * come from one scope shared with every other type name of the plan.
 */
export class TypePlanner {
  readonly #scope: NameScope;
  readonly #named = new Map<string, Name>();
  readonly #components: PlanType[] = [];
  readonly #inlineTypes: PlanType[] = [];
  readonly #byId = new Map<string, PlanType>();
  readonly #words = new Map<string, Name>();

  constructor(scope: NameScope, components: readonly NamedType[]) {
    this.#scope = scope;
    // Component names are taken first, so an inline type never takes one away.
    for (const type of components) this.#named.set(type.id, scope.take(type.name, ["Type"]));
    for (const type of components) {
      const planned = this.#component(type);
      this.#components.push(planned);
      this.#byId.set(planned.id, planned);
    }
  }

  /** Every type planned so far: the components in document order, then the named inline ones. */
  get types(): readonly PlanType[] {
    return [...this.#components, ...this.#inlineTypes];
  }

  /** Every type planned so far, by id. */
  get byId(): ReadonlyMap<string, PlanType> {
    return this.#byId;
  }

  /** The plan's name of a component type. */
  nameOf(id: string): Name {
    const name = this.#named.get(id);
    if (!name) throw new Error(`no type ${id}`);
    return name;
  }

  /** The type at `path`, naming whatever inline object, union or enum it holds after that path. */
  ref(type: TypeRef, path: readonly string[]): PlanTypeRef {
    const nullable = type.nullable ? { nullable: true as const } : {};
    switch (type.kind) {
      case "primitive":
      case "unknown":
        return type;
      case "ref":
        return type;
      case "array":
        return { kind: "array", items: this.ref(type.items, [...path, "item"]), ...(type.constraints ? { constraints: type.constraints } : {}), ...nullable };
      case "map":
        return { kind: "map", values: this.ref(type.values, [...path, "value"]), ...nullable };
      case "literal":
        if (!isEnumLiteral(type.values)) return type;
        return { kind: "ref", id: this.#inline(path, (common) => this.#enum(common, type.values as readonly (string | number)[])), ...nullable };
      case "object":
        return {
          kind: "ref",
          id: this.#inline(path, (common) => ({
            ...common,
            kind: "object",
            properties: this.#properties(type.properties, path),
            ...(type.additionalProperties ? { additionalProperties: this.ref(type.additionalProperties, [...path, "extra"]) } : {}),
          })),
          ...nullable,
        };
      case "union":
        return { kind: "ref", id: this.#inline(path, (common) => this.#union(common, type, path)), ...nullable };
    }
  }

  /** A name for a type the plan itself introduces (a params group, say), from the same scope. */
  takeName(path: readonly string[]): Name {
    return this.#scope.take(path.flatMap((part) => this.#wordsOf(part)));
  }

  /** Path parts recur (a method's name, a common property's): each is split into words once. */
  #wordsOf(part: string): Name {
    const known = this.#words.get(part);
    if (known) return known;
    const words = splitWords(part);
    this.#words.set(part, words);
    return words;
  }

  #inline(path: readonly string[], build: (common: { id: string; name: Name; origin: PlanType["origin"] }) => PlanType): string {
    const id = inlineId(path);
    if (this.#byId.has(id)) return id;
    // The name is taken before the type's own parts name theirs, so it gets the plain one.
    const common = { id, name: this.takeName(path), origin: { kind: "inline" as const, path } };
    const type = build(common);
    this.#inlineTypes.push(type);
    this.#byId.set(id, type);
    return id;
  }

  #component(type: NamedType): PlanType {
    const path = [this.nameOf(type.id).join("")];
    const common = {
      id: type.id,
      name: this.nameOf(type.id),
      origin: { kind: "schema" as const },
      ...(type.doc ? { doc: type.doc } : {}),
      ...(type.deprecated ? { deprecated: true as const } : {}),
    };
    if (type.kind === "enum") return { ...common, kind: "enum", base: type.base, members: type.members };
    if (type.kind === "object") {
      return {
        ...common,
        kind: "object",
        properties: this.#properties(type.type.properties, path),
        ...(type.type.additionalProperties ? { additionalProperties: this.ref(type.type.additionalProperties, [...path, "extra"]) } : {}),
      };
    }
    // An alias of a union or a closed set is that union or enum, under the alias's name.
    if (type.type.kind === "union") return this.#union(common, type.type, path);
    if (type.type.kind === "literal" && isEnumLiteral(type.type.values)) return this.#enum(common, type.type.values);
    return { ...common, kind: "alias", type: this.ref(type.type, path) };
  }

  #properties(properties: readonly Property[], path: readonly string[]): PlanProperty[] {
    return properties.map(({ type, ...property }) => ({ ...property, type: this.ref(type, [...path, property.wireName]) }));
  }

  #enum(common: Pick<PlanType, "id" | "name" | "origin" | "doc" | "deprecated">, values: readonly (string | number)[]): PlanType {
    const base = values.every((value) => typeof value === "string") ? "string" : values.every(Number.isInteger) ? "integer" : "number";
    return { ...common, kind: "enum", base, members: values.map((value) => ({ name: splitWords(String(value)), value })) };
  }

  #union(
    common: Pick<PlanType, "id" | "name" | "origin" | "doc" | "deprecated">,
    type: Extract<TypeRef, { kind: "union" }>,
    path: readonly string[],
  ): PlanType {
    return {
      ...common,
      kind: "union",
      variants: type.variants.map((variant, index) => this.ref(variant, [...path, `variant${index + 1}`])),
      ...(type.discriminator ? { discriminator: type.discriminator } : {}),
    };
  }
}
