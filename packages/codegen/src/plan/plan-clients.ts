import type { ApiModel, AuthScheme, Operation } from "../model/api-model.ts";
import type { Name, PlanCredential } from "./sdk-plan.ts";

/** A client before its methods are planned. */
export interface ClientOutline {
  role: "app" | "server";
  name: Name;
  factory: Name;
  optionsName: Name;
  doc: string;
  operations: readonly Operation[];
}

/** Whether a scheme is a long-lived secret (an API key, a password) rather than a short-lived token. */
const isSecret = (scheme: AuthScheme): boolean => scheme.kind === "apiKey" || scheme.kind === "basic";

/**
 * The security boundary, decided once: operations that only secret
 * credentials can call go to a separate server client when the API also has
 * operations for apps, so a secret never ships inside an app and app bundles
 * leave those operations out. An API with one kind of operation gets one
 * client, and one without operations none.
 */
export function outlineClients(model: ApiModel, sdkName: Name): ClientOutline[] {
  if (model.operations.length === 0) return [];
  const secret = new Set(model.authSchemes.filter(isSecret).map((scheme) => scheme.id));
  const serverOnly = (operation: Operation): boolean =>
    operation.security.length > 0 && operation.security.every((alternative) => alternative.length > 0 && alternative.every((id) => secret.has(id)));
  const server = model.operations.filter(serverOnly);
  const app = model.operations.filter((operation) => !serverOnly(operation));
  const split = server.length > 0 && app.length > 0;
  const main: ClientOutline = {
    role: app.length > 0 ? "app" : "server",
    name: [...sdkName, "Client"],
    factory: ["initialize"],
    optionsName: ["Initialize", "Options"],
    doc: model.doc ?? `A client of ${model.title}.`,
    operations: split ? app : model.operations,
  };
  if (!split) return [main];
  return [
    main,
    {
      role: "server",
      name: [...sdkName, "Server", "Client"],
      factory: ["initialize", "Server"],
      optionsName: ["Initialize", "Server", "Options"],
      doc: `The operations of ${model.title} that take a secret credential. Use them on your server only; never ship the credential in an app.`,
      operations: server,
    },
  ];
}

/** The credentials a client's factory takes: one per kind of scheme its operations use. */
export function planCredentials(model: ApiModel, operations: readonly Operation[]): PlanCredential[] {
  const used = new Set(operations.flatMap((operation) => operation.security.flat()));
  const credentials = new Map<string, PlanCredential>();
  for (const scheme of model.authSchemes.filter((candidate) => used.has(candidate.id))) {
    const credential = credentialOf(scheme);
    if (!credential) continue;
    const key = credential.name.join(" ");
    const existing = credentials.get(key);
    credentials.set(key, existing ? { ...existing, schemes: [...existing.schemes, ...credential.schemes] } : credential);
  }
  return [...credentials.values()].map((credential) => ({
    ...credential,
    required: operations.every(
      (operation) =>
        operation.security.length > 0 && operation.security.every((alternative) => credential.schemes.some((scheme) => alternative.includes(scheme.id))),
    ),
  }));
}

function credentialOf(scheme: AuthScheme): PlanCredential | undefined {
  switch (scheme.kind) {
    case "bearer":
      return {
        name: ["token"],
        kind: "bearer",
        schemes: [{ id: scheme.id }],
        required: true,
        refreshable: true,
        secret: false,
        doc: scheme.doc ?? "The bearer token.",
      };
    case "apiKey": {
      // `OrgApiKeyAuth` is the key itself: the option is `orgApiKey`.
      const name = scheme.name.at(-1)?.toLowerCase() === "auth" ? scheme.name.slice(0, -1) : scheme.name;
      return {
        name: name.length > 0 ? name : ["api", "Key"],
        kind: "apiKey",
        schemes: [{ id: scheme.id, location: scheme.location, wireName: scheme.wireName }],
        required: true,
        refreshable: false,
        secret: true,
        doc: scheme.doc ?? `The API key sent as ${scheme.wireName}.`,
      };
    }
    case "basic":
      return {
        name: ["basic", "Auth"],
        kind: "basic",
        schemes: [{ id: scheme.id }],
        required: true,
        refreshable: false,
        secret: true,
        doc: scheme.doc ?? "HTTP basic credentials.",
      };
    case "unsupported":
      return undefined;
  }
}
