import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  duplicates,
  installedBackstagePackages,
  offPin,
  versionListing,
} from './backstageVersions';

describe('installed @backstage packages', () => {
  let app: string;

  const install = (dir: string, name: string, version: string) => {
    const at = join(app, dir, name);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name, version }));
  };

  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'backstage-versions-'));
    install('node_modules', '@backstage/plugin-catalog-node', '3.0.0');
    install('node_modules', '@backstage/errors', '1.3.1');
    install('node_modules', 'left-pad', '1.3.0');
    // A plugin whose caret range misses the app's release gets its own copy.
    install(
      'node_modules/@dockyard/plugin-containers-backend/node_modules',
      '@backstage/plugin-catalog-node',
      '2.2.5',
    );
    install(
      'packages/backend/node_modules',
      '@backstage/errors',
      '1.3.1',
    );
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('finds every copy, nested ones and workspaces included', () => {
    const installed = installedBackstagePackages(app);
    expect(duplicates(installed)).toEqual([
      '@backstage/errors: 1.3.1 (node_modules/@backstage/errors), 1.3.1 (packages/backend/node_modules/@backstage/errors)',
      '@backstage/plugin-catalog-node: 3.0.0 (node_modules/@backstage/plugin-catalog-node), 2.2.5 (node_modules/@dockyard/plugin-containers-backend/node_modules/@backstage/plugin-catalog-node)',
    ]);
    expect(versionListing(installed)).toBe(
      '@backstage/errors 1.3.1 1.3.1\n@backstage/plugin-catalog-node 3.0.0 2.2.5\n',
    );
  });

  it('names the copies off the release pins', () => {
    expect(
      offPin(installedBackstagePackages(app), {
        '@backstage/plugin-catalog-node': '2.2.5',
        '@backstage/errors': '1.3.1',
      }),
    ).toEqual([
      '@backstage/plugin-catalog-node 3.0.0 at node_modules/@backstage/plugin-catalog-node, pinned 2.2.5',
    ]);
  });
});
