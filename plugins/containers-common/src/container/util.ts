/** Edit distance, for suggestions. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) {
    return Math.abs(a.length - b.length);
  }
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = next;
    }
  }
  return row[b.length];
}

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export function closest(
  word: string,
  candidates: Iterable<string>,
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * A value in quotes for a message, shortened to about `max` characters: a message repeats what
 * the file says, not all of it (a value may be 16 KiB, a key or a number 200 KB).
 */
export function quoteForMessage(value: string, max = 60): string {
  if (value.length <= max) {
    return JSON.stringify(value);
  }
  // Not between the two halves of a surrogate pair.
  let end = max;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    end--;
  }
  return `${JSON.stringify(value.slice(0, end)).slice(
    0,
    -1,
  )}…" (${value.length.toLocaleString('en-US')} characters)`;
}
