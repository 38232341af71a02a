import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempDir } from '@dockyard/test-utils';

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
  const dir = await tempDir('bump');
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
