/** Appends one structured query parameter in a non-default OpenAPI style. */
export type QueryStyle = (search: URLSearchParams, name: string, value: unknown) => void;

function delimited(separator: string): QueryStyle {
  return (search, name, value) => {
    const items = Array.isArray(value) ? value : Object.entries(value as Record<string, unknown>).flat();
    search.append(name, items.map(String).join(separator));
  };
}

/** `style: form, explode: false`: `a=1,2`. */
export const commaQuery = delimited(",");
/** `style: spaceDelimited`: `a=1%202`. */
export const spaceQuery = delimited(" ");
/** `style: pipeDelimited`: `a=1|2`. */
export const pipeQuery = delimited("|");
/** `style: deepObject`: `a[b]=1&a[c]=2`. */
export const deepObjectQuery: QueryStyle = (search, name, value) => {
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined && item !== null) search.append(`${name}[${key}]`, String(item));
  }
};
