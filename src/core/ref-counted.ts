/**
 * Turns an `install` that patches something process-wide (and returns its undo) into an
 * idempotent, reference-counted `acquire`: the first owner installs, the last release undoes, and
 * releasing the same handle twice counts once.
 *
 * @example
 * export const acquireGuard = refCounted(() => { patch(); return unpatch; });
 * const release = acquireGuard();
 */
export function refCounted(install: () => () => void): () => () => void {
  let owners = 0;
  let restore: (() => void) | undefined;
  return () => {
    if (owners++ === 0) restore = install();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--owners === 0) {
        restore?.();
        restore = undefined;
      }
    };
  };
}
