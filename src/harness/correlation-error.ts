import { SquallError } from "../core/errors.ts";
import type { CorrelationFinding } from "./correlation.ts";

/**
 * Raised by {@link expectCorrelation} when a correlation id did not survive every hop, or retries
 * of one delivery disagree on it; carries every finding.
 *
 * @example
 * try { await expectCorrelation(target) } catch (e) { if (e instanceof CorrelationError) console.log(e.findings) }
 */
export class CorrelationError extends SquallError {
  override name = "CorrelationError";

  constructor(readonly findings: readonly CorrelationFinding[]) {
    const plural = findings.length === 1 ? "finding" : "findings";
    super(
      `expectCorrelation: correlation ids did not survive every hop (${findings.length} ${plural}):\n` +
        findings.map((f) => `  - ${f.message}`).join("\n"),
    );
  }
}
