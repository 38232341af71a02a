import { promises as fs } from 'node:fs';
import path from 'node:path';
import type {
  ContainerProblem,
  ContainerSpec,
} from '@dockyard/plugin-containers-common';

/** The build paths `docker buildx build` is given, with their defaults. */
const BUILD_PATHS = [
  ['context', '.'],
  ['dockerfile', 'Dockerfile'],
] as const;

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return (
    rel === '' ||
    (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
  );
}

/**
 * The real path of `target`, following the symbolic links of its longest existing part (the rest
 * does not exist yet, so it cannot be a link). Undefined when a link on the way cannot be
 * followed (it points nowhere or loops).
 */
async function realPathAsFar(target: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let existing = target; ; existing = path.dirname(existing)) {
    try {
      return path.join(await fs.realpath(existing), ...missing.reverse());
    } catch {
      const isEntry = await fs.lstat(existing).then(
        () => true,
        () => false,
      );
      if (isEntry || path.dirname(existing) === existing) return undefined;
      missing.push(path.basename(existing));
    }
  }
}

/** Why one build path leads out of the container folder, or undefined. */
async function escapeOf(
  dir: string,
  realDir: string,
  written: string,
): Promise<string | undefined> {
  if (path.isAbsolute(written) || path.win32.isAbsolute(written)) {
    return 'is an absolute path';
  }
  const target = path.resolve(dir, written);
  if (!isInside(dir, target)) {
    return "climbs out of the folder with '..'";
  }
  const real = await realPathAsFar(target);
  if (real === undefined) {
    return 'goes through a symbolic link that cannot be followed';
  }
  if (!isInside(realDir, real)) {
    return `leads to ${real} through a symbolic link`;
  }
  return undefined;
}

/**
 * The 1-based line and column of `build.<key>`'s value in block-style YAML, else of `build:`,
 * else 0:0.
 * Only to point the reader at the field: the parser has already read the file, and a file it
 * accepted in another style is still refused, with the line of `build:`.
 */
export function buildFieldPosition(
  text: string,
  key: string,
): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex(line => /^build\s*:/.test(line));
  if (start < 0) return { line: 0, column: 0 };
  let indent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const own = line.length - line.trimStart().length;
    if (own === 0) break;
    // Only direct children of build: (an arg could be named `context` too).
    indent ??= own;
    if (own !== indent) continue;
    const field = line.match(/^\s*(["']?)([A-Za-z_]+)\1\s*:\s*/);
    if (field?.[2] === key) {
      // The value's column, as the parser places its problems; the key's when the value is below.
      const valueHere = field[0].length < line.length;
      return { line: i + 1, column: valueHere ? field[0].length + 1 : own + 1 };
    }
  }
  return { line: start + 1, column: 1 };
}

/**
 * `build.context` and `build.dockerfile` (as `dockyard build` passes them to docker) must stay
 * inside the container folder, also after symbolic links: else a container.yaml could send a
 * home directory or the whole checkout to the Docker daemon. Returns a problem per escape, placed
 * at its field in the file.
 */
export async function buildPathProblems(options: {
  resolved: ContainerSpec;
  dir: string;
  /** The file as the user should see it. */
  label: string;
  /** Its text, to place the problems. */
  text: string;
}): Promise<ContainerProblem[]> {
  const { resolved, dir, label, text } = options;
  const realDir = (await realPathAsFar(dir)) ?? dir;
  const problems: ContainerProblem[] = [];
  for (const [key, fallback] of BUILD_PATHS) {
    const written = resolved.build?.[key] ?? fallback;
    const escape = await escapeOf(dir, realDir, written);
    if (escape) {
      problems.push({
        file: label,
        ...buildFieldPosition(text, key),
        path: `build.${key}`,
        message: `${JSON.stringify(
          written,
        )} ${escape}: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
        severity: 'error',
        rule: 'build-path',
      });
    }
  }
  return problems;
}
