import type { ApiModel } from "../model/api-model.ts";
import type { ApiFacts } from "./sdk-plan.ts";

/** The API's facts for runtimes: the error taxonomy, the codes with a special handling, and the conventional headers. */
export function planFacts(model: ApiModel): ApiFacts {
  const codes = model.errors?.codes ?? [];
  const handled = (handling: string) => codes.find((code) => code.handling === handling)?.code;
  const refreshCredentialCode = handled("refreshCredential");
  const retryInFlightCode = handled("retryInFlight");
  return {
    errorCodes: codes.map(({ code, status, retryable, doc }) => ({ code, status, retryable, ...(doc ? { doc } : {}) })),
    ...(model.errors?.typeId ? { errorCodeType: model.errors.typeId } : {}),
    ...(refreshCredentialCode ? { refreshCredentialCode } : {}),
    ...(retryInFlightCode ? { retryInFlightCode } : {}),
    ...(model.conventions.requestIdHeader ? { requestIdHeader: model.conventions.requestIdHeader } : {}),
    ...(model.conventions.clientHeader ? { clientHeader: model.conventions.clientHeader } : {}),
  };
}
