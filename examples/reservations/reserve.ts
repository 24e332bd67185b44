import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";

// Constructed once per execution environment, with no endpoint or credentials, as in production.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const TABLE = process.env.STOCK_TABLE ?? "Stock";

/** A reservation request, e.g. from an order event. */
export interface ReserveRequest {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** Puts a product's stock level. */
export async function putStock(sku: string, available: number): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: TABLE, Item: { pk: `SKU#${sku}`, sk: "STOCK", available } }),
  );
}

/**
 * Reserves stock for an order exactly once: the reservation row and the stock decrement are
 * written in one transaction, conditional on the order not being reserved yet and on enough
 * stock, so a retried delivery cannot reserve twice and concurrent orders cannot oversell.
 */
export async function reserve(request: ReserveRequest): Promise<"reserved" | "duplicate" | "out-of-stock"> {
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: { pk: `SKU#${request.sku}`, sk: `ORDER#${request.orderId}`, quantity: request.quantity },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Update: {
              TableName: TABLE,
              Key: { pk: `SKU#${request.sku}`, sk: "STOCK" },
              UpdateExpression: "SET available = available - :q",
              ConditionExpression: "available >= :q",
              ExpressionAttributeValues: { ":q": request.quantity },
            },
          },
        ],
      }),
    );
    return "reserved";
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return "duplicate";
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === "ConditionalCheckFailed") return "duplicate";
    if (reasons?.[1]?.Code === "ConditionalCheckFailed") return "out-of-stock";
    throw error;
  }
}

/** The non-idempotent first draft the seed warns about: check, then act, in two calls. */
export async function reserveNaively(request: ReserveRequest): Promise<"reserved"> {
  await documents.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        pk: `SKU#${request.sku}`,
        sk: `ORDER#${request.orderId}#${crypto.randomUUID()}`,
        quantity: request.quantity,
      },
    }),
  );
  return "reserved";
}
