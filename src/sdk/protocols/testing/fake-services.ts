import { createHash } from "node:crypto";
import { AwsServiceError } from "../../../cloud/aws-error.ts";
import type { SimulatedService } from "../../../cloud/services.ts";

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const text = (bytes: unknown) =>
  bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : String(bytes);

/** Base of the fakes: records every (operation, input) the service receives, in order. */
abstract class Recording implements SimulatedService {
  abstract readonly serviceId: string;
  readonly received: [string, Input][] = [];
  handle(operation: string, input: Input): Output {
    this.received.push([operation, input]);
    return this.answer(operation, input);
  }
  protected abstract answer(operation: string, input: Input): Output;
}

/**
 * A few SQS operations for the protocol tests: SendMessage to a known queue URL (others fail with
 * QueueDoesNotExist and its legacy code), ReceiveMessage returning what was sent, with attributes.
 *
 * @example
 * const sqs = new FakeQueue("https://sqs.us-east-1.amazonaws.com/000000000000/orders");
 */
export class FakeQueue extends Recording {
  readonly serviceId = "SQS";
  private readonly messages: Output[] = [];
  constructor(readonly queueUrl: string) {
    super();
  }

  protected answer(operation: string, input: Input): Output {
    if (input.QueueUrl !== this.queueUrl) {
      throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
        fields: { queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue" },
      });
    }
    if (operation === "SendMessage") {
      const body = String(input.MessageBody);
      const messageId = `m-${this.messages.length + 1}`;
      this.messages.push({
        MessageId: messageId,
        ReceiptHandle: `rh-${messageId}`,
        Body: body,
        MD5OfBody: md5(body),
        Attributes: { SentTimestamp: "1700000000000", ApproximateReceiveCount: "1" },
        MessageAttributes: input.MessageAttributes,
      });
      return { MessageId: messageId, MD5OfMessageBody: md5(body) };
    }
    if (operation === "ReceiveMessage") return { Messages: structuredClone(this.messages) };
    throw new AwsServiceError("UnsupportedOperation", `FakeQueue does not answer ${operation}`);
  }
}

/**
 * A few SNS operations: Publish and PublishBatch to a known topic (others fail with the wire code
 * NotFound, HTTP 404), ListTopics, GetTopicAttributes (a map in the output).
 *
 * @example
 * const sns = new FakeTopic("arn:aws:sns:us-east-1:000000000000:orders");
 */
export class FakeTopic extends Recording {
  readonly serviceId = "SNS";
  private published = 0;
  constructor(readonly topicArn: string) {
    super();
  }

  protected answer(operation: string, input: Input): Output {
    if (operation === "ListTopics")
      return { Topics: [{ TopicArn: this.topicArn }], NextToken: "next & <more>" };
    if (input.TopicArn !== this.topicArn)
      throw new AwsServiceError("NotFound", "Topic does not exist", { statusCode: 404 });
    if (operation === "Publish") return { MessageId: `m-${++this.published}` };
    if (operation === "GetTopicAttributes") {
      return {
        Attributes: { TopicArn: this.topicArn, DisplayName: "Orders\nline 2", SubscriptionsConfirmed: "0" },
      };
    }
    if (operation === "PublishBatch") {
      const entries = input.PublishBatchRequestEntries as { Id: string }[];
      const bad = entries.filter((e) => e.Id.startsWith("bad"));
      return {
        Successful: entries
          .filter((e) => !bad.includes(e))
          .map((e) => ({ Id: e.Id, MessageId: `m-${++this.published}` })),
        Failed: bad.map((e) => ({
          Id: e.Id,
          Code: "InvalidParameter",
          Message: "Invalid parameter: Message",
          SenderFault: true,
        })),
      };
    }
    throw new AwsServiceError("InvalidAction", `FakeTopic does not answer ${operation}`);
  }
}

/**
 * A few Lambda operations: Invoke (echo; `{"fail": true}` fails as Unhandled; functions `busy…`
 * are throttled; `Event` answers 202), GetFunction and ListFunctions; unknown functions fail with
 * ResourceNotFoundException (404).
 *
 * @example
 * const lambda = new FakeFunctions(["orders"]);
 */
export class FakeFunctions extends Recording {
  readonly serviceId = "Lambda";
  constructor(readonly names: readonly string[]) {
    super();
  }

  protected answer(operation: string, input: Input): Output {
    if (operation === "ListFunctions") {
      const max = typeof input.MaxItems === "number" ? input.MaxItems : 50;
      const functions = this.names.slice(0, max).map((name) => this.configuration(name));
      return max < this.names.length
        ? { Functions: functions, NextMarker: String(max) }
        : { Functions: functions };
    }
    const name = String(input.FunctionName);
    if (name.startsWith("busy")) {
      // `busy-retry-after` also sends Lambda's Retry-After header (the `retryAfterSeconds` member).
      const retryAfter = name === "busy-retry-after" ? { retryAfterSeconds: "1" } : {};
      throw new AwsServiceError("TooManyRequestsException", "Rate Exceeded.", {
        statusCode: 429,
        throttling: true,
        fields: { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", Type: "User", ...retryAfter },
      });
    }
    if (!this.names.includes(name)) {
      throw new AwsServiceError("ResourceNotFoundException", `Function not found: ${name}`, {
        statusCode: 404,
        fields: { Type: "User" },
      });
    }
    if (operation === "GetFunction") {
      return { Configuration: this.configuration(name), Code: { RepositoryType: "S3" }, Tags: { team: "a" } };
    }
    if (operation === "Invoke") return this.invoke(input);
    throw new AwsServiceError("InvalidRequestContentException", `FakeFunctions does not answer ${operation}`);
  }

  private invoke(input: Input): Output {
    if (input.InvocationType === "Event") return { StatusCode: 202 };
    const event = JSON.parse(text(input.Payload ?? "null")) as { fail?: boolean } | null;
    const log = input.LogType === "Tail" ? { LogResult: Buffer.from("START\nEND\n").toString("base64") } : {};
    const result =
      event?.fail === true
        ? { errorMessage: "boom", errorType: "Error" }
        : { echo: event, context: input.ClientContext };
    const payload = new TextEncoder().encode(JSON.stringify(result));
    const error = event?.fail === true ? { FunctionError: "Unhandled" } : {};
    return { StatusCode: 200, Payload: payload, ExecutedVersion: "$LATEST", ...log, ...error };
  }

  private configuration(name: string): Output {
    return {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      Runtime: "nodejs20.x",
      MemorySize: 128,
      Timeout: 3,
      LastModified: "2024-01-01T00:00:00.000+0000",
      Environment: { Variables: { TABLE: "orders" } },
    };
  }
}
