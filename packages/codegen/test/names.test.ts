import { describe, expect, it } from "vitest";
import { splitWords } from "../src/index.ts";
import { camelCase, naming, pascalCase, propertyKey } from "../src/emitters/typescript/ts-names.ts";

describe("splitWords", () => {
  it.each([
    ["sendMessage", ["send", "Message"]],
    ["externalUserID", ["external", "User", "ID"]],
    ["Idempotency-Key", ["Idempotency", "Key"]],
    ["X-Request-Id", ["X", "Request", "Id"]],
    ["HTMLParser", ["HTML", "Parser"]],
    ["repos/get-by-id", ["repos", "get", "by", "id"]],
    ["nullable-simple-user", ["nullable", "simple", "user"]],
    ["v1_listThings2", ["v1", "list", "Things2"]],
    ["+1", ["1"]],
    ["-", []],
    ["Ünïcode_naïve", ["Ünïcode", "naïve"]],
  ])("splits %j", (input, words) => {
    expect(splitWords(input)).toEqual(words);
  });
});

describe("TypeScript casing", () => {
  it("keeps acronyms as the spec spells them", () => {
    expect(camelCase(splitWords("externalUserID"))).toBe("externalUserID");
    expect(camelCase(splitWords("Last-Event-ID"))).toBe("lastEventID");
    expect(camelCase(splitWords("ID"))).toBe("id");
    expect(pascalCase(splitWords("list-messages-response"))).toBe("ListMessagesResponse");
  });

  it("escapes reserved words and names that cannot be identifiers", () => {
    expect(naming.value(["delete"])).toBe("delete_");
    expect(naming.value(["params"])).toBe("params_");
    expect(naming.value(["2fa", "code"])).toBe("_2faCode");
    expect(naming.value([])).toBe("value");
    expect(naming.type(["Response"])).toBe("Response_");
    expect(naming.type(["list", "Messages", "Response"])).toBe("ListMessagesResponse");
  });

  it("quotes property keys only when needed", () => {
    expect(propertyKey("authorID")).toBe("authorID");
    expect(propertyKey("Idempotency-Key")).toBe('"Idempotency-Key"');
    expect(propertyKey("+1")).toBe('"+1"');
  });
});
