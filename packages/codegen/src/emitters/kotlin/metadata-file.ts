import type { SdkPlan } from "../../plan/sdk-plan.ts";
import { kdoc } from "./kdoc.ts";
import { constantCase, naming, stringLiteral } from "./kotlin-names.ts";
import { fileWith, unknownEntry } from "./types-file.ts";

/**
 * `Metadata.kt`: the environments, the API version, and the API's facts the runtime
 * acts on (error codes, the refresh and in-flight codes, the request-id and client
 * headers), handed to it by every client.
 */
export function metadataFile(plan: SdkPlan, packageName: string, clientId: string): string {
  const imports = new Set(["com.expys.sdk.runtime.ApiFacts"]);
  const facts = plan.facts;
  const codeType = plan.types.find((type) => type.id === facts.errorCodeType);
  let codes: string;
  let unknown: string;
  if (codeType) {
    const name = naming.type(codeType.name);
    codes = `${name}.entries - ${name}.${unknownEntry}`;
    unknown = `${name}.${unknownEntry}`;
  } else {
    imports.add("com.expys.sdk.runtime.PlainErrorCode");
    codes = `listOf(${facts.errorCodes.map((code) => `PlainErrorCode(${stringLiteral(code.code)}, ${code.status}, ${code.retryable})`).join(", ")})`;
    unknown = "PlainErrorCode.UNKNOWN";
  }
  const optional = (value: string | undefined) => (value === undefined ? "null" : stringLiteral(value));
  const environments = plan.environments.map(
    (environment) =>
      `${kdoc("    ", [environment.doc && environment.doc !== environment.name.join(" ") ? environment.doc : undefined, environment.url])}    ${constantCase(environment.name)}(${stringLiteral(environment.url)}),\n`,
  );
  const body = `/** The deployments of the API. */
public enum class Environment(
    /** The base URL of the deployment. */
    public val url: String,
) {
${environments.join("\n")}}

/** The version of the API this SDK was generated from. */
public const val API_VERSION: String = ${stringLiteral(plan.api.version)}

internal val apiFacts: ApiFacts = ApiFacts(
    errorCodes = ${codes},
    unknownCode = ${unknown},
    refreshTokenCode = ${optional(facts.refreshCredentialCode)},
    inProgressCode = ${optional(facts.retryInFlightCode)},
    requestIdHeader = ${optional(facts.requestIdHeader)},
    clientHeader = ${optional(facts.clientHeader)},
    clientId = ${stringLiteral(clientId).replace(/\{version\}/, "$SDK_VERSION")},
)
`;
  return fileWith(packageName, imports, body);
}
