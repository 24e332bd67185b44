import { describe, expect, it } from "vitest";
import { flatString } from "./flat-string.ts";

describe("flatString", () => {
  it("returns the same text, whatever it was built from", () => {
    let built = "";
    for (let i = 0; i < 40; i++) built += (i * 7).toString(16);
    const copy = [...built].join("");
    expect(flatString(built)).toBe(copy);
    expect(flatString(`${built}-${built}`)).toBe(`${copy}-${copy}`);
    expect(flatString("")).toBe("");
  });
});
