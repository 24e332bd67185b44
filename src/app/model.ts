/** A DynamoDB key attribute type: string, number or binary. */
export type KeyType = "S" | "N" | "B";

/** One key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** What a global secondary index copies from the table. */
export type Projection = "ALL" | "KEYS_ONLY" | { readonly include: readonly string[] };

/** Provisioned capacity, in read and write capacity units per second. */
export interface ProvisionedCapacity {
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** On-demand billing, or provisioned capacity (which throttles when exhausted). */
export type Billing =
  | { readonly mode: "PAY_PER_REQUEST" }
  | ({ readonly mode: "PROVISIONED" } & ProvisionedCapacity);

/** A global secondary index (eventually consistent, as in DynamoDB). */
export interface GlobalSecondaryIndex {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Default `ALL`. */
  readonly projection?: Projection;
  /** Required when the table is provisioned, as in DynamoDB. */
  readonly capacity?: ProvisionedCapacity;
}

/** What a table's stream records carry. */
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** A DynamoDB table. Attribute definitions are derived from the keys, so they cannot disagree. */
export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: Readonly<Record<string, GlobalSecondaryIndex>>;
  /** Enables DynamoDB Streams with this view type. */
  readonly stream?: StreamViewType;
  /** The Number attribute (epoch seconds) after which an item expires. */
  readonly ttlAttribute?: string;
  /** Default on-demand. */
  readonly billing?: Billing;
}

/** An app: the resources of one event-driven system, by logical name. */
export interface AppDefinition {
  readonly name: string;
  readonly tables?: Readonly<Record<string, TableDefinition>>;
}

/** A validated app. Its tables are the user's definitions, checked. */
export interface App extends AppDefinition {
  readonly tables: Readonly<Record<string, TableDefinition>>;
}
