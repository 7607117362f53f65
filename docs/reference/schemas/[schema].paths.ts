// One page per named type of the spec, written by .vitepress/api.ts.
import { defineRoutes } from "vitepress";
import { model, schemaPage } from "../../.vitepress/api.ts";

export default defineRoutes({
  paths: () => model.types.map((type) => ({ params: { schema: type.id }, content: schemaPage(type) })),
});
