import type { KernelServices } from "../../../core/services.ts";
import { AwsServiceError } from "../../aws-error.ts";
import { streamNotFound } from "./errors.ts";
import { optionalLimit, optionalString, requiredString, type StreamsInput } from "./input.ts";
import { getRecords, getShardIterator } from "./reading.ts";
import { formatSequence } from "./shard.ts";
import type { StreamState, StreamStore } from "./store.ts";

/** The DynamoDB Streams operations the simulated service answers. */
export type StreamsOperation = "ListStreams" | "DescribeStream" | "GetShardIterator" | "GetRecords";

/**
 * The DynamoDB Streams API over a {@link StreamStore}, answering each operation as
 * `@aws-sdk/client-dynamodb-streams` calls it: input and output are the command's input and output
 * objects (`Date` for timestamps). Synchronous; failures are thrown as `AwsServiceError`.
 *
 * @example
 * const streams = new DynamoDbStreamsService(store, kernel);
 * const { ShardIterator } = streams.handle("GetShardIterator", { StreamArn, ShardId, ShardIteratorType: "TRIM_HORIZON" });
 * const { Records } = streams.handle("GetRecords", { ShardIterator });
 */
export class DynamoDbStreamsService {
  constructor(
    private readonly store: StreamStore,
    private readonly kernel: Pick<KernelServices, "nowMs">,
  ) {}

  /** Answers one operation, or throws the error DynamoDB Streams would return. */
  handle(operation: string, input: StreamsInput): Record<string, unknown> {
    switch (operation) {
      case "ListStreams":
        return this.listStreams(input);
      case "DescribeStream":
        return this.describeStream(input);
      case "GetShardIterator":
        return getShardIterator(this.store, input, this.kernel.nowMs());
      case "GetRecords":
        return getRecords(this.store, input, this.kernel.nowMs());
      default:
        throw new AwsServiceError(
          "UnknownOperationException",
          `DynamoDB Streams operation "${operation}" is not simulated by Squall; supported: ListStreams, DescribeStream, GetShardIterator, GetRecords.`,
        );
    }
  }

  private listStreams(input: StreamsInput): Record<string, unknown> {
    const tableName = optionalString(input, "TableName");
    const limit =
      optionalLimit(input, 100, `${INVALID} Limit cannot be greater than the maximum allowed size: 100`) ??
      100;
    const exclusiveStart = optionalString(input, "ExclusiveStartStreamArn");
    let streams = this.store.streams().filter((s) => tableName === undefined || s.tableName === tableName);
    // An unknown ExclusiveStartStreamArn yields an empty page (DynamoDB Local does the same).
    if (exclusiveStart !== undefined) {
      const at = streams.findIndex((s) => s.streamArn === exclusiveStart);
      streams = at === -1 ? [] : streams.slice(at + 1);
    }
    const page = streams.slice(0, limit);
    return {
      Streams: page.map((s) => ({
        StreamArn: s.streamArn,
        TableName: s.tableName,
        StreamLabel: s.streamLabel,
      })),
      ...(streams.length > limit ? { LastEvaluatedStreamArn: page.at(-1)!.streamArn } : {}),
    };
  }

  private describeStream(input: StreamsInput): Record<string, unknown> {
    const streamArn = requiredString(input, "StreamArn", "Invalid StreamArn");
    const limit =
      optionalLimit(input, 100, `${INVALID} Limit cannot be greater than the maximum: 100`) ?? 100;
    const exclusiveStart = optionalString(input, "ExclusiveStartShardId");
    const stream = this.store.stream(streamArn);
    if (stream === undefined) throw streamNotFound(streamArn);
    let shards = stream.shards;
    // An unknown ExclusiveStartShardId lists every shard (DynamoDB Local does the same).
    if (exclusiveStart !== undefined) {
      shards = shards.slice(shards.findIndex((s) => s.shardId === exclusiveStart) + 1);
    }
    const page = shards.slice(0, limit);
    return { StreamDescription: describe(stream, page, shards.length > limit) };
  }
}

const INVALID = "One or more parameter values were invalid:";

function describe(stream: StreamState, page: StreamState["shards"], more: boolean): Record<string, unknown> {
  return {
    StreamArn: stream.streamArn,
    StreamLabel: stream.streamLabel,
    StreamStatus: stream.status,
    StreamViewType: stream.viewType,
    CreationRequestDateTime: new Date(stream.createdAtMs),
    TableName: stream.tableName,
    KeySchema: stream.keySchema.map((k) => ({ ...k })),
    Shards: page.map((shard) => ({
      ShardId: shard.shardId,
      SequenceNumberRange: {
        StartingSequenceNumber: formatSequence(shard.startingSequence),
        ...(shard.endingSequence === undefined
          ? {}
          : { EndingSequenceNumber: formatSequence(shard.endingSequence) }),
      },
    })),
    ...(more ? { LastEvaluatedShardId: page.at(-1)!.shardId } : {}),
  };
}
