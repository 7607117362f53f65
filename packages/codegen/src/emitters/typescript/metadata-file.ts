import type { SdkPlan } from "../../plan/sdk-plan.ts";
import { docComment } from "./ts-docs.ts";
import { camelCase, propertyKey } from "./ts-names.ts";

/** `metadata.ts`: the deployments, the API version, and the API's facts the runtime acts on. */
export function metadataFile(plan: SdkPlan): string {
  const { facts } = plan;
  const entries = plan.environments.map((environment) => `  ${JSON.stringify(camelCase(environment.name))}: ${JSON.stringify(environment.url)},\n`);
  const names = plan.environments.map((environment) => JSON.stringify(camelCase(environment.name)));
  const list = plan.environments.map((environment) => `- \`${camelCase(environment.name)}\`: ${environment.url}`).join("\n");
  const codes = facts.errorCodes.map((code) => `  ${propertyKey(code.code)}: { status: ${code.status}, retryable: ${code.retryable} },\n`).join("");
  const known = facts.errorCodes.map((code) => `    ${JSON.stringify(code.code)},\n`).join("");
  const optional = [
    [
      "refreshCredentialCode",
      facts.refreshCredentialCode,
      "The code that means the token expired: the client asks its token provider again and repeats the call.",
    ],
    [
      "retryInFlightCode",
      facts.retryInFlightCode,
      "The code that means a call with the same idempotency key is still running: the client waits and repeats it.",
    ],
    ["requestIdHeader", facts.requestIdHeader, "The response header with the server's id for the request."],
    ["clientHeader", facts.clientHeader, "The request header the SDK names itself in."],
  ].flatMap(([key, value, doc]) => (value ? [`${docComment("  ", doc)}  ${key}: ${JSON.stringify(value)},\n`] : []));
  return [
    `${docComment("", "The API's error codes: the HTTP status each comes with, and whether repeating the identical call can succeed.")}export const errorCodes = {\n${codes}} as const;\n`,
    `${docComment("", "The deployments of the API, by name, and their URLs.", list)}export const environments = {\n${entries.join("")}} as const;\n`,
    `${docComment("", "What the runtime knows of this API, all of it from the spec: its deployments, the error codes it documents, and more.")}export const apiFacts = {\n  environments,\n  errorCodes: [\n${known}  ],\n${optional.join("")}};\n`,
    `${docComment("", "The name of a deployment of the API.")}export type Environment = ${names.join(" | ") || "never"};\n`,
    `${docComment("", "The API version this SDK was generated from.")}export const apiVersion = ${JSON.stringify(plan.api.version)};\n`,
  ].join("\n");
}
