// One page per operation of the spec, written by .vitepress/api.ts.
import { defineRoutes } from "vitepress";
import { methods, operationPage } from "../../.vitepress/api.ts";

export default defineRoutes({
  paths: () => methods.map(({ method }) => ({ params: { operation: method.operationId }, content: operationPage(method) })),
});
