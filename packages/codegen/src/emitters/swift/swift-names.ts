import type { Name } from "../../plan/sdk-plan.ts";
import type { Naming } from "../emitter.ts";

/** Swift's keywords, which `naming` escapes with backticks. */
export const reservedWords: ReadonlySet<string> = new Set(
  (
    "associatedtype class deinit enum extension fileprivate func import init inout internal let open operator private " +
    "precedencegroup protocol public rethrows static struct subscript typealias var break case catch continue default defer do " +
    "else fallthrough for guard if in repeat return throw switch where while Any as await false is nil self Self super throws " +
    "true try async some any package consume borrowing consuming copy discard each macro nonisolated isolated"
  ).split(" "),
);

/**
 * Value names the generated clients use for themselves: a parameter of the
 * API named like one gets a suffix, since backticks do not make a label distinct.
 */
const clientValueNames: ReadonlySet<string> = new Set(["options", "client", "withResponse", "activity", "close"]);

/**
 * Type names the generated code refers to from Swift, Foundation or the
 * runtime; a type of the API named like one gets a suffix, as it would
 * shadow it in the generated module.
 */
const takenTypeNames: ReadonlySet<string> = new Set(
  (
    "Any AnyObject Array Bool Character Codable CodingKey Data Date Decodable Decoder Dictionary Double Duration Encodable " +
    "Encoder Equatable Error Float Hashable Int Int32 Int64 Never Optional Protocol Result Sendable Set String Task Type UUID URL Void " +
    "APIClient APIFacts APIFailure APIResponse AnyCodingKey Backoff ClientActivity ClientOptions Environment EventData ExpysError " +
    "JSONValue LogLevel OperationRequest Paginated Paging Parameter RequestBody RequestOptions ResponseBody ServerSentEvent StreamEvents TokenSource TokenStore"
  ).split(" "),
);

/** Words spelled in capitals inside a name, as Swift's API guidelines ask (`baseURL`, `externalUserID`). */
const initialisms: ReadonlySet<string> = new Set(["api", "id", "url", "uri", "http", "https", "json", "xml", "html", "uuid", "sse", "ip", "tls", "jwt", "sdk"]);

function capitalised(word: string): string {
  if (initialisms.has(word.toLowerCase()) || (word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word))) return word.toUpperCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Letters, digits and underscores only, and never a leading digit. */
function identifier(text: string): string {
  const cleaned = text.replace(/[^\p{L}\p{N}_]/gu, "");
  return /^\p{N}/u.test(cleaned) ? `_${cleaned}` : cleaned || "_";
}

/** `UpperCamel`, initialisms in capitals: `APIError`, `ListMessagesResponse`. */
export function typeName(name: Name): string {
  const text = identifier(name.map(capitalised).join(""));
  return takenTypeNames.has(text) ? `${text}Model` : reservedWords.has(text) ? `\`${text}\`` : text;
}

/** `lowerCamel`, a leading initialism in lower case: `externalUserID`, `idempotencyKey`, `apiVersion`. */
export function valueName(name: Name): string {
  const [first = "", ...rest] = name;
  const head = initialisms.has(first.toLowerCase()) || first === first.toUpperCase() ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  const text = identifier(head + rest.map(capitalised).join(""));
  return reservedWords.has(text) ? `\`${text}\`` : text;
}

/** A parameter label of a generated method: never one of the client's own names. */
export function labelName(name: Name): string {
  const text = valueName(name);
  return clientValueNames.has(text) ? `${text}Value` : text;
}

/** The words of a free-form string (an event name, an enum value), for naming a case after it. */
export function wordsOf(text: string): Name {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A Swift string literal. */
export function literal(text: string): string {
  return JSON.stringify(text).replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u{${hex}}`);
}

export const naming: Naming = { type: typeName, value: valueName };
