import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DocumentCommand, marshallDocumentInput, unmarshallDocumentOutput } from "./document.ts";

const scalar = fc.oneof(
  fc.string(),
  fc.constant(""),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0, 1e21, 1e-7),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string(), scalar, { maxKeys: 3 }),
);
// lib-dynamodb assigns converted members with \`out[key] = …\`, so an own "__proto__" member sets the
// prototype there as here; the expectation below builds its object differently, so leave it out.
const memberName = fc.string({ minLength: 1 }).filter((k) => k !== "__proto__");
const item = fc.dictionary(memberName, value, { maxKeys: 4 });
const optionSets = [{}, { convertEmptyValues: true }, { removeUndefinedValues: true }];

/** What util-dynamodb makes of the value, or the message it throws. */
function outcome<T>(f: () => T): { ok: T } | { error: string } {
  try {
    return { ok: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("DocumentClient conversion in fast mode", () => {
  it.each(optionSets)("marshals every item member exactly as util-dynamodb does (%j)", (options) => {
    fc.assert(
      fc.property(item, (raw) => {
        const command = new PutCommand({ TableName: "T", Item: raw }) as unknown as DocumentCommand;
        const ours = outcome(() => marshallDocumentInput(command, { marshallOptions: options }).Item);
        const expected = outcome(() =>
          Object.fromEntries(
            Object.entries(raw).map(([k, v]) => [
              k,
              marshall(v as never, { convertTopLevelContainer: true, ...options }),
            ]),
          ),
        );
        expect(ours).toEqual(expected);
      }),
    );
  });

  it("unmarshals every item member exactly as util-dynamodb does", () => {
    const numberText = fc.oneof(
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom("12345678901234567890", "-9007199254740993", "1e400", "0.1", "-0"),
    );
    const attribute = fc.oneof(
      fc.string().map((S) => ({ S })),
      numberText.map((N) => ({ N })),
      fc.boolean().map((BOOL) => ({ BOOL })),
      fc.constant({ NULL: true }),
      fc
        .array(
          numberText.map((N) => ({ N })),
          { maxLength: 2 },
        )
        .map((L) => ({ L })),
    );
    fc.assert(
      fc.property(fc.dictionary(memberName, attribute, { maxKeys: 4 }), (stored) => {
        const command = new GetCommand({ TableName: "T", Key: {} }) as unknown as DocumentCommand;
        const ours = outcome(() => unmarshallDocumentOutput(command, { Item: stored }, undefined).Item);
        expect(ours).toEqual(outcome(() => unmarshall(stored as never)));
      }),
    );
  });
});
