// One page per operation of the spec, written by .vitepress/site/operation-page.ts.
// `tryIt` is what the page's Try-it panel needs to call the operation, as JSON
// (route parameters are strings).
import { defineRoutes } from "vitepress";
import { operationPage } from "../../.vitepress/site/operation-page.ts";
import { methods } from "../../.vitepress/site/spec-plan.ts";
import { tryItOperation } from "../../.vitepress/site/try-it-data.ts";

export default defineRoutes({
  paths: () =>
    methods.map(({ method, client }) => ({
      params: { operation: method.operationId, tryIt: JSON.stringify(tryItOperation(method, client)) },
      content: operationPage(method),
    })),
});
