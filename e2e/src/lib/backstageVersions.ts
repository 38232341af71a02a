/*
 * Which @backstage/* packages an app installed, and where: a second copy of a package under a
 * plugin's own node_modules is what caret ranges that miss the app's release lead to.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One installed copy of a package. */
export interface InstalledCopy {
  version: string;
  /** Where, relative to the app's root (`node_modules/@backstage/x`, or nested). */
  path: string;
}

/** Every installed @backstage/* package of an app (its node_modules and its workspaces'). */
export function installedBackstagePackages(
  appDir: string,
): Map<string, InstalledCopy[]> {
  const found = new Map<string, InstalledCopy[]>();
  const walk = (dir: string, depth: number) => {
    if (depth > 8 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const child = join(dir, entry.name);
      const packageDirs = entry.name.startsWith('@')
        ? readdirSync(child, { withFileTypes: true })
            .filter(e => e.isDirectory())
            .map(e => join(child, e.name))
        : [child];
      for (const packageDir of packageDirs) {
        const manifest = join(packageDir, 'package.json');
        if (entry.name === '@backstage' && existsSync(manifest)) {
          const { name, version } = JSON.parse(readFileSync(manifest, 'utf8'));
          const copies = found.get(name) ?? [];
          copies.push({ version, path: relative(appDir, packageDir) });
          found.set(name, copies);
        }
        walk(join(packageDir, 'node_modules'), depth + 1);
      }
    }
  };
  walk(join(appDir, 'node_modules'), 0);
  for (const workspace of ['packages', 'plugins']) {
    const base = join(appDir, workspace);
    if (!existsSync(base)) continue;
    for (const dir of readdirSync(base)) {
      walk(join(base, dir, 'node_modules'), 1);
    }
  }
  return found;
}

/** Packages installed more than once, as `name: 1.0.0 (path), 2.0.0 (path)`. */
export function duplicates(installed: Map<string, InstalledCopy[]>): string[] {
  return [...installed]
    .filter(([, copies]) => copies.length > 1)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, copies]) =>
        `${name}: ${copies.map(c => `${c.version} (${c.path})`).join(', ')}`,
    );
}

/** Packages installed at another version than `pins` names for them. */
export function offPin(
  installed: Map<string, InstalledCopy[]>,
  pins: Record<string, string>,
): string[] {
  return [...installed]
    .flatMap(([name, copies]) =>
      copies
        .filter(c => pins[name] && c.version !== pins[name])
        .map(c => `${name} ${c.version} at ${c.path}, pinned ${pins[name]}`),
    )
    .sort();
}

/** One line per package and version, for the report. */
export function versionListing(
  installed: Map<string, InstalledCopy[]>,
): string {
  return `${[...installed]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, copies]) => `${name} ${copies.map(c => c.version).join(' ')}`)
    .join('\n')}\n`;
}
