// A callback-style handler fixture, as older Node.js code writes it.
export function handler(
  event: { fail?: boolean },
  _context: unknown,
  callback: (error: Error | null, result?: unknown) => void,
): void {
  setTimeout(() => {
    if (event.fail === true) callback(new TypeError("callback failure"));
    else callback(null, { style: "callback" });
  }, 10);
}
