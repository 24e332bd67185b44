/** A function reference taken apart: `name`, `name:qualifier`, a partial or a full ARN. */
export interface FunctionReference {
  readonly name: string;
  readonly qualifier: string | undefined;
  readonly region: string | undefined;
  readonly accountId: string | undefined;
}

const FULL =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$.-]+))?$/;
const PARTIAL = /^(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$.-]+))?$/;
const NAME = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$.-]+))?$/;

/**
 * Parses the name formats the Invoke API accepts, or returns undefined for none of them.
 *
 * @example
 * parseFunctionReference("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
 * // { name: "f", qualifier: "$LATEST", region: "us-east-1", accountId: "123456789012" }
 */
export function parseFunctionReference(reference: string): FunctionReference | undefined {
  const full = FULL.exec(reference);
  if (full !== null) {
    return { region: full[1], accountId: full[2], name: full[3] as string, qualifier: full[4] };
  }
  const partial = PARTIAL.exec(reference);
  if (partial !== null) {
    return { region: undefined, accountId: partial[1], name: partial[2] as string, qualifier: partial[3] };
  }
  const plain = NAME.exec(reference);
  if (plain !== null)
    return { region: undefined, accountId: undefined, name: plain[1] as string, qualifier: plain[2] };
  return undefined;
}
