import type { SdkClientConfig } from "../types.ts";

/**
 * Which wire protocol a simulated service speaks, with the details its codec needs. The SDK bridge
 * answers each client in the protocol that client's own serialiser speaks: AWS JSON 1.0/1.1
 * (DynamoDB, SQS in "query compatible" mode), AWS Query (SNS) or REST-JSON (Lambda).
 */
export type ServiceProtocol = JsonRpcProtocol | QueryProtocol | RestJsonProtocol;

interface ProtocolBase {
  readonly serviceId: string;
  /** The Smithy namespace of the service's shapes (`com.amazonaws.sqs`), where error schemas live. */
  readonly namespace: string;
}

/** AWS JSON 1.0/1.1: `POST /`, `x-amz-target: <prefix>.<Operation>`, JSON bodies. */
export interface JsonRpcProtocol extends ProtocolBase {
  readonly kind: "awsJson";
  readonly contentType: string;
  readonly targetPrefix: string;
  /** Namespace of the `__type` of errors, as the service itself writes it. */
  readonly errorNamespace: string;
  /** SQS: errors also carry `x-amzn-query-error: <legacy code>;Sender`. */
  readonly queryCompatible: boolean;
  /** DynamoDB checksums successful bodies (`x-amz-crc32`). */
  readonly crc32: boolean;
}

/** AWS Query: form-encoded `Action=…&Version=…` requests, XML responses and errors. */
export interface QueryProtocol extends ProtocolBase {
  readonly kind: "awsQuery";
  readonly version: string;
  readonly xmlNamespace: string;
}

/** REST-JSON: operations routed by method and path, members bound to labels, query, headers, body. */
export interface RestJsonProtocol extends ProtocolBase {
  readonly kind: "restJson";
}

const KNOWN: Readonly<Record<string, ServiceProtocol>> = {
  DynamoDB: json("DynamoDB", "com.amazonaws.dynamodb", "DynamoDB_20120810", {
    errorNamespace: "com.amazonaws.dynamodb.v20120810",
    crc32: true,
  }),
  "DynamoDB Streams": json("DynamoDB Streams", "com.amazonaws.dynamodbstreams", "DynamoDBStreams_20120810", {
    errorNamespace: "com.amazonaws.dynamodb.v20120810",
    crc32: true,
  }),
  SQS: json("SQS", "com.amazonaws.sqs", "AmazonSQS", { queryCompatible: true }),
  SNS: {
    kind: "awsQuery",
    serviceId: "SNS",
    namespace: "com.amazonaws.sns",
    version: "2010-03-31",
    xmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/",
  },
  Lambda: { kind: "restJson", serviceId: "Lambda", namespace: "com.amazonaws.lambda" },
};

function json(
  serviceId: string,
  namespace: string,
  targetPrefix: string,
  options: { errorNamespace?: string; queryCompatible?: boolean; crc32?: boolean; contentType?: string },
): JsonRpcProtocol {
  return {
    kind: "awsJson",
    serviceId,
    namespace,
    targetPrefix,
    contentType: options.contentType ?? "application/x-amz-json-1.0",
    errorNamespace: options.errorNamespace ?? namespace,
    queryCompatible: options.queryCompatible ?? false,
    crc32: options.crc32 ?? false,
  };
}

/**
 * An AWS JSON 1.0 description for a service Squall knows nothing about (errors in the
 * `com.amazonaws` namespace), for clients without a schema-based protocol.
 *
 * @example
 * genericJsonProtocol("Kinesis").targetPrefix; // "Kinesis"
 */
export function genericJsonProtocol(serviceId: string): JsonRpcProtocol {
  return json(serviceId, "com.amazonaws", serviceId, {});
}

/** What the bridge reads of an SDK protocol object (`AwsJson1_0Protocol`, `AwsQueryProtocol`…). */
interface SdkProtocolLike {
  getShapeId?: () => string;
  serviceTarget?: string;
  awsQueryCompatible?: boolean;
  options?: { defaultNamespace?: string; version?: string; xmlNamespace?: string };
}

/**
 * The protocol a client speaks: Squall's own table for the services it simulates (it knows the
 * exact wire details, like DynamoDB's error namespace), else what the client's protocol object says.
 *
 * @example
 * protocolOf("SNS", snsClient.config).kind; // "awsQuery"
 */
export function protocolOf(serviceId: string, config?: SdkClientConfig): ServiceProtocol {
  const known = Object.hasOwn(KNOWN, serviceId) ? KNOWN[serviceId] : undefined;
  if (known !== undefined) return known;
  const fromClient = fromSdkProtocol(serviceId, config?.protocol as SdkProtocolLike | undefined);
  if (fromClient !== undefined) return fromClient;
  throw new Error(
    `${serviceId}: Squall cannot tell which wire protocol this client speaks (known: ${Object.keys(KNOWN).join(", ")}); ` +
      "use a client whose protocol is AWS JSON 1.0/1.1, AWS Query or REST-JSON.",
  );
}

const JSON_VERSIONS: Readonly<Record<string, string>> = {
  "aws.protocols#awsJson1_0": "1.0",
  "aws.protocols#awsJson1_1": "1.1",
};

function fromSdkProtocol(
  serviceId: string,
  protocol: SdkProtocolLike | undefined,
): ServiceProtocol | undefined {
  const shapeId = protocol?.getShapeId?.();
  const namespace = protocol?.options?.defaultNamespace;
  if (shapeId === undefined || namespace === undefined) return undefined;
  if (shapeId === "aws.protocols#restJson1") return { kind: "restJson", serviceId, namespace };
  if (shapeId === "aws.protocols#awsQuery") {
    const { version, xmlNamespace } = protocol?.options ?? {};
    if (version === undefined || xmlNamespace === undefined) return undefined;
    return { kind: "awsQuery", serviceId, namespace, version, xmlNamespace };
  }
  const jsonVersion = JSON_VERSIONS[shapeId];
  if (jsonVersion === undefined || protocol?.serviceTarget === undefined) return undefined;
  return json(serviceId, namespace, protocol.serviceTarget, {
    queryCompatible: protocol.awsQueryCompatible === true,
    contentType: `application/x-amz-json-${jsonVersion}`,
  });
}
