import type { MessageAttributeValue } from "@aws-sdk/client-sqs";

/** A queue as other simulated services see it. */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly fifo: boolean;
}

/** A message another service (SNS, Lambda destinations) puts on a queue. */
export interface ServiceMessage {
  body: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  messageSystemAttributes?: Record<string, MessageAttributeValue>;
  /** SenderId the receiver sees. Default: the account id. */
  senderId?: string;
}

/** What a poller inside the simulation receives. */
export interface ServiceReceiveRequest {
  maxMessages: number;
  visibilityTimeoutSeconds?: number;
  waitTimeSeconds: number;
}

/** A message as {@link SqsService.peekMessages} shows it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly state: "visible" | "inFlight" | "delayed";
  readonly groupId?: string;
}
