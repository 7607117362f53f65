import type { ApiModel } from "../model/api-model.ts";

/** A file an emitter writes, relative to the output directory. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Emitter-specific settings from the command line (`--option key=value`). */
export type EmitterOptions = Readonly<Record<string, string>>;

/**
 * Turns the language-neutral model into the files of one SDK. An emitter reads
 * nothing but the model and its options, so adding a language means adding one
 * entry to the emitter list.
 */
export type Emitter = (model: ApiModel, options: EmitterOptions) => GeneratedFile[];
