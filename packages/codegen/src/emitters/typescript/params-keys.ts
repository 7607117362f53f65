import type { PlanMethod } from "../../plan/sdk-plan.ts";
import { KeyAllocator, isIdentifier, naming } from "./ts-names.ts";

/**
 * The key of each member of a method's params object, in member order.
 * Query, cookie and body keys mirror the wire name when it is an identifier,
 * as JSON keys do (`per_page`); headers, whose wire names are rarely
 * identifiers, take the member's name (`idempotencyKey`).
 */
export function paramsKeys(method: PlanMethod): string[] {
  const keys = new KeyAllocator();
  return (method.params?.members ?? []).map((member) =>
    keys.allocate(member.location !== "header" && isIdentifier(member.wireName) ? member.wireName : naming.value(member.name)),
  );
}
