import {
  addBackendLines,
  addCommandArgs,
  disagreements,
  mergeAppConfig,
  parseAddCommand,
  readInstallBlocks,
} from './installSteps';

const README = `# Plugin

<!-- adopter-test: shell -->

\`\`\`sh
# the packages
yarn --cwd packages/backend add @dockyard/a @dockyard/b
\`\`\`

<!-- adopter-test: packages/backend/src/index.ts -->
\`\`\`ts
// packages/backend/src/index.ts
backend.add(import('@dockyard/a'));
\`\`\`

\`\`\`sh
yarn not-marked
\`\`\`

<!-- adopter-test: app-config.yaml -->
\`\`\`yaml
catalog:
  locations:
    - type: file
      target: ../x.yaml
\`\`\`
`;

const TEMPLATE_INDEX = `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-catalog-backend'));

backend.start();
`;

describe('readInstallBlocks', () => {
  it('reads the marked blocks with where they are, and only those', () => {
    const blocks = readInstallBlocks(README, 'README.md');
    expect(blocks.map(b => [b.target, b.where])).toEqual([
      ['shell', 'README.md:5'],
      ['packages/backend/src/index.ts', 'README.md:11'],
      ['app-config.yaml', 'README.md:21'],
    ]);
    expect(blocks[0].text).toBe(
      '# the packages\nyarn --cwd packages/backend add @dockyard/a @dockyard/b',
    );
  });

  it('names the file and line of a marker without a block or with an unknown target', () => {
    expect(() =>
      readInstallBlocks('a\n<!-- adopter-test: shell -->\ntext\n', 'R.md'),
    ).toThrow(
      'R.md:2: adopter-test marker is not followed by a fenced code block',
    );
    expect(() =>
      readInstallBlocks('<!-- adopter-test: App.tsx -->\n```\n```\n', 'R.md'),
    ).toThrow('R.md:1: adopter-test marker names "App.tsx"');
    expect(() =>
      readInstallBlocks('<!-- adopter-test: shell -->\n```sh\nyarn\n', 'R.md'),
    ).toThrow('R.md:2: fenced code block is not closed');
  });
});

describe('add commands', () => {
  it('reads yarn --cwd DIR add and names tarballs for packed packages', () => {
    const add = parseAddCommand(
      'yarn --cwd packages/app add @dockyard/plugin-containers left-pad',
      'R.md:3',
    );
    expect(add).toEqual({
      cwd: 'packages/app',
      packages: ['@dockyard/plugin-containers', 'left-pad'],
    });
    expect(
      addCommandArgs(
        add,
        new Map([['@dockyard/plugin-containers', '/t/containers.tgz']]),
      ),
    ).toEqual([
      '--cwd',
      'packages/app',
      'add',
      '@dockyard/plugin-containers@file:/t/containers.tgz',
      'left-pad',
    ]);
  });

  it('refuses any other command, naming where', () => {
    for (const line of [
      'npm install @dockyard/a',
      'yarn add @dockyard/a',
      'yarn --cwd packages/app add --dev @dockyard/a',
      'yarn --cwd packages/app add @dockyard/a && rm -rf /',
      'yarn --cwd packages/app add @dockyard/a ; reboot',
    ]) {
      expect(() => parseAddCommand(line, 'R.md:7')).toThrow(/^R\.md:7: /);
    }
  });
});

describe('addBackendLines', () => {
  it('adds the missing lines before backend.start(), once', () => {
    const lines = [
      "backend.add(import('@backstage/plugin-catalog-backend'));",
      "backend.add(import('@dockyard/a'));",
    ];
    const once = addBackendLines(TEMPLATE_INDEX, lines);
    expect(once).toBe(`import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@dockyard/a'));

backend.start();
`);
    expect(addBackendLines(once, lines)).toBe(once);
  });

  it('refuses a file without backend.start()', () => {
    expect(() => addBackendLines('const x = 1;\n', [])).toThrow(
      'has no backend.start();',
    );
  });
});

describe('mergeAppConfig', () => {
  const FILE = `# the app's config
catalog:
  rules:
    - allow: [Component]
  locations:
    # examples
    - type: file
      target: ../../examples/entities.yaml
backend:
  baseUrl: http://localhost:7007
`;

  it('merges mappings, appends new list items, replaces scalars and keeps comments', () => {
    const merged = mergeAppConfig(
      FILE,
      `catalog:
  locations:
    - type: file
      target: ../../examples/entities.yaml
    - type: file
      target: ../x/*/template.yaml
      rules:
        - allow: [Template]
  providers:
    containers:
      local:
        path: ../x
backend:
  baseUrl: http://localhost:7008
`,
    );
    expect(merged).toContain("# the app's config");
    expect(merged).toContain('# examples');
    expect(merged).toBe(`# the app's config
catalog:
  rules:
    - allow: [ Component ]
  locations:
    # examples
    - type: file
      target: ../../examples/entities.yaml
    - type: file
      target: ../x/*/template.yaml
      rules:
        - allow:
            - Template
  providers:
    containers:
      local:
        path: ../x
backend:
  baseUrl: http://localhost:7008
`);
  });

  it('refuses a snippet that is not a mapping', () => {
    expect(() => mergeAppConfig(FILE, '- a\n')).toThrow('not a YAML mapping');
  });
});

describe('disagreements', () => {
  const root = readInstallBlocks(README, 'README.md');

  it('accepts a plugin README whose blocks are part of the root one', () => {
    const plugin = readInstallBlocks(
      `<!-- adopter-test: shell -->
\`\`\`sh
yarn --cwd packages/backend add @dockyard/b
\`\`\`
<!-- adopter-test: packages/backend/src/index.ts -->
\`\`\`ts
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@dockyard/a'));
\`\`\`
<!-- adopter-test: app-config.yaml -->
\`\`\`yaml
catalog:
  locations:
    - type: file
      target: ../x.yaml
\`\`\`
`,
      'plugins/b/README.md',
    );
    expect(disagreements(root, plugin, TEMPLATE_INDEX)).toEqual([]);
  });

  it('names what a plugin README says that the root one does not', () => {
    const plugin = readInstallBlocks(
      `<!-- adopter-test: shell -->
\`\`\`sh
yarn --cwd packages/app add @dockyard/b
\`\`\`
<!-- adopter-test: packages/backend/src/index.ts -->
\`\`\`ts
backend.add(import('@dockyard/c'));
\`\`\`
<!-- adopter-test: app-config.yaml -->
\`\`\`yaml
catalog:
  locations:
    - type: file
      target: ../other.yaml
\`\`\`
`,
      'plugins/b/README.md',
    );
    expect(disagreements(root, plugin, TEMPLATE_INDEX)).toEqual([
      "plugins/b/README.md:2: the root README's install section does not add @dockyard/b in packages/app",
      'plugins/b/README.md:6: the root README\'s install section lacks "backend.add(import(\'@dockyard/c\'));"',
      "plugins/b/README.md:10: this app-config.yaml block is not part of the root README's",
    ]);
  });
});
