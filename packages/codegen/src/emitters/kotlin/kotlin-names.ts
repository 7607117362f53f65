import type { Name } from "../../plan/sdk-plan.ts";
import type { Naming } from "../emitter.ts";

/** Kotlin's hard keywords, and the names generated code uses for its own parameters and members. */
export const reservedWords: ReadonlySet<string> = new Set(
  (
    "as break class continue do else false for fun if in interface is null object package return super this throw " +
    "true try typealias typeof val var when while options runtime withResponse close"
  ).split(" "),
);

/** Types a generated type must not shadow: Kotlin's own, and the SDK runtime's public ones. */
const reservedTypeNames: ReadonlySet<string> = new Set(
  (
    "Any Array Boolean Byte Char Double Float Int List Long Map Nothing Number Pair Result Set Short String Unit Flow " +
    "JsonElement Serializable SerialName ApiErrorCode ApiResponse Backoff BasicAuth ClientOptions Environment ExpysLogger " +
    "LogLevel RequestOptions ServerSentEvent"
  ).split(" "),
);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Letters and digits only: the plan's words may carry anything the document did. */
function clean(word: string): string {
  return word.replace(/[^\p{L}\p{N}_]/gu, "");
}

/** `lowerCamel`, keeping acronyms as the document spelled them (`externalUserID`). */
export function camelCase(name: Name): string {
  const [first = "", ...rest] = name.map(clean).filter(Boolean);
  const head = /^\p{Lu}+$/u.test(first) && first.length > 1 ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  return head + rest.map(capitalise).join("");
}

/** `UpperCamel`. */
export function pascalCase(name: Name): string {
  return name.map(clean).filter(Boolean).map(capitalise).join("");
}

/** `UPPER_SNAKE`, for enum entries. */
export function constantCase(name: Name): string {
  const text = name
    .map(clean)
    .filter(Boolean)
    .map((word) => word.toUpperCase())
    .join("_");
  return /^\p{L}/u.test(text) ? text : `V_${text}`;
}

/** An identifier Kotlin accepts: a leading digit gets an underscore, a keyword backticks. */
function identifier(text: string): string {
  const safe = text === "" ? "value" : /^\p{N}/u.test(text) ? `_${text}` : text;
  return reservedWords.has(safe) ? `\`${safe}\`` : safe;
}

/** How Kotlin spells the plan's names. */
export const naming: Naming = {
  type(name) {
    const text = pascalCase(name) || "Value";
    const safe = /^\p{N}/u.test(text) ? `T${text}` : text;
    return reservedTypeNames.has(safe) ? `${safe}Model` : safe;
  },
  value: (name) => identifier(camelCase(name)),
};

/** A Kotlin string literal. */
export function stringLiteral(text: string): string {
  return `"${text
    .replace(/[\\"$]/g, (char) => `\\${char}`)
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")}"`;
}
