/** Reads a successful answer's body when it is not JSON. */
export type BodyDecoder = (response: Response) => Promise<unknown>;

/** A body of text. */
export const textResponse: BodyDecoder = (response) => response.text();

/** A body of bytes, as a Blob. */
export const binaryResponse: BodyDecoder = (response) => response.blob();

/** No body to read (a 204, or an answer the API declares empty): the connection is released. */
export const emptyResponse: BodyDecoder = async (response) => {
  await response.body?.cancel();
  return undefined;
};
