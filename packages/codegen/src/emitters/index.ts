import type { Emitter } from "./emitter.ts";
import { emitKotlin } from "./kotlin/emit-kotlin.ts";
import { emitSwift } from "./swift/emit-swift.ts";
import { emitTypeScript } from "./typescript/emit-typescript.ts";

/** Every emitter, by the language name the CLI takes (`--lang`). */
export const emitters: Readonly<Record<string, Emitter>> = {
  typescript: emitTypeScript,
  kotlin: emitKotlin,
  swift: emitSwift,
};
