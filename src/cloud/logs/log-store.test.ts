import { describe, expect, it } from "vitest";
import { type LogEvent, LogStore } from "./log-store.ts";

const event = (functionName: string, requestId: string | undefined, message: string): LogEvent => ({
  functionName,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: "2025/01/01/[$LATEST]00",
  requestId,
  timestampMs: 0,
  message,
});

describe("LogStore", () => {
  it("searches by function, request id and text", () => {
    const store = new LogStore();
    store.append(event("a", "r1", "order o-1 reserved"));
    store.append(event("a", "r2", "order o-2 reserved"));
    store.append(event("b", "r3", "order o-1 shipped"));
    expect(store.search({ text: "o-1" }).map((e) => e.requestId)).toEqual(["r1", "r3"]);
    expect(store.search({ functionName: "a", text: "o-1" }).map((e) => e.requestId)).toEqual(["r1"]);
    expect(store.search({ requestId: "r2" }).map((e) => e.message)).toEqual(["order o-2 reserved"]);
    expect(store.invocationText("r3")).toBe("order o-1 shipped\n");
  });

  it("keeps at most maxEvents, dropping the oldest", () => {
    const store = new LogStore({ maxEvents: 3 });
    for (let i = 0; i < 10; i++) store.append(event("a", `r${i}`, `line ${i}`));
    expect(store.all().map((e) => e.message)).toEqual(["line 7", "line 8", "line 9"]);
    expect(store.droppedCount).toBe(7);
  });
});
