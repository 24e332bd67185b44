import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import {
  compileFilterPolicy,
  type FilterAttribute,
  type FilterPolicyScope,
  matches,
} from "./filter-policy.ts";

function rejection(json: string, scope: FilterPolicyScope = "MessageBody"): string {
  try {
    compileFilterPolicy(json, scope);
  } catch (error) {
    if (error instanceof AwsServiceError && error.code === "InvalidParameter") return error.message;
    throw error;
  }
  throw new Error(`policy ${json} was accepted`);
}

describe("invalid filter policies are rejected with SNS's messages", () => {
  const p = "Invalid parameter: FilterPolicy: ";
  it.each([
    ["not JSON", "{", `${p}failed to parse JSON.`],
    ["not an object", "[1]", `${p}Filter policy must be a JSON object`],
    [
      "more than five keys",
      '{"a":[1],"b":[1],"c":[1],"d":[1],"e":[1],"f":[1]}',
      `${p}Filter policy can not have more than 5 keys`,
    ],
    ["empty list", '{"a":[]}', `${p}Empty arrays are not allowed`],
    ["scalar instead of list", '{"a":"x"}', `${p}"a" must be an object or an array`],
    ["nested list", '{"a":[["x"]]}', `${p}Match value must be String, number, true, false, or null`],
    ["two operators", '{"a":[{"prefix":"x","suffix":"y"}]}', `${p}Only one key allowed in match expression`],
    ["unknown operator", '{"a":[{"regex":"x"}]}', `${p}Unrecognized match type regex`],
    ["prefix not a string", '{"a":[{"prefix":1}]}', `${p}prefix match pattern must be a string`],
    [
      "equals-ignore-case not a string",
      '{"a":[{"equals-ignore-case":[]}]}',
      `${p}equals-ignore-case match pattern must be a string`,
    ],
    [
      "exists not boolean",
      '{"a":[{"exists":"yes"}]}',
      `${p}exists match pattern must be either true or false.`,
    ],
    [
      "anything-but null",
      '{"a":[{"anything-but":null}]}',
      `${p}Value of anything-but must be an array or single string/number value.`,
    ],
    [
      "anything-but list with boolean",
      '{"a":[{"anything-but":[true]}]}',
      `${p}Inside anything but list, start|null|boolean is not supported.`,
    ],
    [
      "anything-but mixed list",
      '{"a":[{"anything-but":["x", 1]}]}',
      `${p}Inside anything but list, either all values are number or string, mixed type is not supported`,
    ],
    [
      "anything-but empty list",
      '{"a":[{"anything-but":[]}]}',
      `${p}Inside anything but list, either all values`,
    ],
    [
      "anything-but empty prefix",
      '{"a":[{"anything-but":{"prefix":""}}]}',
      `${p}Null prefix/suffix not allowed`,
    ],
    [
      "anything-but suffix not a string",
      '{"a":[{"anything-but":{"suffix":[1]}}]}',
      `${p}prefix/suffix match pattern must be a string`,
    ],
    [
      "anything-but empty object",
      '{"a":[{"anything-but":{}}]}',
      `${p}Anything-But expression name not found`,
    ],
    [
      "anything-but unknown pattern",
      '{"a":[{"anything-but":{"wildcard":"x"}}]}',
      `${p}Unsupported anything-but pattern: wildcard`,
    ],
    ["numeric not a list", '{"a":[{"numeric":5}]}', `${p}Value of numeric must be an array.`],
    ["numeric empty", '{"a":[{"numeric":[]}]}', `${p}Invalid member in numeric match: ]`],
    ["numeric bad operator", '{"a":[{"numeric":["!=",1]}]}', `${p}Unrecognized numeric range operator: !=`],
    ["numeric operand not a number", '{"a":[{"numeric":["=","1"]}]}', `${p}Value of equals must be numeric`],
    [
      "numeric range from an upper bound",
      '{"a":[{"numeric":["<",1,">",0]}]}',
      `${p}Too many elements in numeric expression`,
    ],
    ["numeric range wrong order", '{"a":[{"numeric":[">",0,">",1]}]}', `${p}Bad numeric range operator: >`],
    ["numeric range empty", '{"a":[{"numeric":[">",5,"<",5]}]}', `${p}Bottom must be less than top`],
    [
      "numeric range too long",
      '{"a":[{"numeric":[">",0,"<",5,"=",1]}]}',
      `${p}Too many terms in numeric range expression`,
    ],
    ["cidr without mask", '{"a":[{"cidr":"10.0.0.0"}]}', `${p}Malformed CIDR, one '/' required`],
    ["cidr bad mask", '{"a":[{"cidr":"10.0.0.0/x"}]}', `${p}Malformed CIDR, mask bits must be an integer`],
    ["cidr bad address", '{"a":[{"cidr":"10.0.0.300/8"}]}', `${p}Nonstandard IP address: 10.0.0.300`],
  ])("%s", (_name, json, message) => {
    expect(rejection(json)).toContain(message);
  });

  it("limits combinations to 150: the product of list lengths, weighted by depth", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(() =>
      compileFilterPolicy(JSON.stringify({ a: list(10), b: list(15) }), "MessageAttributes"),
    ).not.toThrow();
    expect(rejection(JSON.stringify({ a: list(10), b: list(16) }))).toBe(
      "Invalid parameter: FilterPolicy: Filter policy is too complex",
    );
    // The documented example: 4 values three levels deep and 3 values two levels deep make 72.
    const nested = { a: { b: { c: list(4) } }, d: { e: list(3) } };
    expect(() => compileFilterPolicy(JSON.stringify(nested), "MessageBody")).not.toThrow();
    expect(rejection(JSON.stringify({ a: { b: { c: list(26) } }, d: { e: list(2) } }))).toContain(
      "too complex",
    );
    // $or branches add up.
    const or = { $or: [{ a: list(100) }, { b: list(51) }] };
    expect(rejection(JSON.stringify(or))).toContain("too complex");
  });

  it("rejects nesting in the MessageAttributes scope", () => {
    expect(rejection('{"a":{"b":["x"]}}', "MessageAttributes")).toBe(
      "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
    );
  });

  it("rejects very deep nesting as too complex rather than overflowing the stack", () => {
    const deep = `${'{"a":'.repeat(5000)}["x"]${"}".repeat(5000)}`;
    expect(rejection(deep)).toContain("too complex");
  });

  it("rejects policies over 256 KB", () => {
    expect(rejection(JSON.stringify({ a: ["x".repeat(256 * 1024)] }))).toContain("too long");
  });

  it("rejects an IPv6 cidr as not simulated", () => {
    expect(rejection('{"a":[{"cidr":"2001:db8::/32"}]}')).toContain("not simulated");
  });
});

describe("filter policy fuzz", () => {
  const scopes = fc.constantFrom<FilterPolicyScope>("MessageAttributes", "MessageBody");
  const operator = fc.constantFrom(
    "prefix",
    "suffix",
    "anything-but",
    "numeric",
    "exists",
    "equals-ignore-case",
    "cidr",
    "$or",
    "nope",
  );
  const ruleish = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(operator, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    fc.array(fc.oneof(fc.constantFrom("<", "<=", "=", ">", ">="), fc.double(), fc.integer()), {
      maxLength: 5,
    }),
  );
  const policyish = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .dictionary(fc.oneof(fc.string({ maxLength: 3 }), operator), fc.array(ruleish, { maxLength: 4 }), {
        maxKeys: 6,
      })
      .map((v) => JSON.stringify(v)),
    fc.string(),
  );
  const attribute: fc.Arbitrary<FilterAttribute> = fc.record({
    DataType: fc.constantFrom("String", "Number", "Binary", "String.Array", "Weird"),
    StringValue: fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.double().map(String),
    ),
    BinaryValue: fc.uint8Array({ maxLength: 4 }),
  });

  it("only ever fails with SNS's InvalidParameter, and matching never throws", () => {
    fc.assert(
      fc.property(
        policyish,
        scopes,
        fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), operator), attribute),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        (json, scope, messageAttributes, body) => {
          let policy: ReturnType<typeof compileFilterPolicy>;
          try {
            policy = compileFilterPolicy(json, scope);
          } catch (error) {
            expect(error).toBeInstanceOf(AwsServiceError);
            expect((error as AwsServiceError).code).toBe("InvalidParameter");
            expect((error as AwsServiceError).message).toMatch(/^Invalid parameter: /);
            return;
          }
          expect(typeof matches(policy, { messageAttributes, body })).toBe("boolean");
        },
      ),
      { numRuns: 1000 },
    );
  });
});
