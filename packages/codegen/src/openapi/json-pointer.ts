// JSON Pointer (RFC 6901) helpers: every error the generator reports names the
// exact place in the input document, so users can find it.

/** Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`. */
function escapeToken(token: string): string {
  // Most tokens need no escaping, and pointers are built for every schema of a large document.
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

function unescapeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Appends tokens to a pointer written in URI-fragment form (`#/paths/~1v1~1things/get`). */
export function pointerTo(base: string, ...tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => `${pointer}/${escapeToken(String(token))}`, base);
}

/** The tokens of a local reference such as `#/components/schemas/Pet`, or undefined if it is not local. */
export function localRefTokens(ref: string): string[] | undefined {
  if (ref === "#") return [];
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((token) => unescapeToken(decodeURIComponent(token)));
}

/** Follows `tokens` from `root`; undefined when a step is missing. */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let current: unknown = root;
  for (const token of tokens) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
