/** A `Cookie` header value from cookie parameters; `undefined` when none is set. */
export function cookies(values: Readonly<Record<string, unknown>>): string | undefined {
  const pairs = Object.entries(values).filter(([, value]) => value !== undefined && value !== null);
  return pairs.length > 0 ? pairs.map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`).join("; ") : undefined;
}
