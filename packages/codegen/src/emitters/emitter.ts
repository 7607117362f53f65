import type { Name, SdkPlan } from "../plan/sdk-plan.ts";

/** A file an emitter writes, relative to the output directory, without the header `generate()` adds. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Emitter-specific settings from the command line (`--option key=value`). */
export type EmitterOptions = Readonly<Record<string, string>>;

/** How a language spells the plan's names: casing and escaping of reserved words. */
export interface Naming {
  /** A type's name (`ListMessagesResponse`). */
  type(name: Name): string;
  /** A method, property, argument or variable name (`listMessages`, `externalUserID`). */
  value(name: Name): string;
}

/** One method as a reader of the docs sees it in this language. */
export interface MethodReference {
  /** Where the method comes from: the module, package or type a user imports. */
  entry: string;
  /** The client constructor or factory a user calls to get it. */
  factory: string;
  /** The method's name. */
  name: string;
  /** The declaration as a user reads it, without doc comments. */
  signature: string;
}

/** One named type as this language's SDK declares it (for the docs). */
export interface TypeReference {
  /** The type's name in this language. */
  name: string;
  /** Its declaration, with doc comments, as generated; absent when the language prints it where it is used. */
  declaration?: string;
}

/** What the docs show of an SDK in one language, without reading its generated files. */
export interface EmitterReference {
  /** Each method, by operation id. */
  methods: ReadonlyMap<string, MethodReference>;
  /** Each named type of the plan, by id. */
  types: ReadonlyMap<string, TypeReference>;
  /** Each environment's name as the client options take it, by the plan's name joined with spaces. */
  environments: ReadonlyMap<string, string>;
}

/**
 * One language's SDK printer. It reads the plan and prints it: casing,
 * escaping, type syntax, doc-comment syntax and file layout are its business;
 * everything else (which methods, arguments, types, names, facts) is the
 * plan's. `generate()` writes every file's header itself.
 */
export interface Emitter {
  /** The `--lang` name. */
  id: string;
  /** Words the language reserves, which `naming` never produces as they are. */
  reservedWords: ReadonlySet<string>;
  naming: Naming;
  /** How a line comment starts in this language (for the generated-file header). */
  lineComment: string;
  emit(plan: SdkPlan, options: EmitterOptions): GeneratedFile[];
  /** The plan's methods, types and environments as this language's SDK spells them, for the docs. */
  reference(plan: SdkPlan, options: EmitterOptions): EmitterReference;
}
