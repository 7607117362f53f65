import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildModel, buildPlan, emitFiles, emitters, parseDocument, type ApiModel, type GeneratedFile, type SdkPlan } from "../src/index.ts";

/** Where the spec's emitted OpenAPI 3.0 document is committed. */
export const specDocumentPath = fileURLToPath(new URL("../../../spec/openapi/openapi.json", import.meta.url));

/** The spec's document as parsed JSON, a fresh copy each call so tests can change it. */
export function specDocument(): Record<string, any> {
  return JSON.parse(readFileSync(specDocumentPath, "utf8"));
}

/** Builds the model of a document given as an object. */
export function modelOf(document: object): ApiModel {
  return buildModel(parseDocument(JSON.stringify(document)));
}

/** The SDK plan of a document given as an object. */
export function planOf(document: object): SdkPlan {
  return buildPlan(modelOf(document));
}

/** The TypeScript files for a document given as an object, headers included. */
export function typescriptOf(document: object): GeneratedFile[] {
  return emitFiles(emitters.typescript!, planOf(document));
}

/** A stream of two event types, JSON ticks and a terminal text event, for documents that need one. */
export const eventsPath = {
  "/events": {
    get: {
      operationId: "events",
      responses: { "200": { description: "events", content: { "text/event-stream": { schema: { type: "string" } } } } },
      "x-expys-stream": {
        protocol: "sse",
        heartbeatSeconds: 10,
        events: [
          { event: "tick", contentType: "application/json", schema: { type: "object", properties: { n: { type: "integer" } } } },
          { event: "done", contentType: "text/plain", terminal: true },
        ],
      },
    },
  },
};
