/** Appends one structured query parameter in a named OpenAPI style. */
export type QueryStyle = (search: URLSearchParams, name: string, value: unknown) => void;

function entriesOf(value: unknown): [string, unknown][] {
  return Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && item !== null);
}

function delimited(separator: string): QueryStyle {
  return (search, name, value) => {
    search.append(name, (Array.isArray(value) ? value : entriesOf(value).flat()).map(String).join(separator));
  };
}

/** `style: form, explode: true` for an object: each property becomes a parameter (`a=1&b=2`). */
export const explodeQuery: QueryStyle = (search, name, value) => {
  if (typeof value !== "object") search.append(name, String(value));
  else if (Array.isArray(value)) for (const item of value) search.append(name, String(item));
  else for (const [key, item] of entriesOf(value)) search.append(key, String(item));
};
/** `style: form, explode: false`: `a=1,2`. */
export const commaQuery = delimited(",");
/** `style: spaceDelimited`: `a=1%202`. */
export const spaceQuery = delimited(" ");
/** `style: pipeDelimited`: `a=1|2`. */
export const pipeQuery = delimited("|");
/** `style: deepObject`: `a[b]=1&a[c]=2`. */
export const deepObjectQuery: QueryStyle = (search, name, value) => {
  for (const [key, item] of entriesOf(value)) search.append(`${name}[${key}]`, String(item));
};
