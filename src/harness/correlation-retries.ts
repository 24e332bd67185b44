import type { Hop } from "../targets/target.ts";
import type { CorrelationFinding } from "./correlation.ts";

/**
 * Invocations of one function caused by exactly the same hops are deliveries of the same thing
 * (a retry after a failure, or a duplicate delivery). They must carry the same correlation ids and
 * the same trace id as the first of them, as X-Ray keeps one trace across retries. Invocations
 * whose cause sets differ (a message redelivered in another batch) are not compared: their ids
 * may legitimately differ.
 *
 * @example
 * retryFindings(hops).map((f) => f.message);
 */
export function retryFindings(hops: readonly Hop[]): CorrelationFinding[] {
  const groups = new Map<string, Hop[]>();
  for (const hop of hops) {
    if (hop.kind !== "invocation" || hop.causes.length === 0) continue;
    const key = JSON.stringify([hop.to, [...hop.causes].sort()]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [hop]);
    else group.push(hop);
  }
  const findings: CorrelationFinding[] = [];
  for (const [first, ...later] of groups.values())
    for (const hop of later) if (first !== undefined) findings.push(...compare(first, hop));
  return findings;
}

function compare(first: Hop, hop: Hop): CorrelationFinding[] {
  const findings: CorrelationFinding[] = [];
  const correlationIds = [...new Set([...first.correlationIds, ...hop.correlationIds])];
  const tail = `of the same delivery from ${hop.from}`;
  if (!sameIds(first.correlationIds, hop.correlationIds))
    findings.push({
      kind: "retry-ids",
      hop,
      against: [first],
      correlationIds,
      message:
        `${hop.to} received ${idsText(hop.correlationIds)} in ${attemptText(hop)}, ` +
        `but ${idsText(first.correlationIds)} in ${attemptText(first)} ${tail}`,
    });
  if (first.traceId !== hop.traceId)
    findings.push({
      kind: "retry-trace",
      hop,
      against: [first],
      correlationIds,
      message:
        `${hop.to} ran in trace ${hop.traceId} in ${attemptText(hop)}, ` +
        `but in trace ${first.traceId} in ${attemptText(first)} ${tail}`,
    });
  return findings;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

function idsText(ids: readonly string[]): string {
  if (ids.length === 0) return "no correlation id";
  return `correlation id${ids.length === 1 ? "" : "s"} ${ids.join(", ")}`;
}

function attemptText(hop: Hop): string {
  const request = hop.requestId === undefined ? `hop ${hop.id}` : `request ${hop.requestId}`;
  return hop.attempt === undefined ? request : `attempt ${hop.attempt} (${request})`;
}
