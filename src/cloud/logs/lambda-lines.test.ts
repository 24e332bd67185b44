import { formatWithOptions } from "node:util";
import { describe, expect, it } from "vitest";
import { consoleLine, endLine, reportLine, startLine, timeoutLine } from "./lambda-lines.ts";

const AT = Date.UTC(2025, 0, 1, 12, 0, 0, 5);

describe("Lambda log lines", () => {
  it("writes START, END and REPORT as CloudWatch shows them", () => {
    expect(startLine("r-1")).toBe("START RequestId: r-1 Version: $LATEST");
    expect(endLine("r-1")).toBe("END RequestId: r-1");
    expect(reportLine({ requestId: "r-1", durationMs: 12.5, memorySizeMb: 256, maxMemoryUsedMb: 71 })).toBe(
      "REPORT RequestId: r-1\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB\t",
    );
  });

  it("adds Init Duration on a cold start (billed since August 2025) and Status on a timeout", () => {
    const line = reportLine({
      requestId: "r-2",
      durationMs: 3000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 80,
      initDurationMs: 212,
      timedOut: true,
    });
    expect(line).toBe(
      "REPORT RequestId: r-2\tDuration: 3000.00 ms\tBilled Duration: 3212 ms\tMemory Size: 128 MB\t" +
        "Max Memory Used: 80 MB\tInit Duration: 212.00 ms\tStatus: timeout\t",
    );
    expect(timeoutLine(AT, "r-2", 3000)).toBe(
      "2025-01-01T12:00:00.005Z r-2 Task timed out after 3.00 seconds",
    );
  });

  it("formats console calls like the Node.js runtime: time, request id, level, text on one line", () => {
    expect(consoleLine(AT, "r-3", "INFO", ["order %s qty %d", "o-1", 3])).toBe(
      "2025-01-01T12:00:00.005Z\tr-3\tINFO\torder o-1 qty 3",
    );
    expect(consoleLine(AT, undefined, "WARN", ["a\nb", { k: 1 }])).toBe(
      "2025-01-01T12:00:00.005Z\tundefined\tWARN\ta\rb { k: 1 }",
    );
    // A lone string is taken as is, unless it has a specifier for util.format to read.
    expect(consoleLine(AT, "r-4", "INFO", ["two\nlines"])).toBe(
      "2025-01-01T12:00:00.005Z\tr-4\tINFO\ttwo\rlines",
    );
    const percent = formatWithOptions({ colors: false }, "100%% done");
    expect(consoleLine(AT, "r-4", "INFO", ["100%% done"])).toBe(
      `2025-01-01T12:00:00.005Z	r-4	INFO	${percent}`,
    );
  });
});
