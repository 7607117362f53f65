import type { ApiModel } from "../../model/api-model.ts";
import { docComment } from "./ts-docs.ts";
import { camelCase, propertyKey } from "./ts-names.ts";

/** `metadata.ts`: the deployments and the API version the SDK was generated for. */
export function metadataFile(model: ApiModel): string {
  const entries = model.environments.map((environment) => `  ${JSON.stringify(camelCase(environment.name))}: ${JSON.stringify(environment.url)},\n`);
  const names = model.environments.map((environment) => JSON.stringify(camelCase(environment.name)));
  const list = model.environments.map((environment) => `- \`${camelCase(environment.name)}\`: ${environment.url}`).join("\n");
  const errors = model.errors
    ? [
        `${docComment("", "The API's error codes and the HTTP status each comes with, for answers whose body names no code.")}export const errorCodes = {\n${model.errors.codes
          .map((code) => `  ${propertyKey(code.code)}: ${code.status},\n`)
          .join("")}} as const;\n`,
      ]
    : [];
  return [
    ...errors,
    `${docComment("", "The deployments of the API, by name, and their URLs.", list)}export const environments = {\n${entries.join("")}} as const;\n`,
    `${docComment("", "The name of a deployment of the API.")}export type Environment = ${names.join(" | ") || "never"};\n`,
    `${docComment("", "The API version this SDK was generated from.")}export const apiVersion = ${JSON.stringify(model.version)};\n`,
  ].join("\n");
}
