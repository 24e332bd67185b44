import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type {
  DocumentItem,
  InvokeOptions,
  InvokeResult,
  PublishOptions,
  SendMessageOptions,
} from "./target.ts";

/** Where a target's resources live: physical names, queue URLs and ARNs by logical name. */
export interface ResourceLocator {
  name(logical: string, kind: "table" | "function"): string;
  queueUrl(logical: string): string;
  arn(logical: string): string;
}

/** Settings of the SDK clients (endpoint, region, credentials on real targets; none in the simulation). */
export type ClientSettings = Record<string, unknown>;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * String message attributes in the SDK's shape (SQS and SNS share it).
 *
 * @example stringAttributes({ sku: "A" }) // { sku: { DataType: "String", StringValue: "A" } }
 */
export function stringAttributes(attributes: Readonly<Record<string, string>> | undefined) {
  if (attributes === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [k, { DataType: "String", StringValue: v }]),
  );
}

/**
 * The operations a scenario performs on a target, through the AWS SDK v3 clients as any client
 * of the app would: on the simulation they go through the SDK bridge, on real targets to real
 * endpoints. One implementation, so a scenario sees the same behaviour everywhere.
 *
 * @example
 * const ops = new SdkOperations(locator, {});
 * await ops.sendMessage("Orders", JSON.stringify(order));
 */
export class SdkOperations {
  // Built on first use: a scenario uses one or two of them, and every schedule of a fault search
  // builds a new target.
  private sqsClient: SQSClient | undefined;
  private snsClient: SNSClient | undefined;
  private documentClient: DynamoDBDocumentClient | undefined;
  private lambdaClient: LambdaClient | undefined;

  constructor(
    private readonly locate: ResourceLocator,
    private readonly settings: ClientSettings,
  ) {}

  private get sqs(): SQSClient {
    this.sqsClient ??= new SQSClient(this.settings);
    return this.sqsClient;
  }

  private get sns(): SNSClient {
    this.snsClient ??= new SNSClient(this.settings);
    return this.snsClient;
  }

  private get documents(): DynamoDBDocumentClient {
    this.documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient(this.settings), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return this.documentClient;
  }

  private get lambda(): LambdaClient {
    this.lambdaClient ??= new LambdaClient(this.settings);
    return this.lambdaClient;
  }

  async sendMessage(
    queue: string,
    body: string,
    options: SendMessageOptions = {},
  ): Promise<{ messageId: string }> {
    const out = await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.locate.queueUrl(queue),
        MessageBody: body,
        MessageAttributes: stringAttributes(options.attributes),
        MessageGroupId: options.messageGroupId,
        MessageDeduplicationId: options.messageDeduplicationId,
        DelaySeconds: options.delaySeconds,
      }),
    );
    return { messageId: out.MessageId ?? "" };
  }

  async publish(
    topic: string,
    message: string,
    options: PublishOptions = {},
  ): Promise<{ messageId: string }> {
    const out = await this.sns.send(
      new PublishCommand({
        TopicArn: this.locate.arn(topic),
        Message: message,
        Subject: options.subject,
        MessageAttributes: stringAttributes(options.attributes),
        MessageGroupId: options.messageGroupId,
        MessageDeduplicationId: options.messageDeduplicationId,
      }),
    );
    return { messageId: out.MessageId ?? "" };
  }

  async putItem(table: string, item: DocumentItem): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.locate.name(table, "table"), Item: item }));
  }

  async getItem(table: string, key: DocumentItem): Promise<DocumentItem | undefined> {
    const out = await this.documents.send(
      new GetCommand({ TableName: this.locate.name(table, "table"), Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }

  async scan(table: string): Promise<DocumentItem[]> {
    const items: DocumentItem[] = [];
    let start: DocumentItem | undefined;
    do {
      const out = await this.documents.send(
        new ScanCommand({
          TableName: this.locate.name(table, "table"),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  async invoke(fn: string, event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    const out = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.locate.name(fn, "function"),
        Payload: encoder.encode(JSON.stringify(event ?? null)),
        InvocationType: options.invocationType ?? "RequestResponse",
      }),
    );
    // DryRun and Event answers carry no payload (the SDK gives null there).
    const bytes = out.Payload ?? undefined;
    const text = bytes === undefined ? "" : decoder.decode(bytes);
    const payload: unknown = text === "" ? null : JSON.parse(text);
    return {
      requestId: out.$metadata.requestId ?? "",
      payload,
      ...(out.FunctionError === undefined ? {} : { error: out.FunctionError }),
    };
  }
}
