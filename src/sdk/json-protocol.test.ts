import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../cloud/aws-error.ts";
import { decodeJsonRequest, encodeJsonError, encodeJsonResponse, jsonTarget } from "./json-protocol.ts";

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe("AWS JSON 1.0 codec", () => {
  it("decodes the operation and input, with binary back to bytes", () => {
    const body = JSON.stringify({
      TableName: "T",
      // An attribute named "B" holds an AttributeValue object, never a bare string.
      Item: { B: { S: "not binary" }, b: { B: "AQI=" }, bs: { BS: ["AQ==", "Ag=="] } },
    });
    const request = {
      method: "POST",
      path: "/",
      headers: { "X-Amz-Target": "DynamoDB_20120810.PutItem" },
      body,
    };
    const { operation, input } = decodeJsonRequest(request);
    expect(operation).toBe("PutItem");
    expect(input.Item).toEqual({
      B: { S: "not binary" },
      b: { B: new Uint8Array([1, 2]) },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
    });
  });

  it("encodes outputs with binary as base64, timestamps as epoch seconds, and a checksum", () => {
    const response = encodeJsonResponse(
      { Item: { b: { B: new Uint8Array([1, 2]) } }, At: new Date(1_500) },
      "req-1",
    );
    expect(text(response.body)).toBe('{"Item":{"b":{"B":"AQI="}},"At":1.5}');
    expect(response.headers).toMatchObject({
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": "req-1",
      "content-length": String(response.body.byteLength),
    });
    expect(response.headers["x-amz-crc32"]).toMatch(/^\d+$/);
  });

  it("encodes errors as DynamoDB does: status, namespaced __type, message and extra members", () => {
    const error = new AwsServiceError("ConditionalCheckFailedException", "The conditional request failed", {
      fields: { Item: { pk: { S: "a" } } },
    });
    const response = encodeJsonError(error, "req-2", "DynamoDB");
    expect(response.statusCode).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("ConditionalCheckFailedException:");
    expect(JSON.parse(text(response.body))).toEqual({
      __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
      message: "The conditional request failed",
      Item: { pk: { S: "a" } },
    });
    const internal = encodeJsonError(
      new AwsServiceError("InternalServerError", "x", { statusCode: 500 }),
      "r",
      "DynamoDB",
    );
    expect([internal.statusCode, internal.reason]).toEqual([500, "Internal Server Error"]);
  });

  it("names the target of each service", () => {
    expect(jsonTarget("DynamoDB Streams", "GetRecords")).toBe("DynamoDBStreams_20120810.GetRecords");
    expect(jsonTarget("SQS", "SendMessage")).toBe("AmazonSQS.SendMessage");
    expect(jsonTarget("SNS", "Publish")).toBeUndefined();
  });
});
