import { ApiPromise, type ApiResponse } from "./api-promise.ts";

/** Reads the value at a path of fields inside a page. */
function valueAt(page: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((current, field) => (current as Record<string, unknown> | null | undefined)?.[field], page);
}

/**
 * The result of a paginated call. Await it for the one page you asked for,
 * exactly as the API returns it; or iterate it with `for await` to walk every item
 * of this page and all the pages after it, fetched one at a time as you go.
 */
export class PagePromise<Page, Item> extends ApiPromise<Page> implements AsyncIterable<Item> {
  readonly #fetchPage: (cursor: string) => ApiPromise<Page>;
  readonly #itemsField: readonly string[];
  readonly #nextCursorField: readonly string[];

  /** @internal Created by the SDK. */
  constructor(
    first: Promise<ApiResponse<Page>>,
    fetchPage: (cursor: string) => ApiPromise<Page>,
    paging: { itemsField: readonly string[]; nextCursorField: readonly string[] },
  ) {
    super(first);
    this.#fetchPage = fetchPage;
    this.#itemsField = paging.itemsField;
    this.#nextCursorField = paging.nextCursorField;
  }

  /** Every page, starting with this one, until the next cursor is null. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let page: Page = await this;
    for (;;) {
      yield page;
      const cursor = valueAt(page, this.#nextCursorField);
      if (typeof cursor !== "string" || cursor === "") return;
      page = await this.#fetchPage(cursor);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) {
      const items = valueAt(page, this.#itemsField);
      if (Array.isArray(items)) yield* items as Item[];
    }
  }
}
