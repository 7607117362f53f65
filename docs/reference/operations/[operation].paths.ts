// One page per operation of the spec, written by .vitepress/api.ts.
import { defineRoutes } from "vitepress";
import { model, operationPage } from "../../.vitepress/api.ts";

export default defineRoutes({
  paths: () => model.operations.map((operation) => ({ params: { operation: operation.id }, content: operationPage(operation) })),
});
