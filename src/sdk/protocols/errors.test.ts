import * as lambdaModule from "@aws-sdk/client-lambda";
import * as snsModule from "@aws-sdk/client-sns";
import * as sqsModule from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../cloud/aws-error.ts";
import { encodeError } from "./codec.ts";
import { protocolOf } from "./service-protocol.ts";
import { type AnyClient, type AnyCommand, sdkResponse } from "./testing/sdk-protocol.ts";

const clients: Record<string, AnyClient> = {
  SNS: new snsModule.SNSClient({ region: "us-east-1" }),
  SQS: new sqsModule.SQSClient({ region: "us-east-1" }),
  Lambda: new lambdaModule.LambdaClient({ region: "us-east-1" }),
};

describe("encodeError", () => {
  const errorOf = async (serviceId: string, command: AnyCommand, error: AwsServiceError) => {
    const response = encodeError(protocolOf(serviceId), error, "req-2");
    return sdkResponse(clients[serviceId]!, command, response).then(
      () => undefined,
      (e: unknown) => e as Error & Record<string, unknown>,
    );
  };

  it("gives Query errors the wire code of a shape named by its SDK class", async () => {
    const command = new snsModule.PublishCommand({ TopicArn: "t", Message: "m" });
    const e = await errorOf(
      "SNS",
      command,
      new AwsServiceError("NotFoundException", "Topic does not exist", { statusCode: 404 }),
    );
    expect(e).toBeInstanceOf(snsModule.NotFoundException);
    expect(e).toMatchObject({ Code: "NotFound", $metadata: { httpStatusCode: 404, requestId: "req-2" } });
    const server = await errorOf(
      "SNS",
      command,
      new AwsServiceError("InternalError", "oops", { statusCode: 500 }),
    );
    expect(server).toBeInstanceOf(snsModule.InternalErrorException);
    expect(server).toMatchObject({ $fault: "server", Type: "Receiver" });
  });

  it("sends SQS's legacy code, defaulting to the code itself", async () => {
    const command = new sqsModule.SendMessageCommand({ QueueUrl: "q", MessageBody: "b" });
    const e = await errorOf(
      "SQS",
      command,
      new AwsServiceError("InvalidAddress", "The address q is not valid for this endpoint."),
    );
    expect(e).toBeInstanceOf(sqsModule.InvalidAddress);
    expect(e).toMatchObject({
      Code: "InvalidAddress",
      Type: "Sender",
      message: "The address q is not valid for this endpoint.",
    });
    expect(Object.keys(e ?? {})).not.toContain("queryErrorCode");
  });

  it("puts header-bound members of REST-JSON errors in headers", async () => {
    const command = new lambdaModule.InvokeCommand({ FunctionName: "f" });
    const fields = { Type: "User", Reason: "FunctionInvocationRateLimitExceeded", retryAfterSeconds: "2" };
    const response = encodeError(
      protocolOf("Lambda"),
      new AwsServiceError("TooManyRequestsException", "Rate Exceeded.", { statusCode: 429, fields }),
      "r",
    );
    expect(response.headers["retry-after"]).toBe("2");
    const e = await errorOf(
      "Lambda",
      command,
      new AwsServiceError("TooManyRequestsException", "Rate Exceeded.", { statusCode: 429, fields }),
    );
    expect(e).toBeInstanceOf(lambdaModule.TooManyRequestsException);
    expect(e).toMatchObject({ ...fields, message: "Rate Exceeded.", $metadata: { httpStatusCode: 429 } });
  });
});
