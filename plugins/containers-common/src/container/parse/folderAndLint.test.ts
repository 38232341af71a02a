import type { ContainerLocator } from '../problems';
import type { ContainerSpec } from '../schema';
import { folderAndLintProblems } from './folderAndLint';

const container = {
  name: 'Example',
  slug: 'example',
  summary: 'Example image.',
  maintainers: [{ name: 'Team', email: 'team@example.com' }],
  version: { strategy: 'manual', current: '1.2.3' },
} as ContainerSpec;

/** Where the fields would be written: slug on line 2, runtime on line 7. */
const LINES: Record<string, number> = { slug: 2, runtime: 7 };
const locate: ContainerLocator = path => ({
  file: 'c.yaml',
  line: LINES[String(path[0])] ?? 1,
  column: 1,
});

const run = (spec: ContainerSpec, folderName?: string) =>
  folderAndLintProblems(
    { container: spec, resolved: spec },
    folderName,
    locate,
  );

describe('folderAndLintProblems', () => {
  it('finds nothing in a container that fits its folder', () => {
    expect(run(container, 'example')).toEqual([]);
    expect(run(container)).toEqual([]);
  });

  it('says the slug must be the folder name, at the slug', () => {
    expect(run(container, 'other')).toEqual([
      {
        file: 'c.yaml',
        line: 2,
        column: 1,
        path: 'slug',
        severity: 'error',
        rule: 'slug-folder',
        message:
          'slug "example" differs from its folder "other" — the slug is the folder\'s name: rename the folder or set slug: other',
      },
    ]);
  });

  it('adds the lint rules, run on the resolved container', () => {
    const unpinned = {
      ...container,
      runtime: { base_image: 'debian:12' },
    } as ContainerSpec;
    const problems = folderAndLintProblems(
      { container, resolved: unpinned },
      'example',
      locate,
    );
    expect(problems.map(p => [p.rule, p.severity, p.path, p.line])).toEqual([
      ['base-image-digest', 'warning', 'runtime.base_image', 7],
    ]);
  });
});
