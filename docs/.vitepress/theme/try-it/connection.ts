// Where the panel sends its calls, remembered across operation pages: the base
// URL in localStorage, the token only in sessionStorage (gone with the tab),
// and the last conversation a listing returned, to fill in ids.

const keys = { baseUrl: "expys:try-it:base-url", token: "expys:try-it:token", conversation: "expys:try-it:conversation" };

function read(storage: () => Storage, key: string): string | undefined {
  try {
    return storage().getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // Storage switched off: the values last for this page only.
  }
}

const local = (): Storage => localStorage;
const session = (): Storage => sessionStorage;

export const savedConnection = (defaultBaseUrl: string): { baseUrl: string; token: string } => ({
  baseUrl: read(local, keys.baseUrl) ?? defaultBaseUrl,
  token: read(session, keys.token) ?? "",
});

export function saveConnection(connection: { baseUrl: string; token: string }): void {
  write(local, keys.baseUrl, connection.baseUrl);
  write(session, keys.token, connection.token);
}

export const savedConversation = (): string | undefined => read(session, keys.conversation);

/** Remembers the first conversation of a `listConversations` answer, for the id fields of the other operations. */
export function rememberConversation(data: unknown): void {
  const first = (data as { conversations?: { id?: unknown }[] } | null)?.conversations?.[0]?.id;
  if (typeof first === "string") write(session, keys.conversation, first);
}
