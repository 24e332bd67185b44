import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueues,
  setQueueAttributes,
} from "./control.ts";
import type { SqsEngine } from "./engine.ts";
import type { Input } from "./input.ts";
import {
  changeMessageVisibilityBatch,
  changeMessageVisibilityOp,
  deleteMessageBatch,
  deleteMessageOp,
  purgeQueue,
  sendMessage,
  sendMessageBatch,
} from "./message-ops.ts";
import { receiveMessage } from "./receive.ts";
import { listDeadLetterSourceQueues, listQueueTags, tagQueue, untagQueue } from "./tags.ts";

/** Operations return the SDK's output interfaces, which are records without an index signature. */
export type Operation = (engine: SqsEngine, input: Input) => object | Promise<object>;
export type Output = Record<string, unknown>;

/**
 * Every SQS operation the simulation answers, by its SDK name; others are UnsupportedOperation.
 *
 * @example
 * const output = OPERATIONS.GetQueueUrl?.(engine, { QueueName: "Orders" });
 */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue: createQueue,
  DeleteQueue: deleteQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessageOp,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibilityOp,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  PurgeQueue: purgeQueue,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
};
