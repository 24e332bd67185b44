/**
 * The parts of AWS SDK v3 clients and commands the bridge touches, typed structurally so that
 * Squall does not depend on one copy (or version) of the SDK: the user's handler may load its own.
 */

/** lib-dynamodb's description of where (un)marshalling applies inside an input or output. */
export type KeyNodes = { readonly [key: string]: KeyNodes } | readonly never[] | null;

/** The marshall/unmarshall options of a DynamoDBDocumentClient (`translateConfig`). */
export interface TranslateConfig {
  marshallOptions?: Record<string, unknown>;
  unmarshallOptions?: Record<string, unknown>;
}

/** A retry token of the SDK's retry strategy (v2 interface). */
export interface RetryTokenLike {
  getRetryCount(): number;
  getRetryDelay(): number;
  $retryLog?: { acquisitionDelay?: number };
}

/** The SDK's retry strategy (v2 interface), as `client.config.retryStrategy()` resolves it. */
export interface RetryStrategyLike {
  acquireInitialRetryToken(scope: string): Promise<RetryTokenLike>;
  refreshRetryTokenForRetry(token: RetryTokenLike, errorInfo: RetryErrorInfo): Promise<RetryTokenLike>;
  recordSuccess(token: RetryTokenLike): void;
}

/** What the retry strategy is told about a failed attempt. */
export interface RetryErrorInfo {
  error: unknown;
  errorType: "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";
  /** When the service said when to retry (`Retry-After`). */
  retryAfterHint?: Date;
}

/** An HTTP response as the SDK's protocols read it. */
export interface HttpResponseLike {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An HTTP request as the SDK's request handlers receive it. */
export interface HttpRequestLike {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The client's protocol object (schema-serde SDKs): turns an error response into the SDK's exception. */
export interface ProtocolLike {
  deserializeResponse(schema: unknown, context: object, response: HttpResponseLike): Promise<unknown>;
}

/** The resolved configuration of a client, as far as the bridge reads or wraps it. */
export interface SdkClientConfig {
  serviceId?: string;
  retryStrategy?: () => Promise<RetryStrategyLike>;
  protocol?: ProtocolLike | undefined;
  translateConfig?: TranslateConfig | undefined;
  [key: string]: unknown;
}

/** A smithy client instance (`DynamoDBClient`, `DynamoDBDocumentClient`…). */
export interface SdkClientLike {
  config: SdkClientConfig;
  initConfig?: Record<string, unknown>;
}

/** A command instance (`PutItemCommand`, lib-dynamodb's `PutCommand`…). */
export interface SdkCommandLike {
  input: Record<string, unknown>;
  schema?: unknown;
  clientCommand?: SdkCommandLike;
  inputKeyNodes?: KeyNodes;
  outputKeyNodes?: KeyNodes;
}

/** `Client.prototype.send` with its three call forms (promise, options, callback). */
export type SendFunction = (this: SdkClientLike, command: SdkCommandLike, ...rest: unknown[]) => unknown;
