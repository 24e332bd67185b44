import type { StreamStore } from "../../table/streams/store.ts";
import type { StreamPort } from "./ports.ts";

/**
 * The stream store as a stream mapping reads it: the store fits {@link StreamPort} as it is, but
 * for `shardsOf`, the shards of a stream that exists.
 *
 * @example createEventSourceMapping(kernel, invoker, definition, { streams: streamPortOf(store) });
 */
export function streamPortOf(store: StreamStore): StreamPort {
  return {
    shardsOf: (arn) => store.stream(arn)?.shards,
    readShard: (arn, shardId, after, limit) => store.readShard(arn, shardId, after, limit),
    subscribe: (listener) => store.subscribe(listener),
    nextSequence: () => store.nextSequence(),
  };
}
