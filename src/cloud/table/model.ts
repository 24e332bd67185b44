/** The scalar types a key attribute may have. */
export type KeyAttributeType = "S" | "N" | "B";

/** One key attribute: its name and declared type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

/** A table's or a GSI's primary key: a partition key and an optional sort key. */
export interface KeySchema {
  readonly partition: KeyAttribute;
  readonly sort?: KeyAttribute;
}

/** Which attributes a GSI copies from the table. */
export interface GsiProjection {
  readonly type: "ALL" | "KEYS_ONLY" | "INCLUDE";
  /** The non-key attributes an INCLUDE projection copies. */
  readonly nonKeyAttributes?: readonly string[];
}

/** Provisioned read and write capacity units. */
export interface ProvisionedThroughput {
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** A global secondary index. */
export interface GsiDefinition {
  readonly indexName: string;
  readonly keys: KeySchema;
  readonly projection: GsiProjection;
  readonly provisioned?: ProvisionedThroughput;
}

/** The stream view types of DynamoDB Streams. */
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** A table's stream, when enabled. */
export interface StreamDefinition {
  readonly viewType: StreamViewType;
  /** `YYYY-MM-DDThh:mm:ss.sss` of the stream's creation, as in DynamoDB's stream ARN. */
  readonly label: string;
  readonly streamArn: string;
}

/** A table's TTL setting (UpdateTimeToLive). */
export interface TtlDefinition {
  readonly attributeName: string;
  readonly enabled: boolean;
}

/**
 * Everything DynamoDB knows about a table's shape, as other simulated services read it (Streams,
 * TTL sweeper, capacity meter).
 *
 * @example
 * const def = service.describe("Orders");
 * if (def?.stream) subscribe(def.stream.streamArn);
 */
export interface TableDefinition {
  readonly tableName: string;
  readonly tableArn: string;
  readonly keys: KeySchema;
  /** The attribute definitions as given, in order. */
  readonly attributeDefinitions: readonly KeyAttribute[];
  readonly billingMode: "PROVISIONED" | "PAY_PER_REQUEST";
  /** Set when `billingMode` is PROVISIONED. */
  readonly provisioned?: ProvisionedThroughput;
  readonly gsis: readonly GsiDefinition[];
  readonly stream?: StreamDefinition;
  readonly ttl?: TtlDefinition;
  readonly deletionProtection: boolean;
  readonly createdAtMs: number;
}
