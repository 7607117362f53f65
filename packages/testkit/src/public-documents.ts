import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * Public OpenAPI documents that ship inside npm packages, by a short name: the
 * edge-case collection `@readme/oas-examples` (3.0 and 3.1), Scalar's Galaxy
 * (JSON and YAML), and GitHub's REST description (13 MB, 1,223 operations).
 */
export function publicOpenApiDocuments(): Record<string, string> {
  const examples = dirname(require.resolve("@readme/oas-examples/package.json"));
  return {
    ...Object.fromEntries(
      ["3.0", "3.1"].flatMap((version) =>
        readdirSync(join(examples, version, "json"))
          .filter((file) => file.endsWith(".json"))
          .map((file) => [`oas-examples ${version} ${file}`, join(examples, version, "json", file)]),
      ),
    ),
    "scalar galaxy 3.1 json": require.resolve("@scalar/galaxy/3.1.json"),
    "scalar galaxy 3.1 yaml": require.resolve("@scalar/galaxy/3.1.yaml"),
    "github rest api": join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", "api.github.com.json"),
  };
}

/**
 * The public documents the generator refuses, each with the JSON pointer of the
 * construct it cannot represent.
 */
export const unsupportedPublicDocuments: Readonly<Record<string, string>> = {
  "oas-examples 3.0 parameters-style.json": "#/paths/~1anything~1path~1matrix~1{primitive}~1{array}~1{object}/get/parameters/0/style",
  "oas-examples 3.1 parameters-style.json": "#/paths/~1anything~1path~1matrix~1{primitive}~1{array}~1{object}/get/parameters/0/style",
  // The document names a security scheme it never defines.
  "oas-examples 3.0 response-http-behavior.json": "#/paths/~1cache/get/security/0",
  // allOf of a string and an integer: no value can match it.
  "oas-examples 3.0 schema-types.json": "#/paths/~1anything~1quirks~1polymorphism/put/requestBody/content/application~1json/schema/allOf/0",
  "oas-examples 3.1 schema-types.json": "#/paths/~1anything~1quirks~1polymorphism/put/requestBody/content/application~1json/schema/allOf/0",
};
