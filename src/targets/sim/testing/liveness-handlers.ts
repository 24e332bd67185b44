/** Fails on every message: after maxReceiveCount receives, SQS moves it to the dead-letter queue. */
export async function reject(): Promise<void> {
  throw new Error("this consumer rejects everything");
}

/** Fails on every stream batch: with unlimited retries, the shard is blocked behind the record. */
export async function poisoned(): Promise<void> {
  throw new Error("poison record");
}
