// One page per component schema of the spec, written by .vitepress/api.ts.
import { defineRoutes } from "vitepress";
import { schemaPage, schemas } from "../../.vitepress/api.ts";

export default defineRoutes({
  paths: () => schemas.map((type) => ({ params: { schema: type.id }, content: schemaPage(type) })),
});
