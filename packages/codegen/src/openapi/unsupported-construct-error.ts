/**
 * Thrown when the input uses something the generator cannot turn into correct
 * code. It names the JSON pointer of the construct, so the user can find it; the
 * generator never guesses instead.
 */
export class UnsupportedConstructError extends Error {
  override readonly name = "UnsupportedConstructError";

  /** Where the construct is, as a URI-fragment JSON pointer (`#/paths/...`). */
  readonly pointer: string;

  constructor(pointer: string, message: string) {
    super(`${pointer}: ${message}`);
    this.pointer = pointer;
  }
}
