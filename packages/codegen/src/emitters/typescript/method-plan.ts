import type { ApiModel, NamedType, Operation, Parameter, Property, TypeRef } from "../../model/api-model.ts";
import { NameAllocator, pascalCase, variableName } from "./ts-names.ts";

/** A positional argument of a generated method. */
export interface PositionalArgument {
  variable: string;
  type: TypeRef;
  optional: boolean;
  doc?: string;
  /** Where the value goes on the wire. */
  target: { location: "path"; wireName: string } | { location: "bodyField"; wireName: string } | { location: "body" };
  /** An inline object or union body gets a named type of its own, for readable signatures. */
  typeName?: string;
}

/** A member of a method's trailing `params` object. */
export interface ParamsMember {
  key: string;
  type: TypeRef;
  required: boolean;
  doc?: string;
  deprecated?: true;
  target: { location: "query" | "header" | "cookie" | "bodyField"; wireName: string };
}

/** Everything an emitter needs to write one SDK method, decided once. */
export interface MethodPlan {
  operation: Operation;
  method: string;
  positional: readonly PositionalArgument[];
  /** The trailing params object, absent when the operation has nothing else to pass. */
  params?: { typeName: string; members: readonly ParamsMember[]; optional: boolean };
  kind: "request" | "paginate" | "stream";
  /** For paginated methods, the type of one item of a page. */
  itemType?: TypeRef;
}

/**
 * Decides the shape of every method: path parameters first (in path order),
 * then the body fields the spec marks positional (`x-expys-sdk.positional`), or
 * the whole body when it has none; everything else goes into one `params`
 * object; per-call options come last.
 */
export function planMethods(model: ApiModel, operations: readonly Operation[], typeNames: NameAllocator): MethodPlan[] {
  const methods = new NameAllocator();
  return operations.map((operation) => {
    const method = methods.allocate(variableName(operation.name, "operation"));
    const variables = new NameAllocator(["params", "options", "client"]);
    const positional: PositionalArgument[] = [];
    for (const parameter of pathParametersInOrder(operation)) {
      positional.push({
        variable: variables.allocate(variableName(parameter.name, "pathParameter")),
        type: parameter.type,
        optional: false,
        ...docOf(parameter.doc),
        target: { location: "path", wireName: parameter.wireName },
      });
    }
    const members: ParamsMember[] = [];
    const keys = new NameAllocator();
    const body = operation.requestBody;
    const bodyFields = body ? bodyProperties(model, body.type) : undefined;
    if (body && body.positional.length > 0 && bodyFields) {
      for (const wireName of body.positional) {
        const field = bodyFields.find((property) => property.wireName === wireName);
        if (!field) throw new Error(`${operation.id}: positional field ${wireName} is not in the body`);
        positional.push({
          variable: variables.allocate(variableName(field.name, "field")),
          type: field.type,
          optional: false,
          ...docOf(field.doc),
          target: { location: "bodyField", wireName },
        });
      }
      for (const field of bodyFields.filter((property) => !body.positional.includes(property.wireName))) {
        members.push({
          key: keys.allocate(isWireIdentifier(field.wireName) ? field.wireName : variableName(field.name, "field")),
          type: field.type,
          required: field.required,
          ...docOf(field.doc),
          ...(field.deprecated ? { deprecated: true as const } : {}),
          target: { location: "bodyField", wireName: field.wireName },
        });
      }
    } else if (body) {
      const inline = body.type.kind === "object" || body.type.kind === "union";
      positional.push({
        variable: variables.allocate("body"),
        type: body.type,
        ...(inline ? { typeName: typeNames.allocate(`${pascalCase(operation.name) || "Operation"}Body`) } : {}),
        optional: !body.required,
        ...docOf(body.doc),
        target: { location: "body" },
      });
    }
    for (const parameter of operation.parameters.filter((candidate) => candidate.location !== "path")) {
      const key = keys.allocate(parameter.location === "header" ? variableName(parameter.name, "header") : keyFor(parameter));
      members.push({
        key,
        type: parameter.type,
        required: parameter.required,
        ...docOf(parameter.doc),
        ...(parameter.deprecated ? { deprecated: true as const } : {}),
        target: { location: parameter.location as "query" | "header" | "cookie", wireName: parameter.wireName },
      });
    }
    const params =
      members.length > 0
        ? { typeName: typeNames.allocate(`${pascalCase(operation.name) || "Operation"}Params`), members, optional: members.every((member) => !member.required) }
        : undefined;
    const kind = operation.stream ? "stream" : operation.pagination ? "paginate" : "request";
    // Optional positional arguments cannot precede a required params object.
    if (params && !params.optional) for (const argument of positional) argument.optional = false;
    const itemType = operation.pagination ? fieldType(model, successType(operation), operation.pagination.itemsField) : undefined;
    if (operation.pagination && itemType?.kind !== "array") throw new Error(`${operation.id}: the paged items field is not an array`);
    return { operation, method, positional, ...(params ? { params } : {}), kind, ...(itemType?.kind === "array" ? { itemType: itemType.items } : {}) };
  });
}

function docOf(doc: string | undefined): { doc?: string } {
  return doc ? { doc } : {};
}

function isWireIdentifier(wireName: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(wireName);
}

/** Query and cookie keys mirror the wire name when it is a usable identifier, as JSON keys do. */
function keyFor(parameter: Parameter): string {
  return isWireIdentifier(parameter.wireName) ? parameter.wireName : variableName(parameter.name, "param");
}

function pathParametersInOrder(operation: Operation): Parameter[] {
  const names = new Set([...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]));
  return [...names].flatMap((name) => operation.parameters.filter((parameter) => parameter.location === "path" && parameter.wireName === name));
}

function successType(operation: Operation): TypeRef | undefined {
  return operation.responses.find((response) => response.status.startsWith("2") && response.body)?.body?.type;
}

/** The type at a path of fields inside `type`, following named types. */
function fieldType(model: ApiModel, type: TypeRef | undefined, path: readonly string[]): TypeRef | undefined {
  let current = type;
  for (const field of path) current = current ? bodyProperties(model, current)?.find((property) => property.wireName === field)?.type : undefined;
  return current;
}

/** The properties of an object body, following named types. */
function bodyProperties(model: ApiModel, type: TypeRef): readonly Property[] | undefined {
  if (type.kind === "object") return type.properties;
  if (type.kind !== "ref") return undefined;
  const named: NamedType | undefined = model.types.find((candidate) => candidate.id === type.id);
  if (named?.kind === "object") return named.type.properties;
  if (named?.kind === "alias") return bodyProperties(model, named.type);
  return undefined;
}
