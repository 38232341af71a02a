import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, `dockyard-<prefix>-XXXXXX` in the system's; the test removes it. */
export function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `dockyard-${prefix}-`));
}

/**
 * Every entry under `dir`, to compare before and after: equal means nothing was written,
 * removed, renamed or had its mode changed. A folder is `<path>/: dir`, a symbolic link
 * `link <target>` (never followed, so a link out of the tree is not read), a file a hash of its
 * bytes and its permission bits (`<hash> 755`). `.git` is left out: git's own bookkeeping
 * changes when a test only reads the repository.
 */
export async function snapshotTree(
  dir: string,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        result[`${rel}/`] = 'dir';
        await walk(full);
      } else if (entry.isSymbolicLink()) {
        result[rel] = `link ${await fs.readlink(full)}`;
      } else {
        const stat = await fs.lstat(full);
        const hash = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex')
          .slice(0, 16);
        result[rel] = `${hash} ${(stat.mode & 0o777).toString(8)}`;
      }
    }
  };
  await walk(dir);
  return result;
}
