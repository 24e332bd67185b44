import type { ChoiceStream } from "./choices.ts";

const HEX_DIGITS = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DASH = "-".charCodeAt(0);
/** The 36 character codes of the UUID being formatted: one array for every call. */
const codes: number[] = new Array(36).fill(0);

/**
 * A version-4-layout UUID whose 122 random bits come from four labelled draws, so request ids,
 * message ids and event ids are reproducible from the seed.
 *
 * @example
 * uuidFrom(choices, "lambda.requestId"); // "3f0c9a52-…"
 */
export function uuidFrom(choices: ChoiceStream, label: string): string {
  // Formats straight from the four draws, without an intermediate byte array: this runs for every
  // request id and every SDK invocation id. Same bytes, same order as `fillBytes` would give. The
  // characters go into one string at the end: built with `+`, the id was a tree of 20 pieces that
  // the collector had to flatten and free.
  let k = 0;
  for (let i = 0; i < 16; i += 4) {
    const word = choices.nextInt(label, 0x1_0000_0000);
    for (let j = 0; j < 4; j++) {
      let byte = (word >>> (8 * j)) & 0xff;
      if (i + j === 6) byte = (byte & 0x0f) | 0x40; // version 4
      if (i + j === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
      if (i + j === 4 || i + j === 6 || i + j === 8 || i + j === 10) codes[k++] = DASH;
      codes[k++] = HEX_DIGITS[byte >>> 4] as number;
      codes[k++] = HEX_DIGITS[byte & 0x0f] as number;
    }
  }
  return String.fromCharCode.apply(null, codes);
}

/** Fills `bytes` from the choice stream, one 32-bit draw per four bytes. */
export function fillBytes(choices: ChoiceStream, label: string, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const word = choices.nextInt(label, 0x1_0000_0000);
    for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (word >>> (8 * j)) & 0xff;
  }
}
