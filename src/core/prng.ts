/**
 * sfc32 ("small fast counter", Chris Doty-Humphrey's PractRand family): a 128-bit-state,
 * 32-bit-output generator that passes PractRand and BigCrush, is a handful of integer ops per
 * draw and is trivially seedable. Seeded through splitmix32 so that nearby seeds (1, 2, 3…) start
 * from unrelated states.
 *
 * @example
 * const rng = new Sfc32(42);
 * const die = rng.nextInt(6) + 1;
 */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = 1;
    // The first outputs of a fresh sfc32 state are weakly mixed; discard them as its author advises.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * A uniformly distributed integer in [0, bound), for bound in [1, 2^53]. Unbiased: draws that
   * fall in the incomplete last bucket are rejected and redrawn.
   */
  nextInt(bound: number): number {
    if (bound <= 0x1_0000_0000) {
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % bound;
    }
    // Wide bounds: 53 random bits, again rejecting the incomplete last bucket.
    const span = 2 ** 53;
    const limit = span - (span % bound);
    let x = this.wide53();
    while (x >= limit) x = this.wide53();
    return x % bound;
  }

  private wide53(): number {
    return (this.nextUint32() >>> 11) * 0x1_0000_0000 + this.nextUint32();
  }
}
