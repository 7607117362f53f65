import { ApiPromise, type ApiResponse } from "./api-promise.ts";

/**
 * The result of a paginated call. Await it for the one page you asked for,
 * exactly as the API returns it; or iterate it with `for await` to walk every item
 * of this page and all the pages after it, fetched one at a time as you go.
 */
export class PagePromise<Page, Item> extends ApiPromise<Page> implements AsyncIterable<Item> {
  readonly #next: (page: Page) => ApiPromise<Page> | undefined;
  readonly #items: (page: Page) => readonly Item[] | undefined;

  /** @internal Created by the SDK: `next` fetches the page after `page`, if there is one; `items` reads a page's items (absent on a page without any). */
  constructor(first: Promise<ApiResponse<Page>>, next: (page: Page) => ApiPromise<Page> | undefined, items: (page: Page) => readonly Item[] | undefined) {
    super(first);
    this.#next = next;
    this.#items = items;
  }

  /** Every page, starting with this one, until the next cursor is null. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    for (let page: ApiPromise<Page> | undefined = this; page; ) {
      const current = await page;
      yield current;
      page = this.#next(current);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.#items(page) ?? [];
  }
}
