import {
  BatchEntryIdsNotDistinctException,
  BatchRequestTooLongException,
  EmptyBatchRequestException,
  FilterPolicyLimitExceededException,
  InvalidBatchEntryIdException,
  InvalidParameterException,
  InvalidParameterValueException,
  NotFoundException,
  PublishCommand,
  SNSClient,
  TooManyEntriesInBatchRequestException,
} from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import type { AwsServiceError } from "../aws-error.ts";
import { batchError, invalidParameter, invalidParameterValue, notFound } from "./errors.ts";
import { testSns } from "./testing/fake-endpoints.ts";

interface QueryProtocol {
  deserializeResponse(operation: object, config: object, response: object): Promise<unknown>;
}

/** What the SNS client raises for an error answered in the Query protocol's XML. */
async function sdkExceptionFor(error: AwsServiceError): Promise<unknown> {
  const client = new SNSClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  });
  const protocol = (client.config as unknown as { protocol: QueryProtocol }).protocol;
  const schema = (new PublishCommand({ TopicArn: "t", Message: "m" }) as unknown as { schema: unknown[] })
    .schema;
  const [, namespace, name, traits, input, output] = schema;
  const xml = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${error.message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  const response = {
    statusCode: error.statusCode,
    headers: { "content-type": "text/xml" },
    body: new TextEncoder().encode(xml),
  };
  try {
    await protocol.deserializeResponse(
      { name, namespace, traits, input, output },
      { ...client.config },
      response,
    );
  } catch (exception) {
    return exception;
  }
  throw new Error("the SDK accepted an error response");
}

describe("SNS error codes are the Query-protocol wire codes the SDK maps to its exception classes", () => {
  it.each([
    [notFound("Topic does not exist"), NotFoundException],
    [invalidParameter("Invalid parameter: Topic Name"), InvalidParameterException],
    [
      invalidParameterValue("Could not cast message attribute 'n' value to number."),
      InvalidParameterValueException,
    ],
    [batchError("EmptyBatchRequestException", "empty"), EmptyBatchRequestException],
    [batchError("TooManyEntriesInBatchRequestException", "many"), TooManyEntriesInBatchRequestException],
    [batchError("BatchEntryIdsNotDistinctException", "same"), BatchEntryIdsNotDistinctException],
    [batchError("InvalidBatchEntryIdException", "bad"), InvalidBatchEntryIdException],
    [batchError("BatchRequestTooLongException", "long"), BatchRequestTooLongException],
  ])("$0.code", async (error, exceptionClass) => {
    const exception = await sdkExceptionFor(error);
    expect(exception).toBeInstanceOf(exceptionClass);
    expect((exception as Error).message).toBe(error.message);
  });

  it("FilterPolicyLimitExceeded too", async () => {
    const { call, fail } = testSns();
    const { TopicArn } = call("CreateTopic", { Name: "T" }) as { TopicArn: string };
    const Attributes = { FilterPolicy: '{"a": ["x"]}' };
    for (let i = 0; i < 200; i++) {
      call("Subscribe", {
        TopicArn,
        Protocol: "sqs",
        Endpoint: `arn:aws:sqs:us-east-1:000000000000:q${i}`,
        Attributes,
      });
    }
    const endpoint = "arn:aws:sqs:us-east-1:000000000000:x";
    const error = fail("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: endpoint, Attributes });
    expect(await sdkExceptionFor(error)).toBeInstanceOf(FilterPolicyLimitExceededException);
  });
});
