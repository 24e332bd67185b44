import { invalidParameter, notSimulated } from "./errors.ts";

/** An IPv4 network: the address bits that must match, as unsigned 32-bit integers. */
export interface CidrBlock {
  readonly network: number;
  readonly mask: number;
}

/**
 * Compiles the operand of `{"cidr": "10.0.0.0/24"}`. IPv6 networks are rejected as not simulated
 * (SNS supports them; Squall matches IPv4 only). Errors use SNS's wording behind `prefix`; a
 * non-string operand gets SNS's own (prefix-worded) message.
 *
 * @example
 * const block = compileCidr("10.0.0.0/24", "Invalid parameter: FilterPolicy: ");
 * ipv4InBlock(block, "10.0.0.7"); // true
 */
export function compileCidr(operand: unknown, prefix: string): CidrBlock {
  const fail = (detail: string) => invalidParameter(`${prefix}${detail}`);
  if (typeof operand !== "string") throw fail("prefix match pattern must be a string");
  const parts = operand.split("/");
  if (parts.length !== 2) throw fail("Malformed CIDR, one '/' required");
  const [address = "", bits = ""] = parts;
  if (!/^\d+$/.test(bits)) throw fail("Malformed CIDR, mask bits must be an integer");
  if (address.includes(":")) {
    throw notSimulated("FilterPolicy", `the IPv6 cidr match "${operand}"`, "use an IPv4 network");
  }
  const ip = parseIpv4(address);
  const maskBits = Number.parseInt(bits, 10);
  if (ip === undefined || maskBits > 32) throw fail(`Nonstandard IP address: ${address}`);
  const mask = maskBits === 0 ? 0 : (0xffffffff << (32 - maskBits)) >>> 0;
  return { network: (ip & mask) >>> 0, mask };
}

/**
 * Whether a string is an IPv4 address inside the block (any other string does not match).
 *
 * @example
 * ipv4InBlock(compileCidr("10.0.0.0/8", prefix), "10.1.2.3"); // true
 */
export function ipv4InBlock(block: CidrBlock, value: string): boolean {
  const ip = parseIpv4(value);
  return ip !== undefined && (ip & block.mask) >>> 0 === block.network;
}

function parseIpv4(text: string): number | undefined {
  const octets = text.split(".");
  if (octets.length !== 4) return undefined;
  let ip = 0;
  for (const octet of octets) {
    if (!/^\d{1,3}$/.test(octet)) return undefined;
    const value = Number.parseInt(octet, 10);
    if (value > 255) return undefined;
    ip = ip * 256 + value;
  }
  return ip >>> 0;
}
