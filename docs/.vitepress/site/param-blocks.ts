// One readable block per parameter or field: its name, where it goes, its
// type, whether it is required or nullable, its default and constraints, and
// what it is for. Tables of seven columns did not fit a page; blocks do.
import type { JsonValue, PlanProperty, PlanTypeRef } from "@expys/codegen";
import { html, prose } from "./markdown.ts";
import { constraintPhrases, defaultText, typeText } from "./type-text.ts";

/** What a block says about one value. */
export interface ParamBlock {
  name: string;
  /** Where it goes: `path`, `query`, `header`, `body`, or a field of a schema (omitted). */
  where?: string;
  type: PlanTypeRef;
  required: boolean;
  default?: JsonValue;
  doc?: string;
  /** Extra facts, as markdown phrases ("In the SDK: `params.limit`"). */
  notes?: readonly string[];
  /** The anchor of the block. */
  anchor: string;
}

function tags(block: ParamBlock): string {
  const words = [block.where, block.required ? "required" : "optional", block.type.nullable ? "nullable" : undefined].filter(Boolean) as string[];
  return words.map((word) => `<span class="param-tag${word === "required" ? " required" : ""}">${word}</span>`).join(" ");
}

/** The type without its `or null`, which the block's *nullable* tag says instead. */
function withoutNull(type: PlanTypeRef): PlanTypeRef {
  const { nullable: _nullable, ...rest } = type;
  return rest as PlanTypeRef;
}

/** The markdown of one block. */
export function paramBlock(block: ParamBlock): string {
  const facts = [
    ...(block.default !== undefined ? [`Default ${defaultText(block.default)}`] : []),
    ...constraintPhrases(block.type).map((phrase) => phrase[0]!.toUpperCase() + phrase.slice(1)),
    ...(block.notes ?? []),
  ];
  return [
    `<div class="param" id="${html(block.anchor)}">`,
    "",
    `<span class="param-name">${html(block.name)}</span> <span class="param-type">${typeText(withoutNull(block.type))}</span> ${tags(block)}`,
    "",
    // A line that starts with an inline tag is a paragraph, so the markdown inside it renders.
    ...(facts.length ? [`<span class="param-facts">${facts.map((fact) => `<span>${fact}</span>`).join("")}</span>`, ""] : []),
    ...(block.doc ? [prose(block.doc), ""] : []),
    "</div>",
  ].join("\n");
}

/** Blocks in a list. */
export function paramBlocks(blocks: readonly ParamBlock[]): string {
  return ['<div class="params">', "", ...blocks.map((block) => `${paramBlock(block)}\n`), "</div>"].join("\n");
}

/** A schema's fields as blocks (a field that is not required may be absent; a nullable one may be `null`). */
export function fieldBlocks(properties: readonly PlanProperty[], anchorPrefix = "field"): string {
  return paramBlocks(
    properties.map((property) => ({
      name: property.wireName,
      type: property.type,
      required: property.required,
      ...(property.default !== undefined ? { default: property.default } : {}),
      ...(property.doc ? { doc: property.doc } : {}),
      ...(property.readOnly ? { notes: ["Read-only"] } : {}),
      anchor: `${anchorPrefix}-${property.wireName}`,
    })),
  );
}
