/**
 * The value of a DynamoDB number's text, for comparing numbers written differently ("1.0", "1",
 * "10e-1") without a decimal library: sign, significant digits and exponent.
 */

const NUMBER = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A text equal for equal numbers; text that is not a number comes back unchanged.
 *
 * @example
 * numberValue("1.50") === numberValue("15e-1"); // true
 */
export function numberValue(text: string): string {
  const match = NUMBER.exec(text);
  if (match === null) return text;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  let digits = (whole + fraction).replace(/^0+/, "");
  let power = Number(exponent) - fraction.length;
  if (digits === "") return "0";
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    power += 1;
  }
  return `${sign}${digits}e${String(power)}`;
}

/**
 * An item key with every number replaced by its value: the identity of the item it names.
 *
 * @example
 * keyByValue({ pk: { N: "1.0" } }); // { pk: { N: "1e0" } }
 */
export function keyByValue(key: unknown): unknown {
  if (typeof key !== "object" || key === null) return key;
  return Object.fromEntries(
    Object.entries(key).map(([name, value]) => {
      const n = (value as Record<string, unknown> | null)?.N;
      return [name, typeof n === "string" ? { N: numberValue(n) } : value];
    }),
  );
}
