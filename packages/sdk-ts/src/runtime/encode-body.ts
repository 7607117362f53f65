/** Turns a request body value into what fetch sends, with its content type (absent: the runtime's own). */
export type BodyEncoder = (value: unknown) => { encodedBody: BodyInit; mediaType?: string | undefined };

/** A text body of the given media type. */
export function textBody(contentType: string): BodyEncoder {
  return (value) => ({ encodedBody: String(value), mediaType: contentType });
}

/** Bytes (a Blob, ArrayBuffer, stream...) of the given media type, sent as they are. */
export function binaryBody(contentType: string): BodyEncoder {
  return (value) => ({ encodedBody: value as BodyInit, mediaType: contentType });
}

function fill(form: URLSearchParams | FormData, value: unknown): void {
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item === undefined || item === null) continue;
      if (form instanceof FormData && item instanceof Blob) form.append(name, item);
      else form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
}

/** `application/x-www-form-urlencoded`. */
export const formBody: BodyEncoder = (value) => {
  const form = new URLSearchParams();
  fill(form, value);
  return { encodedBody: form, mediaType: "application/x-www-form-urlencoded" };
};

/** `multipart/form-data`; fetch sets the content type itself, with its boundary. */
export const multipartBody: BodyEncoder = (value) => {
  const form = new FormData();
  fill(form, value);
  return { encodedBody: form };
};
