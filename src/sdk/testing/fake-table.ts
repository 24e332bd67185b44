import { AwsServiceError } from "../../cloud/aws-error.ts";
import type { SimulatedService } from "../../cloud/services.ts";

type Item = Record<string, Record<string, unknown>>;

/**
 * A tiny Map-backed DynamoDB for the bridge's own tests: PutItem (with `attribute_not_exists(pk)`
 * as the only condition), GetItem, and a switch that throttles the next calls. The real simulated
 * table lives in `cloud/table`; this one keeps the bridge's tests independent of it.
 *
 * @example
 * const table = new FakeTable(); table.throttleNext = 2;
 */
export class FakeTable implements SimulatedService {
  readonly serviceId = "DynamoDB";
  readonly items = new Map<string, Item>();
  /** How many of the next calls fail with ProvisionedThroughputExceededException. */
  throttleNext = 0;
  /** Errors the next calls fail with, in order (after any throttling). */
  readonly failNext: AwsServiceError[] = [];
  /** Operation names in the order they reached the service. */
  readonly calls: string[] = [];

  handle(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    this.calls.push(operation);
    if (this.throttleNext > 0) {
      this.throttleNext--;
      throw new AwsServiceError(
        "ProvisionedThroughputExceededException",
        "The level of configured provisioned throughput for the table was exceeded.",
        { throttling: true },
      );
    }
    const failure = this.failNext.shift();
    if (failure !== undefined) throw failure;
    if (operation === "PutItem") return this.put(input);
    if (operation === "GetItem") {
      const item = this.items.get(keyOf(input.Key as Item));
      return item === undefined ? {} : { Item: structuredClone(item) };
    }
    throw new AwsServiceError("UnknownOperationException", `FakeTable does not answer ${operation}`);
  }

  private put(input: Record<string, unknown>): Record<string, unknown> {
    const item = structuredClone(input.Item as Item);
    const key = keyOf(item);
    const old = this.items.get(key);
    if (input.ConditionExpression === "attribute_not_exists(pk)" && old !== undefined) {
      const fields = input.ReturnValuesOnConditionCheckFailure === "ALL_OLD" ? { Item: old } : {};
      throw new AwsServiceError("ConditionalCheckFailedException", "The conditional request failed", {
        fields,
      });
    }
    this.items.set(key, item);
    return input.ReturnValues === "ALL_OLD" && old !== undefined ? { Attributes: old } : {};
  }
}

function keyOf(item: Item): string {
  return JSON.stringify(item.pk);
}
