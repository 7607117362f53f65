import type { OperationSpec } from "./api-description.ts";
import { ApiError } from "./api-error.ts";

/** An operation a request was routed to, with its path parameters decoded. */
export interface RouteMatch {
  operation: OperationSpec;
  pathParams: Record<string, string>;
}

interface Route {
  template: string;
  /** A literal segment, or `{ param }` for a templated one. */
  segments: (string | { param: string })[];
  operations: Map<string, OperationSpec>;
}

function compile(template: string): Route["segments"] {
  return template
    .split("/")
    .slice(1)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param === undefined ? segment : { param };
    });
}

function decodeSegment(raw: string, param: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError("invalid_request", `path parameter "${param}" is not valid percent-encoding`, { param });
  }
}

/**
 * Routes requests to the document's operations. Built from the document's
 * paths, so a route added to the spec is routed without touching this file
 * (its handler is still needed: `handlers` is typed by the generated types).
 */
export class Router {
  readonly #routes: Route[] = [];

  constructor(operations: readonly OperationSpec[]) {
    for (const operation of operations) {
      let route = this.#routes.find((candidate) => candidate.template === operation.path);
      if (!route) {
        route = { template: operation.path, segments: compile(operation.path), operations: new Map() };
        this.#routes.push(route);
      }
      route.operations.set(operation.method, operation);
    }
  }

  /**
   * The operation for `method` and the raw (still percent-encoded) `pathname`.
   * Throws `not_found` for an unknown path and `method_not_allowed`, with an
   * `Allow` header, for a known path with another method.
   */
  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split("/").slice(1);
    for (const route of this.#routes) {
      const raw = this.#capture(route, segments);
      if (!raw) continue;
      const operation = route.operations.get(method);
      if (!operation) {
        const allow = [...route.operations.keys()].join(", ");
        throw new ApiError("method_not_allowed", `${method} is not allowed on ${route.template}; use ${allow}`, {
          headers: { Allow: allow },
        });
      }
      const pathParams: Record<string, string> = {};
      for (const [param, value] of Object.entries(raw)) pathParams[param] = decodeSegment(value, param);
      return { operation, pathParams };
    }
    throw new ApiError("not_found", `no route matches ${method} ${pathname.slice(0, 200)}`);
  }

  /** The methods allowed on `pathname`, or `undefined` when no route matches it. */
  allowedMethods(pathname: string): string[] | undefined {
    const route = this.#route(pathname);
    return route && [...route.operations.keys()];
  }

  /** Whether an operation on `pathname` takes the organisation's key rather than a bearer token. */
  takesApiKey(pathname: string): boolean {
    const route = this.#route(pathname);
    return route !== undefined && [...route.operations.values()].some((operation) => operation.credential.kind === "apiKey");
  }

  #route(pathname: string): Route | undefined {
    const segments = pathname.split("/").slice(1);
    return this.#routes.find((candidate) => this.#capture(candidate, segments));
  }

  #capture(route: Route, segments: string[]): Record<string, string> | undefined {
    if (segments.length !== route.segments.length) return undefined;
    const params: Record<string, string> = {};
    for (const [index, expected] of route.segments.entries()) {
      const actual = segments[index] ?? "";
      if (typeof expected === "string") {
        if (actual !== expected) return undefined;
      } else {
        params[expected.param] = actual;
      }
    }
    return params;
  }
}
