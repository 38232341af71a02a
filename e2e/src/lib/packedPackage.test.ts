import { packedPackageProblems } from './packedPackage';

const BACKEND_ENTRIES = [
  'README.md',
  'package.json',
  'config.schema.json',
  'dist/index.cjs.js',
  'dist/index.d.ts',
  'migrations/20251201000000_drift.js',
];

const BACKEND = {
  name: '@dockyard/plugin-containers-backend',
  version: '0.1.0',
  main: 'dist/index.cjs.js',
  types: 'dist/index.d.ts',
  configSchema: 'config.schema.json',
  dependencies: {
    '@backstage/backend-plugin-api': '^1.10.1',
    '@dockyard/plugin-containers-common': '^0.1.0',
  },
  backstage: { role: 'backend-plugin' },
};

const SOURCE = {
  hasConfigSchema: true,
  migrations: ['20251201000000_drift.js'],
};

describe('packedPackageProblems', () => {
  it('accepts a complete backend plugin tarball', () => {
    expect(packedPackageProblems(BACKEND_ENTRIES, BACKEND, SOURCE)).toEqual(
      [],
    );
  });

  it('names every missing part', () => {
    expect(
      packedPackageProblems(
        ['package.json', 'dist/index.cjs.js'],
        {
          ...BACKEND,
          configSchema: 'config.d.ts',
          dependencies: {
            '@dockyard/plugin-containers-common': 'workspace:^',
          },
        },
        SOURCE,
      ),
    ).toEqual([
      'README.md is not in the tarball',
      'types dist/index.d.ts is not in the tarball',
      'configSchema is "config.d.ts", not the compiled config.schema.json',
      'migrations/20251201000000_drift.js is not in the tarball',
      'dependencies.@dockyard/plugin-containers-common is still "workspace:^"',
    ]);
  });

  it('checks every export condition of a frontend plugin, and entry points left on src/', () => {
    const entries = [
      'README.md',
      'package.json',
      'dist/index.esm.js',
      'dist/index.d.ts',
      'dist/alpha.esm.js',
    ];
    expect(
      packedPackageProblems(
        entries,
        {
          name: '@dockyard/plugin-containers',
          version: '0.1.0',
          main: './dist/index.esm.js',
          types: './src/index.ts',
          exports: {
            '.': {
              import: './dist/index.esm.js',
              types: './dist/index.d.ts',
              default: './dist/index.esm.js',
            },
            './alpha': {
              backstage: '@backstage/FrontendPlugin',
              import: './dist/alpha.esm.js',
              types: './dist/alpha.d.ts',
              default: './dist/alpha.esm.js',
            },
            './package.json': './package.json',
          },
          backstage: { role: 'frontend-plugin' },
        },
        { hasConfigSchema: false, migrations: [] },
      ),
    ).toEqual([
      'types ./src/index.ts is not under dist/',
      'exports["./alpha"].types ./dist/alpha.d.ts is not in the tarball',
    ]);
  });

  it('needs no declarations from a command', () => {
    expect(
      packedPackageProblems(
        ['README.md', 'package.json', 'dist/index.cjs.js', 'bin/dockyard'],
        {
          name: '@dockyard/cli',
          version: '0.1.0',
          main: 'dist/index.cjs.js',
          backstage: { role: 'cli' },
        },
        { hasConfigSchema: false, migrations: [] },
      ),
    ).toEqual([]);
  });
});
