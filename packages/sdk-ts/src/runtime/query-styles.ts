// OpenAPI's query styles other than its default (form, exploded, which the
// runtime spells itself for scalars and arrays). Generated code applies one
// to a parameter's value as it builds the query, so a bundle carries only the
// styles its operations use.

/** The defined members of an object, as pairs. */
function entriesOf(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, item]) => item !== undefined && item !== null);
}

/** A style that joins the items of an array, or the keys and values of an object, into one value. */
function delimited(separator: string): (value: unknown) => string | undefined {
  return (value) => (value == null ? undefined : (Array.isArray(value) ? value : entriesOf(value as object).flat()).map(String).join(separator));
}

/**
 * `style: form, explode: true` for an object: each property becomes a
 * parameter (`a=1&b=2`). Spread what it returns into the query; a value that
 * is not an object stays the parameter `name`.
 */
export function explodeQuery(name: string, value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(entriesOf(value)) : { [name]: value };
}

/** `style: form, explode: false`: `a=1,2`. */
export const commaQuery = delimited(",");
/** `style: spaceDelimited`: `a=1%202`. */
export const spaceQuery = delimited(" ");
/** `style: pipeDelimited`: `a=1|2`. */
export const pipeQuery = delimited("|");

/** `style: deepObject`: `a[b]=1&a[c]=2`. Spread what it returns into the query. */
export function deepObjectQuery(name: string, value: unknown): Record<string, unknown> {
  return value == null ? {} : Object.fromEntries(entriesOf(value).map(([key, item]) => [`${name}[${key}]`, item]));
}
