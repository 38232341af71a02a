import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import { REPO_ROOT, snapshotTree } from '@dockyard/test-utils';
import { CliError, type CliIo } from '../lib/context';
import { runNew, type Prompter } from './new';

/** The real CLI, run as a process the way `yarn dockyard` runs it. */
const BIN = path.resolve(__dirname, '../../bin/dockyard');

jest.setTimeout(60_000);

// `root` is the checkout; `outer` holds only it, so "nothing written anywhere" can be checked.
let outer: string;

let root: string;

/** The container.yaml of a new container, as written (free text unresolved). */
async function readContainer(slug: string) {
  const text = await fs.readFile(
    path.join(root, 'containers', slug, 'container.yaml'),
    'utf8',
  );
  const parsed = parseContainerYaml(text, {
    file: 'container.yaml',
    folderName: slug,
  });
  if (!parsed.container)
    throw new Error(`containers/${slug}/container.yaml does not parse`);
  return parsed.container;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = root): Promise<Run> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, INIT_CWD: cwd },
      // stdin is not a terminal: the command must not ask anything.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

const FLAGS = [
  '--name',
  'Kafka Connect',
  '--summary',
  'Kafka Connect workers with the Iceberg sink.',
  '--owner',
  'group:default/data-platform-team',
  '--strategy',
  'github-release',
  '--current',
  '4.1.0',
  '--source-repo',
  'apache/kafka',
];

beforeEach(async () => {
  outer = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-new-'));
  root = path.join(outer, 'platform');
  await fs.cp(
    path.join(REPO_ROOT, 'containers/_template'),
    path.join(root, 'containers/_template'),
    { recursive: true },
  );
  await fs.cp(
    path.join(REPO_ROOT, 'containers/_lib'),
    path.join(root, 'containers/_lib'),
    { recursive: true },
  );
  await fs.cp(
    path.join(REPO_ROOT, 'containers/trino'),
    path.join(root, 'containers/trino'),
    { recursive: true },
  );
});

afterEach(async () => {
  await fs.rm(outer, { recursive: true, force: true });
});

describe('dockyard new (as a process)', () => {
  it('creates containers/<slug> from flags, asking nothing', async () => {
    const result = await run(['new', 'kafka-connect', ...FLAGS]);
    expect(result.stderr).toContain(
      'warning: containers/kafka-connect/container.yaml',
    );
    expect(result.stderr).toContain('not pinned by digest');
    expect(result.stdout).toContain(
      'Created containers/kafka-connect/: container.yaml, Dockerfile, entrypoint.sh, README.md, tests/smoke.sh',
    );
    expect(result.code).toBe(0);

    const text = await fs.readFile(
      path.join(root, 'containers/kafka-connect/container.yaml'),
      'utf8',
    );
    const parsed = parseContainerYaml(text, {
      file: 'container.yaml',
      folderName: 'kafka-connect',
    });
    expect(parsed.ok).toBe(true);
    expect(parsed.container).toMatchObject({
      name: 'Kafka Connect',
      owner: 'group:default/data-platform-team',
      version: {
        strategy: 'github-release',
        current: '4.1.0',
        source: { repo: 'apache/kafka' },
      },
    });
    const mode = (
      await fs.stat(path.join(root, 'containers/kafka-connect/entrypoint.sh'))
    ).mode;
    expect(mode & 0o111).not.toBe(0);
  });

  it('creates a container whose own tests pass as written', async () => {
    expect((await run(['new', 'kafka-connect', ...FLAGS])).code).toBe(0);
    const smoke = spawnSync(
      path.join(root, 'containers/kafka-connect/tests/smoke.sh'),
      {
        cwd: path.join(root, 'containers/kafka-connect'),
        env: { ...process.env, DOCKYARD_TESTS_STATIC: '1' },
        encoding: 'utf8',
      },
    );
    expect(smoke.stderr).toBe('');
    expect(smoke.stdout).toContain(
      'ok - Dockerfile default version matches container.yaml (4.1.0)',
    );
    expect(smoke.stdout).toContain('smoke: 2 passed, 0 failed');
    expect(smoke.status).toBe(0);
  });

  it('writes into --dir, relative to where the command was typed', async () => {
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-cwd-'));
    try {
      const result = await run(
        [
          'new',
          'kafka-connect',
          ...FLAGS,
          '--dir',
          path.relative(elsewhere, root),
        ],
        elsewhere,
      );
      expect(result.code).toBe(0);
      await expect(
        fs.access(path.join(root, 'containers/kafka-connect/Dockerfile')),
      ).resolves.toBeUndefined();
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps free text exactly, and it can add no key', async () => {
    const name = 'Kafka: "Connect"\nslug: evil\n${{ values.slug }}';
    const flags = [...FLAGS];
    flags[1] = name;
    const result = await run(['new', 'kafka-connect', ...flags]);
    expect(result.code).toBe(0);
    const data = await readContainer('kafka-connect');
    expect(data.name).toBe(name);
    expect(data.slug).toBe('kafka-connect');
  });

  it('lists every missing flag when stdin is not a terminal, and writes nothing', async () => {
    const before = await snapshotTree(root);
    const result = await run([
      'new',
      'kafka-connect',
      '--name',
      'Kafka Connect',
      '--strategy',
      'docker-tags',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'dockyard new: missing --summary (one sentence: what it runs), --owner (catalog owner, e.g. group:default/data-platform-team), --current (the upstream version packaged), --source-image (docker-tags: Image whose tags are the versions, registry host first (docker.io/library/postgres)).\n' +
        'stdin is not a terminal, so nothing is asked; nothing was written\n',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('asks nothing with --yes either', async () => {
    const result = await run(['new', 'kafka-connect', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--yes was given, so nothing is asked; nothing was written',
    );
  });

  it.each([
    ['../evil', 'must be a single folder name, not a path'],
    ['/tmp/evil', 'must be a single folder name, not a path'],
    ['a/b', 'must be a single folder name, not a path'],
    ['..', 'must be a single folder name, not a path'],
    ['Kafka', 'must be lower case'],
    ['_template', 'is reserved'],
    ['kafka connect', 'must be lower case letters, digits and single "-"'],
    ['x'.repeat(64), 'longer than 63 characters'],
  ])('refuses the slug %j, writing nothing anywhere', async (slug, message) => {
    const before = await snapshotTree(outer);
    const result = await run(['new', slug, ...FLAGS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('nothing was written');
    expect(await snapshotTree(outer)).toEqual(before);
  });

  it('refuses a slug that exists', async () => {
    const before = await snapshotTree(root);
    const result = await run(['new', 'trino', ...FLAGS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'dockyard new: containers/trino already exists: choose another slug; nothing was written\n',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it.each([
    [['--strategy', 'svn'], '--strategy "svn" is not a known strategy'],
    [['--current', '1.0"; rm -rf /'], 'version.current must be a version'],
    [
      ['--base-image', 'debian:12\nUSER root'],
      'baseImage must be an image reference',
    ],
    [
      ['--source-image', 'docker.io/apache/kafka'],
      'version.source.image is not used by the github-release strategy',
    ],
    [['--owner', 'team | x'], 'owner must be an entity reference'],
    [['--name', '!no.such.field'], 'does not validate'],
  ])(
    'refuses %j with a clear message, writing nothing',
    async (extra, message) => {
      const before = await snapshotTree(root);
      const result = await run(['new', 'kafka-connect', ...FLAGS, ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(/nothing was written/i);
      expect(await snapshotTree(root)).toEqual(before);
    },
  );

  it('validates and writes nothing with --dry-run', async () => {
    const before = await snapshotTree(root);
    const result = await run(['new', 'kafka-connect', ...FLAGS, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Dry run: containers/kafka-connect/ would get container.yaml',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('says where the template is missing', async () => {
    await fs.rm(path.join(root, 'containers/_template'), { recursive: true });
    const result = await run(['new', 'kafka-connect', ...FLAGS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /the template folder .*containers\/_template does not exist/,
    );
  });
});

// `script` (util-linux) runs the command on a pseudo-terminal, as if typed by a person. Where it
// is missing (macOS has another `script`), the prompts are covered by runNew's tests below only.
const hasScript =
  spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes(
    'util-linux',
  ) ?? false;

describe('dockyard new (on a terminal)', () => {
  if (!hasScript) return;

  it('asks for what is missing', async () => {
    // `script` runs the command on a pseudo-terminal, as if typed by a person.
    const command = [
      process.execPath,
      BIN,
      'new',
      'kafka-connect',
      '--strategy',
      'github-release',
    ]
      .map(arg => `'${arg}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: REPO_ROOT,
      env: { ...process.env, INIT_CWD: root, TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', chunk => (screen += chunk));
    const closed = new Promise<number | null>(resolve =>
      child.on('close', resolve),
    );
    const answer = async (prompt: string, keys: string) => {
      const deadline = Date.now() + 20_000;
      while (!screen.includes(prompt)) {
        if (Date.now() > deadline)
          throw new Error(`no prompt "${prompt}" in:\n${screen}`);
        await new Promise(r => setTimeout(r, 50));
      }
      screen = screen.slice(screen.indexOf(prompt) + prompt.length);
      child.stdin.write(keys);
    };
    await answer('Name of the image', '\r');
    await answer('Summary', 'Kafka Connect workers.\r');
    await answer('Owner', '\r');
    await answer('Upstream version', '4.1.0\r');
    await answer('GitHub repository', 'apache/kafka\r');
    await answer('Create containers/kafka-connect?', 'y\r');
    expect(await closed).toBe(0);

    const data = await readContainer('kafka-connect');
    expect(data).toMatchObject({
      name: 'Kafka Connect',
      summary: 'Kafka Connect workers.',
      owner: 'group:default/data-platform-team',
      version: {
        strategy: 'github-release',
        current: '4.1.0',
        source: { repo: 'apache/kafka' },
      },
    });
  });
});

describe('runNew with a prompter', () => {
  function io(): CliIo & { out: () => string } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = '';
    stdout.on('data', c => (text += c));
    stderr.on('data', c => (text += c));
    return { stdout, stderr, cwd: root, env: {}, out: () => text };
  }

  function prompter(answers: Record<string, string>, confirmed = true) {
    const asked: string[] = [];
    const p: Prompter = {
      text: async (message, options) => {
        asked.push(message);
        const value = answers[message] ?? options?.default ?? '';
        const verdict = options?.validate?.(value) ?? true;
        if (verdict !== true) throw new Error(`rejected ${value}: ${verdict}`);
        return value;
      },
      choose: async (message, choices, defaultChoice) => {
        asked.push(message);
        return answers[message] ?? defaultChoice ?? choices[0];
      },
      confirm: async message => {
        asked.push(message);
        return confirmed;
      },
    };
    return { p, asked };
  }

  it('asks only for what the flags did not give, including the strategy’s source', async () => {
    const { p, asked } = prompter({
      'How are upstream releases found?': 'pypi',
      'Upstream version this image packages': '3.1.0',
      'Package (PyPI or npm name, or group:artifact for Maven)':
        'apache-airflow',
    });
    const code = await runNew(
      'airflow-lite',
      { summary: 'Airflow, small.', owner: 'group:default/data-platform-team' },
      io(),
      p,
    );
    expect(code).toBe(0);
    expect(asked).toEqual([
      'Name of the image',
      'How are upstream releases found?',
      'Upstream version this image packages',
      'Package (PyPI or npm name, or group:artifact for Maven)',
      'Create containers/airflow-lite?',
    ]);
    const data = await readContainer('airflow-lite');
    expect(data.name).toBe('Airflow Lite');
    expect(data.version).toMatchObject({
      strategy: 'pypi',
      source: { package: 'apache-airflow' },
    });
  });

  it('writes nothing when the person says no', async () => {
    const before = await snapshotTree(root);
    const { p } = prompter({}, false);
    const code = await runNew(
      'kafka-connect',
      { ...flagsAsOptions() },
      io(),
      p,
    );
    expect(code).toBe(1);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses an unsafe slug before asking anything', async () => {
    const { p, asked } = prompter({});
    await expect(runNew('../x', {}, io(), p)).rejects.toThrow(CliError);
    expect(asked).toEqual([]);
  });

  function flagsAsOptions() {
    return {
      name: 'Kafka Connect',
      summary: 'Workers.',
      owner: 'group:default/data-platform-team',
      strategy: 'github-release',
      current: '4.1.0',
      sourceRepo: 'apache/kafka',
    };
  }
});
