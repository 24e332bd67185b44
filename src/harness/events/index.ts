// Typed event and context factories for unit tests without a cloud (issue 4, section 1).
export { type ApiGatewayProxyEventInput, apiGatewayProxyEvent } from "./api-gateway.ts";
export { type ApiGatewayProxyEventV2Input, apiGatewayProxyEventV2 } from "./api-gateway-v2.ts";
export {
  type DynamoDBStreamEventOptions,
  dynamodbStreamEvent,
  type StreamChange,
  TTL_USER_IDENTITY,
} from "./dynamodb-stream.ts";
export { type EventBridgeEventOptions, eventBridgeEvent } from "./eventbridge.ts";
export type { HttpRequestInput } from "./http-request.ts";
export { type LambdaContextOptions, lambdaContext } from "./lambda-context.ts";
export { type FactoryOptions, type IdSource, md5Hex, sequentialIds } from "./options.ts";
export {
  type SnsAttributeInput,
  type SnsEventOptions,
  type SnsMessageInput,
  type SnsNotificationInput,
  snsEvent,
  snsMessageAttributes,
} from "./sns.ts";
export { type SqsEventOptions, type SqsMessageInput, type SqsRecordInput, sqsEvent } from "./sqs.ts";
export {
  md5OfMessageAttributes,
  type SqsAttributeInput,
  type SqsAttributeObject,
  sqsMessageAttributes,
} from "./sqs-attributes.ts";
export { itemSizeBytes, type PlainItem, type StreamImage, toStreamImage } from "./stream-image.ts";
