/**
 * The lines that differ between two texts of the same line count, as `-old`, `+new` pairs: what
 * an in-place edit changed. A different line count fails the test, since an in-place edit never
 * adds or removes a line. A missing text (a file a diff does not have) counts as empty.
 */
export function changedLines(before = '', after = ''): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) =>
    line === b[i] ? [] : [`-${line}`, `+${b[i]}`],
  );
}
