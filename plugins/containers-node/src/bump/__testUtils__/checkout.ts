import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dirs: string[] = [];

afterEach(async () => {
  await Promise.all(
    dirs.map(dir => fs.rm(dir, { recursive: true, force: true })),
  );
  dirs = [];
});

/**
 * A platform checkout in a temporary folder (removed after the test): containers/<slug>/
 * container.yaml for each container, and other files at their paths.
 */
export async function platform(
  containers: Record<string, string>,
  files: Record<string, string> = {},
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-bump-'));
  dirs.push(dir);
  for (const [slug, text] of Object.entries(containers)) {
    await fs.mkdir(path.join(dir, 'containers', slug), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'containers', slug, 'container.yaml'),
      text,
    );
  }
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** Every file under a folder with its bytes: equal before and after means nothing was written. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = (await fs.readFile(full)).toString(
        'base64',
      );
    }
  }
  return out;
}

/** The lines that differ between two texts of the same line count, as `-old`/`+new` pairs. */
export function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) =>
    line === b[i] ? [] : [`-${line}`, `+${b[i]}`],
  );
}

export function read(dir: string, file: string) {
  return fs.readFile(path.join(dir, file), 'utf8');
}

/** A container.yaml small enough to read in a test. */
export function containerYaml(
  slug: string,
  fields: { version?: string; runtime?: string; extra?: string } = {},
) {
  return `name: "${slug} image"
slug: ${slug}
summary: "The ${slug} image of a test platform."
maintainers:
  - name: Test Maintainer
    email: test@example.com
version:
${(fields.version ?? 'strategy: manual\ncurrent: "1.0.0"')
  .split('\n')
  .map(line => `  ${line}`)
  .join('\n')}
${fields.runtime ? `runtime:\n  base_image: "${fields.runtime}"\n` : ''}${
    fields.extra ?? ''
  }`;
}
