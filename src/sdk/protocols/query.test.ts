import { SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { rememberOperation } from "./catalogue.ts";
import { decodeRequest, encodeResponse } from "./codec.ts";
import type { QueryProtocol } from "./service-protocol.ts";
import { sdkRequest, sdkResponse } from "./testing/sdk-protocol.ts";

// A made-up Query service whose shapes use what SNS's do not: flattened lists and maps, renamed
// members, every timestamp format, booleans, numbers and blobs.
const ns = "com.example.flat";
const Item = [3, ns, "Item", 0, ["Name", "Size"], [0, 1]];
const FlatItems = [1, ns, "FlatItems", 0, () => Item];
const Names = [1, ns, "Names", 0, [0, { xmlName: "name" }]];
const FlatMap = [2, ns, "FlatMap", 0, [0, { xmlName: "k" }], [0, { xmlName: "v" }]];
const Shape = [
  3,
  ns,
  "Shape",
  0,
  ["Items", "Names", "Tags", "Renamed", "At", "AtEpoch", "AtHttp", "On", "Data", "Ratio"],
  [
    [() => FlatItems, { xmlFlattened: 1 }],
    () => Names,
    [() => FlatMap, { xmlFlattened: 1, xmlName: "Tag" }],
    [0, { xmlName: "OtherName" }],
    5,
    7,
    6,
    2,
    21,
    1,
  ],
];
const operation = [9, ns, "Echo", 0, () => Shape, () => Shape];
const protocol: QueryProtocol = {
  kind: "awsQuery",
  serviceId: "Flat",
  namespace: ns,
  version: "2020-01-01",
  xmlNamespace: "https://example.com/doc/",
};
rememberOperation("Flat", operation);

const value = {
  Items: [
    { Name: "a", Size: 1 },
    { Name: "b & <c>", Size: 2.5 },
  ],
  Names: ["x", "y"],
  Tags: { one: "1", "two words": "2" },
  Renamed: "r",
  At: new Date(Date.UTC(2024, 1, 3, 4, 5, 6, 789)),
  AtEpoch: new Date(1_700_000_000_000),
  AtHttp: new Date(Date.UTC(2024, 1, 3, 4, 5, 6)),
  On: false,
  Data: new Uint8Array([0, 255, 10]),
  Ratio: -0.25,
};
const client = new SNSClient({ region: "us-east-1" });
const command = { input: value, schema: operation };

describe("AWS Query codec over any schema", () => {
  it("decodes what the SDK's query serialiser writes: flattened and renamed members, all scalar kinds", async () => {
    const request = await sdkRequest(client, command);
    expect(String(request.body)).toContain("Items.2.Name=b%20%26%20%3Cc%3E");
    expect(String(request.body)).toContain("Names.name.2=y");
    expect(decodeRequest(protocol, request)).toEqual({ operation: "Echo", input: value });
  });

  it("encodes a result the SDK's XML deserialiser reads back", async () => {
    const response = encodeResponse(protocol, "Echo", value, "req-9");
    const text = new TextDecoder().decode(response.body);
    expect(text).toMatch(
      /^<EchoResponse xmlns="https:\/\/example.com\/doc\/"><EchoResult><Items><Name>a<\/Name>/,
    );
    expect(text).toContain("<Tag><k>one</k><v>1</v></Tag>");
    expect(text).toContain("<ResponseMetadata><RequestId>req-9</RequestId></ResponseMetadata>");
    const read = await sdkResponse(client, command, response);
    expect({ ...read, $metadata: undefined }).toEqual(value);
  });

  it("tells which action it cannot decode", () => {
    const request = { method: "POST", path: "/", headers: {}, body: "Action=Nope&Version=1" };
    expect(() => decodeRequest(protocol, request)).toThrow(/action "Nope"/);
  });
});
