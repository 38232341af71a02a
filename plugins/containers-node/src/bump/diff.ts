import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { BumpResult } from './types';

/**
 * The changes of bump results as one unified diff (`--- a/FILE`, `+++ b/FILE`, three lines of
 * context), which `git apply` and `patch -p1` take. Line endings are kept: a CRLF file's lines
 * end in `\r`.
 *
 * @public
 */
export function formatBumpDiff(results: BumpResult[]): string {
  return results
    .flatMap(result => result.changes)
    .map(change =>
      createTwoFilesPatch(
        `a/${change.path}`,
        `b/${change.path}`,
        change.before,
        change.after,
        undefined,
        undefined,
        { context: 3, headerOptions: FILE_HEADERS_ONLY },
      ),
    )
    .join('');
}
