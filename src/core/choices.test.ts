import { describe, expect, it } from "vitest";
import { ChoiceStream, ReplayDivergenceError } from "./choices.ts";

function record(draws: (stream: ChoiceStream) => void): ChoiceStream {
  const stream = new ChoiceStream(11);
  draws(stream);
  return stream;
}

describe("ChoiceStream replay modes", () => {
  const original = record((s) => {
    s.nextInt("size", 10);
    s.nextInt("fault", 100);
    s.nextInt("fault", 100);
    s.nextInt("delay", 1000);
  });
  const recording = original.recording();

  it("strict replay names the first draw that differs", () => {
    const replay = new ChoiceStream(11, { recording });
    replay.nextInt("size", 10);
    expect(() => replay.nextInt("delay", 1000)).toThrow(ReplayDivergenceError);
    expect(() => replay.nextInt("delay", 1000)).toThrow(/choice #2: the run asked for "delay"/);
  });

  it("lenient replay hands out values by position and 0 past the end", () => {
    const replay = new ChoiceStream(11, { recording, mode: "lenient" });
    const values = recording.choices.map((c) => c.value);
    expect([replay.nextInt("a", 10), replay.nextInt("b", 100)]).toEqual([values[0], values[1]]);
    replay.nextInt("c", 100);
    replay.nextInt("d", 1000);
    expect(replay.nextInt("e", 5)).toBe(0);
  });

  it("by-label replay hands the k-th draw of a label the k-th recorded value of that label", () => {
    const [size, fault1, fault2, delay] = recording.choices.map((c) => c.value);
    const replay = new ChoiceStream(11, { recording, mode: "by-label" });
    // Drawn in another order, with one fault draw fewer: each label keeps its own values.
    expect(replay.nextInt("delay", 1000)).toBe(delay);
    expect(replay.nextInt("fault", 100)).toBe(fault1);
    expect(replay.nextInt("size", 10)).toBe(size);
    expect(replay.nextInt("delay", 1000)).toBe(0);
    expect(replay.nextInt("unknown", 7)).toBe(0);
    expect(fault2).toBeDefined();
    expect(replay.recording().choices.map((c) => c.label)).toEqual([
      "delay",
      "fault",
      "size",
      "delay",
      "unknown",
    ]);
  });
});
