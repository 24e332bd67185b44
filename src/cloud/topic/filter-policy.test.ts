import { describe, expect, it } from "vitest";
import { compileFilterPolicy, type FilterAttribute, matches } from "./filter-policy.ts";

type Attrs = Record<string, FilterAttribute>;
const S = (value: string): FilterAttribute => ({ DataType: "String", StringValue: value });
const N = (value: string): FilterAttribute => ({ DataType: "Number", StringValue: value });
const A = (value: unknown[]): FilterAttribute => ({
  DataType: "String.Array",
  StringValue: JSON.stringify(value),
});
const B: FilterAttribute = { DataType: "Binary", BinaryValue: new Uint8Array([1, 2]) };

function onAttributes(policy: object, attributes: Attrs): boolean {
  return matches(compileFilterPolicy(JSON.stringify(policy), "MessageAttributes"), {
    messageAttributes: attributes,
    body: "not json",
  });
}

function onBody(policy: object, body: unknown): boolean {
  return matches(compileFilterPolicy(JSON.stringify(policy), "MessageBody"), {
    messageAttributes: {},
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

// [rule, attribute that matches, attribute that does not]
const ATTRIBUTE_TABLE: [string, unknown, FilterAttribute | undefined, FilterAttribute | undefined][] = [
  ["exact string", "rugby", S("rugby"), S("Rugby")],
  ["exact string on String.Array", "rugby", A(["tennis", "rugby"]), A(["tennis"])],
  ["exact string does not match a Number", "300", S("300"), N("300")],
  ["exact number on Number", 300, N("3e2"), N("300.1")],
  ["exact number does not match a String", 300, N("300"), S("300")],
  ["exact number in String.Array", 5, A(["x", 5]), A(["5"])],
  ["prefix", { prefix: "bas" }, S("basketball"), S("rugby")],
  ["suffix", { suffix: "ball" }, S("football"), S("rugby")],
  ["equals-ignore-case", { "equals-ignore-case": "RuGbY" }, S("rugby"), S("rugby2")],
  ["anything-but single string", { "anything-but": "rugby" }, S("tennis"), S("rugby")],
  ["anything-but list", { "anything-but": ["rugby", "tennis"] }, S("golf"), S("tennis")],
  ["anything-but number", { "anything-but": 100 }, N("101"), N("1e2")],
  ["anything-but numbers list", { "anything-but": [100, 500] }, N("100.1"), N("500")],
  ["anything-but prefix", { "anything-but": { prefix: "order-" } }, S("refund-1"), S("order-1")],
  ["anything-but suffix", { "anything-but": { suffix: ".png" } }, S("a.jpg"), S("a.png")],
  [
    "anything-but on String.Array: none listed",
    { "anything-but": ["rugby"] },
    A(["golf", "polo"]),
    A(["golf", "rugby"]),
  ],
  ["anything-but needs the attribute", { "anything-but": "rugby" }, S("x"), undefined],
  ["numeric =", { numeric: ["=", 301.5] }, N("3.015e2"), N("301.6")],
  ["numeric <", { numeric: ["<", 0] }, N("-0.5"), N("0")],
  ["numeric <=", { numeric: ["<=", 0] }, N("0"), N("0.00001")],
  ["numeric >", { numeric: [">", 10] }, N("10.00001"), N("10")],
  ["numeric >=", { numeric: [">=", 10] }, N("10"), N("9.99999")],
  ["numeric range", { numeric: [">", 0, "<=", 150] }, N("150"), N("150.00001")],
  ["numeric: 5 decimal digits", { numeric: ["=", 1] }, N("1.000001"), N("1.00001")],
  ["numeric ignores String", { numeric: [">", 0] }, N("1"), S("1")],
  ["numeric in String.Array", { numeric: [">", 10] }, A([1, 20]), A([1, 2])],
  ["exists true", { exists: true }, S("x"), undefined],
  ["exists true sees Binary", { exists: true }, B, undefined],
  ["exists false", { exists: false }, undefined, S("x")],
  ["cidr", { cidr: "10.0.0.0/24" }, S("10.0.0.255"), S("10.0.1.0")],
  ["cidr /0 and non-IP", { cidr: "0.0.0.0/0" }, S("8.8.8.8"), S("not-an-ip")],
  ["Binary is never compared", { prefix: "" }, S(""), B],
];

describe("filter policy operators on message attributes", () => {
  it.each(ATTRIBUTE_TABLE)("%s", (_name, rule, yes, no) => {
    const policy = { key: [rule] };
    expect(onAttributes(policy, yes === undefined ? {} : { key: yes })).toBe(true);
    expect(onAttributes(policy, no === undefined ? {} : { key: no })).toBe(false);
  });

  it("ANDs keys and ORs the values of one key", () => {
    const policy = { store: ["a", "b"], price: [{ numeric: [">", 100] }] };
    expect(onAttributes(policy, { store: S("b"), price: N("101") })).toBe(true);
    expect(onAttributes(policy, { store: S("c"), price: N("101") })).toBe(false);
    expect(onAttributes(policy, { store: S("a"), price: N("99") })).toBe(false);
    expect(onAttributes(policy, { store: S("a") })).toBe(false);
  });

  it("$or matches when any branch does, combined with the other keys", () => {
    const policy = { source: ["shop"], $or: [{ kind: ["order"] }, { price: [{ numeric: [">", 100] }] }] };
    expect(onAttributes(policy, { source: S("shop"), kind: S("order") })).toBe(true);
    expect(onAttributes(policy, { source: S("shop"), price: N("500") })).toBe(true);
    expect(onAttributes(policy, { source: S("shop"), kind: S("refund"), price: N("5") })).toBe(false);
    expect(onAttributes(policy, { source: S("web"), kind: S("order") })).toBe(false);
  });

  it("treats $or with fewer than two objects as an ordinary key", () => {
    expect(onAttributes({ $or: ["x"] }, { $or: S("x") })).toBe(true);
  });

  it("ignores attributes the policy does not name, and an empty policy matches everything", () => {
    expect(onAttributes({ a: ["1"] }, { a: S("1"), b: S("2") })).toBe(true);
    expect(onAttributes({}, {})).toBe(true);
  });
});

describe("filter policy operators on the message body", () => {
  it.each([
    ["exact string", { k: ["v"] }, { k: "v" }, { k: "w" }],
    ["exact number", { k: [301.5] }, { k: 3.015e2 }, { k: "301.5" }],
    ["true/false/null literals", { k: [true, null] }, { k: null }, { k: false }],
    ["nested keys", { a: { b: { c: ["x"] } } }, { a: { b: { c: "x" } } }, { a: { c: "x" } }],
    ["array values match any element", { k: ["b"] }, { k: ["a", "b"] }, { k: ["a"] }],
    [
      "arrays of objects on the path",
      { a: { b: ["x"] } },
      { a: [{ b: "y" }, { b: "x" }] },
      { a: [{ b: "y" }] },
    ],
    ["prefix", { k: [{ prefix: "ab" }] }, { k: "abc" }, { k: "cab" }],
    ["numeric range", { k: [{ numeric: [">=", 1, "<", 2] }] }, { k: 1 }, { k: 2 }],
    ["exists true on a leaf", { a: { b: [{ exists: true }] } }, { a: { b: 0 } }, { a: { b: { c: 1 } } }],
    ["exists false", { a: [{ exists: false }] }, { b: 1 }, { a: "x" }],
    ["anything-but", { k: [{ "anything-but": ["x"] }] }, { k: "y" }, { k: "x" }],
    ["anything-but needs the key", { k: [{ "anything-but": ["x"] }] }, { k: "y" }, { j: "y" }],
    ["$or across nested keys", { $or: [{ a: { b: [1] } }, { c: [2] }] }, { c: 2 }, { a: { b: 2 } }],
  ] as const)("%s", (_name, policy, yes, no) => {
    expect(onBody(policy, yes)).toBe(true);
    expect(onBody(policy, no)).toBe(false);
  });

  it("matches nothing when the body is not a JSON object", () => {
    expect(onBody({ k: [{ exists: false }] }, "plain text")).toBe(false);
    expect(onBody({ k: [{ exists: false }] }, [1, 2])).toBe(false);
    expect(onBody({ k: [{ exists: false }] }, {})).toBe(true);
  });

  it("does not read attributes in the MessageBody scope, nor the body in the attributes scope", () => {
    const bodyPolicy = compileFilterPolicy('{"k": ["v"]}', "MessageBody");
    expect(matches(bodyPolicy, { messageAttributes: { k: S("v") }, body: "{}" })).toBe(false);
    const attributePolicy = compileFilterPolicy('{"k": ["v"]}', "MessageAttributes");
    expect(matches(attributePolicy, { messageAttributes: {}, body: '{"k": "v"}' })).toBe(false);
  });
});
