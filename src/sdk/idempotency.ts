import { NormalizedSchema } from "@smithy/core/schema";
import type { SdkCommandLike } from "./types.ts";

const tokenMembers = new WeakMap<object, readonly string[]>();

/**
 * The input with its idempotency tokens filled, as the SDK's serializer fills them when the
 * caller leaves them out (`ClientRequestToken` of TransactWriteItems): once per `send`, so every
 * retry of the call carries the same token and the service can recognise it. `fast` mode skips
 * the serializer, so it does this itself, drawing the token the same way (`crypto.randomUUID`).
 *
 * @example
 * withIdempotencyTokens(new TransactWriteItemsCommand({ TransactItems: [] }), input).ClientRequestToken; // "3f0c…"
 */
export function withIdempotencyTokens(
  command: SdkCommandLike,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const members = tokenMembersOf(command);
  if (members.length === 0) return input;
  let filled = input;
  for (const name of members) {
    if (filled[name] === undefined) filled = { ...filled, [name]: globalThis.crypto.randomUUID() };
  }
  return filled;
}

function tokenMembersOf(command: SdkCommandLike): readonly string[] {
  const ctor = (command as object).constructor;
  let members = tokenMembers.get(ctor);
  if (members === undefined) {
    members = findTokenMembers(command.schema);
    tokenMembers.set(ctor, members);
  }
  return members;
}

function findTokenMembers(schema: unknown): string[] {
  if (!Array.isArray(schema)) return [];
  try {
    const input = NormalizedSchema.of(schema[4]);
    if (!input.isStructSchema()) return [];
    return [...input.structIterator()]
      .filter(([, member]) => member.isIdempotencyToken())
      .map(([name]) => name);
  } catch {
    // A schema this copy of @smithy/core cannot read: no tokens rather than a failed call.
    return [];
  }
}
