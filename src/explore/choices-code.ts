import { SquallError } from "../core/errors.ts";

/**
 * Encodes a run's choice values for a replay line: unsigned LEB128 varints, base64url. Labels and
 * bounds are left out — a lenient replay needs only the values, and the seed and the app give the
 * rest — so a shrunk failure fits on one line.
 *
 * No values (every draw 0) is written `none`, so a replay line never ends in an empty flag.
 *
 * @example encodeChoices([0, 3, 300]) // "AAOsAg"
 */
export function encodeChoices(values: readonly number[]): string {
  if (values.length === 0) return "none";
  const bytes: number[] = [];
  for (const value of values) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new SquallError(`choice value ${value} cannot be encoded`);
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
  }
  return Buffer.from(bytes).toString("base64url");
}

/**
 * Decodes what {@link encodeChoices} wrote; a clear error names `--choices` when the text was
 * damaged (cut short when copied, say).
 *
 * @example decodeChoices("AAOsAg") // [0, 3, 300]
 */
export function decodeChoices(text: string): number[] {
  if (text === "none") return [];
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new SquallError(
      `--choices "${text.slice(0, 40)}": not base64url; copy the whole replay line again`,
    );
  const bytes = Buffer.from(text, "base64url");
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (byte & 0x80) {
      scale *= 0x80;
      continue;
    }
    values.push(value);
    value = 0;
    scale = 1;
  }
  if (scale !== 1)
    throw new SquallError("--choices ends in the middle of a value; copy the whole replay line again");
  return values;
}
