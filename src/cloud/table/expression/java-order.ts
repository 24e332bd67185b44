/**
 * Java's `String.hashCode`: s[0]*31^(n-1) + ... + s[n-1], in 32-bit arithmetic over UTF-16 units.
 *
 * @example javaStringHash("a") // 97
 */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Orders strings as iterating a `java.util.HashSet` built from them would: by hash bucket, then
 * insertion order within a bucket. DynamoDB lists unused placeholder keys in that order (seen in
 * DynamoDB Local: `{#m, #n}` for `#n, #m`; `{:t, :f}` for `:t, :f`), so copying it keeps our
 * messages byte-identical.
 *
 * @example javaHashSetOrder(["#n", "#m"]) // ["#m", "#n"]
 */
export function javaHashSetOrder(keys: readonly string[]): string[] {
  // new HashSet<>(collection) sizes its table to max(n / 0.75 + 1, 16), rounded up to a power of 2.
  let capacity = 16;
  while (capacity < Math.floor(keys.length / 0.75) + 1) capacity *= 2;
  const bucketOf = (key: string): number => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucketOf(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}
