// One page per component schema of the spec, written by .vitepress/site/schema-page.ts.
import { defineRoutes } from "vitepress";
import { schemaPage } from "../../.vitepress/site/schema-page.ts";
import { schemas } from "../../.vitepress/site/tables.ts";

export default defineRoutes({
  paths: () => schemas.map((type) => ({ params: { schema: type.id }, content: schemaPage(type) })),
});
