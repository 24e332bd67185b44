import { SquallError } from "../core/errors.ts";
import type { ChoreographyReport } from "./choreography.ts";
import { formatPath } from "./choreography-format.ts";

// Enough paths to see the pattern under load without burying the findings.
const PATHS_SHOWN = 3;

/**
 * Raised by {@link expectChoreography} when a correlation id's hops do not follow the flow: the
 * message lists every discrepancy, then the actual path of the ids concerned, hop by hop with
 * times relative to the first. The report is kept for programmatic use.
 *
 * @example
 * const error = await expectChoreography(target, flow).catch((e: unknown) => e);
 * if (error instanceof ChoreographyError) console.log(error.report.findings.length);
 */
export class ChoreographyError extends SquallError {
  override name = "ChoreographyError";

  constructor(readonly report: ChoreographyReport) {
    super(describe(report));
  }
}

function describe(report: ChoreographyReport): string {
  const { findings, correlationIds, paths, durationsMs } = report;
  const failing = [
    ...new Set(findings.flatMap((f) => (f.correlationId === undefined ? [] : [f.correlationId]))),
  ];
  const who =
    correlationIds.length === 1
      ? `for ${correlationIds[0]}`
      : `for ${failing.length} of ${correlationIds.length} correlation ids`;
  const plural = findings.length === 1 ? "finding" : "findings";
  const lines = [
    `expectChoreography: the flow "${report.flow.text}" did not hold ${who} (${findings.length} ${plural}):`,
    ...findings.map((f) => `  - ${f.message}`),
  ];
  // A percentile that failed alone names no id; the slowest one's path is the useful one then.
  const slowest = [...durationsMs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const shown = failing.length > 0 ? failing : slowest === undefined ? [] : [slowest];
  for (const id of shown.slice(0, PATHS_SHOWN)) {
    const path = paths.get(id) ?? [];
    if (path.length > 0) lines.push(`Actual path of ${id}:`, formatPath(path));
  }
  if (shown.length > PATHS_SHOWN)
    lines.push(`(paths of ${shown.length - PATHS_SHOWN} more correlation ids left out)`);
  return lines.join("\n");
}
