import type { TokenSource } from "./client.ts";

/**
 * Holds the current token from a `TokenSource`. A function is asked once and its
 * answer reused until the API says the token expired; then one refresh is shared
 * by every call that saw the expired token, however many are in flight.
 */
export class TokenCache {
  readonly #source: TokenSource;
  #current: Promise<string> | undefined;

  constructor(source: TokenSource) {
    this.#source = source;
  }

  /** Whether `refresh` can produce a different token. */
  get refreshable(): boolean {
    return typeof this.#source === "function";
  }

  /** The token to send. */
  get(): Promise<string> {
    const source = this.#source;
    if (typeof source === "string") return Promise.resolve(source);
    if (!this.#current) {
      const pending = (async () => source())();
      this.#current = pending;
      // A failed provider call is not cached: the next call asks again.
      pending.catch(() => {
        if (this.#current === pending) this.#current = undefined;
      });
    }
    return this.#current;
  }

  /** Asks the source again, unless another call already replaced the `expired` token. */
  async refresh(expired: string): Promise<string> {
    const current = await this.get().catch(() => undefined);
    if (current === expired) this.#current = undefined;
    return this.get();
  }
}
