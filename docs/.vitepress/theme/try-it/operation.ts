// What the Try-it panel knows about one operation: the fields of its form and
// how each reaches the SDK call. Written at build time from the SDK plan
// (docs/.vitepress/site/try-it-data.ts) and handed to the page as a route
// parameter, so the browser needs no spec.

/** One input of the form. */
export interface TryItField {
  /** The name on the wire, shown as the label. */
  name: string;
  where: "path" | "query" | "header" | "body";
  kind: "string" | "integer" | "number" | "boolean";
  required: boolean;
  /** How the SDK takes it: the nth positional argument, or a key of the params object. */
  pass: { argument: number } | { param: string };
  multiline?: boolean;
  placeholder?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** A note under the field. */
  hint?: string;
  /** The field holds a conversation id: prefilled with the last one a listing returned. */
  conversationId?: boolean;
}

/** One operation, as the panel calls it. */
export interface TryItOperation {
  operationId: string;
  /** The TypeScript SDK's method name. */
  method: string;
  http: { method: string; path: string };
  kind: "request" | "paginate" | "stream";
  /** False for operations that take a secret credential, which never belongs in a browser. */
  browser: boolean;
  /** How many positional arguments the method takes before its params object. */
  arguments: number;
  fields: TryItField[];
  /** The local sandbox's URL, from the spec's environments. */
  defaultBaseUrl: string;
}
