import type { SdkPlan } from "../../plan/sdk-plan.ts";
import type { TypeIndex } from "./print-type.ts";
import { docComment } from "./swift-docs.ts";
import { literal, typeName, valueName } from "./swift-names.ts";

/** The name of one environment's case. */
export function environmentCase(name: readonly string[]): string {
  return valueName(name);
}

/**
 * `Metadata.swift`: the deployments, the API version, and the API's facts
 * the runtime acts on, with the typed error code on the runtime's errors.
 * It re-exports the runtime, so `import Expys` is all an app writes.
 */
export function metadataFile(plan: SdkPlan, types: TypeIndex): string {
  const { facts } = plan;
  const optional = (value: string | undefined): string => (value === undefined ? "nil" : literal(value));
  const codes = facts.errorCodes.map((code) => `    .init(code: ${literal(code.code)}, status: ${code.status}, retryable: ${code.retryable}),\n`).join("");
  const parts = [
    "@_exported import ExpysRuntime\n",
    environments(plan),
    `${docComment("", "The API version this SDK was generated from.")}public let apiVersion = ${literal(plan.api.version)}\n`,
    [
      docComment(
        "",
        "What the runtime knows of this API, all of it from the spec: the error codes, each with its status and whether retrying can help, and the codes and headers the runtime acts on.",
      ),
      "package let apiFacts = APIFacts(\n",
      `  errorCodes: [\n${codes}  ],\n`,
      `  tokenExpiredCode: ${optional(facts.refreshCredentialCode)},\n`,
      `  inFlightCode: ${optional(facts.retryInFlightCode)},\n`,
      `  requestIDHeader: ${optional(facts.requestIdHeader)},\n`,
      `  clientHeader: ${optional(facts.clientHeader)}\n`,
      ")\n",
    ].join(""),
  ];
  const codeType = facts.errorCodeType ? types.get(facts.errorCodeType) : undefined;
  if (codeType) {
    const name = typeName(codeType.name);
    parts.push(
      [
        "extension ExpysError {\n",
        docComment("  ", "The API's code of an API error, typed; `nil` for the other cases."),
        `  public var code: ${name}? { rawCode.map(${name}.init(rawValue:)) }\n`,
        "}\n\n",
        "extension APIFailure {\n",
        docComment("  ", "The API's code, typed."),
        `  public var code: ${name} { ${name}(rawValue: rawCode) }\n`,
        "}\n",
      ].join(""),
    );
  }
  return parts.filter(Boolean).join("\n");
}

function environments(plan: SdkPlan): string {
  if (plan.environments.length === 0) return "";
  const cases = plan.environments.map((environment) => `${docComment("  ", environment.url)}  case ${environmentCase(environment.name)}\n`);
  const urls = plan.environments.map((environment) => `    case .${environmentCase(environment.name).replaceAll("`", "")}: ${literal(environment.url)}\n`);
  return [
    `${docComment("", "The deployments of the API.")}public enum Environment: String, Sendable, CaseIterable {\n`,
    cases.join(""),
    `\n${docComment("  ", "The deployment's base URL.")}  public var url: String {\n    switch self {\n${urls.join("")}    }\n  }\n}\n`,
  ].join("");
}
