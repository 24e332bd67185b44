import { NormalizedSchema, TypeRegistry } from "@smithy/core/schema";

/**
 * The schema of a service's error shape, from the registry the client package fills when it loads
 * (`com.amazonaws.lambda#TooManyRequestsException`); undefined when no loaded client declares it.
 *
 * @example
 * errorSchemaOf("com.amazonaws.lambda", "TooManyRequestsException")?.getMemberSchema("retryAfterSeconds");
 */
export function errorSchemaOf(namespace: string, code: string): NormalizedSchema | undefined {
  // getSchema throws for an unknown id, and also answers a lone shape with that name in another namespace.
  const found = TypeRegistry.for(namespace).find((schema) => {
    const tuple = schema as unknown as unknown[];
    return Array.isArray(tuple) && tuple[1] === namespace && tuple[2] === code;
  });
  return found === undefined ? undefined : NormalizedSchema.of(found);
}

/**
 * The wire code of an error in the Query protocols: a service may name the error by its SDK shape
 * (`NotFoundException`) or by its wire code (`NotFound`); the shape's `awsQueryError` trait maps
 * the first to the second.
 *
 * @example
 * queryErrorCode("com.amazonaws.sns", "NotFoundException"); // "NotFound"
 */
export function queryErrorCode(namespace: string, code: string): string {
  const traits = errorSchemaOf(namespace, code)?.getMergedTraits() as { awsQueryError?: [string, number] };
  return traits?.awsQueryError?.[0] ?? code;
}
