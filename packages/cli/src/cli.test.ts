import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@dockyard/test-utils';
import { shellJoin } from './lib/shell';

/** The real CLI, run as a process the way `yarn dockyard` runs it. */
const BIN = path.resolve(__dirname, '../bin/dockyard');
const REFERENCE_DIR = path.resolve(
  REPO_ROOT,
  '../shared/reference/container-yaml-v1',
);
const BROKEN_DIR = path.join(
  REPO_ROOT,
  'plugins/containers-common/src/__fixtures__/broken',
);
const REVISION = 'feffe5d0a1b2c3d4e5f60718293a4b5c6d7e8f90';
const PROBLEM_LINE = /^(\S+):(\d+):(\d+) (\S+) (.+)$/;

jest.setTimeout(60_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
let fakeBin: string;
let dockerLog: string;

function run(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const cwd = options.cwd ?? root;
  return new Promise(resolve => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // yarn runs the script elsewhere and says where the user is in INIT_CWD
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        INIT_CWD: cwd,
        PATH: `${fakeBin}${path.delimiter}${process.env.PATH}`,
        FAKE_DOCKER_LOG: dockerLog,
        GIT_CEILING_DIRECTORIES: os.tmpdir(),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

async function write(relative: string, content: string) {
  const file = path.join(root, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
}

/** The argv of every docker/cosign call the stand-ins recorded. */
async function recorded(): Promise<string[][]> {
  const text = await fs.readFile(dockerLog, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

const ALPHA = `# yaml-language-server: $schema=../../plugins/containers-common/schema/container.schema.json
name: "Alpha Runtime"
slug: alpha
summary: "The alpha image."
owner: group:default/data-platform-team
maintainers:
  - name: Team
    email: team@example.com
version:
  strategy: github-release
  current: "1.2.3"
  source:
    repo: example/alpha
runtime:
  base_image: "docker.io/library/alpine:3.20@sha256:${'a'.repeat(64)}"
build:
  args:
    BASE_IMAGE: "!runtime.base_image"
    ALPHA_VERSION: "!version.current"
    DOWNLOAD: "https://example.com/alpha-!version.current.tar.gz"
  platforms: [linux/amd64, linux/arm64]
publish:
  image: ghcr.io/example/alpha
  tags: ["!version.current"]
  labels:
    org.opencontainers.image.title: "!name"
    org.opencontainers.image.version: "!version.current"
  provenance: max
  sbom: true
  signing:
    method: cosign
    keyless: true
  targets:
    - image: docker.io/example/alpha
tests:
  - name: smoke
    command: ./tests/smoke.sh
`;

const BETA = `name: "Beta"
slug: beta
summary: "The beta image."
maintainers:
  - name: Team
    email: team@example.com
version:
  strategy: manual
  current: "17.6-bookworm"
runtime:
  base_image: "docker.io/library/postgres:17.6-bookworm"
`;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-cli-'));
  fakeBin = path.join(root, '.fake-bin');
  dockerLog = path.join(root, '.fake-bin', 'calls.log');
  const standIn = `#!${process.execPath}
const fs = require('fs');
const argv = [require('path').basename(process.argv[1]), ...process.argv.slice(2)];
fs.appendFileSync(process.env.FAKE_DOCKER_LOG, JSON.stringify(argv) + '\\n');
if (argv[1] === 'info') process.exit(Number(process.env.FAKE_DOCKER_INFO_EXIT || 0));
if (argv[1] === 'version') process.exit(0);
console.log(argv[0] + ' stand-in ran');
process.exit(Number(process.env.FAKE_DOCKER_EXIT || 0));
`;
  await write('.fake-bin/docker', standIn);
  await write('.fake-bin/cosign', standIn);
  await fs.chmod(path.join(fakeBin, 'docker'), 0o755);
  await fs.chmod(path.join(fakeBin, 'cosign'), 0o755);
  await write('containers/alpha/container.yaml', ALPHA);
  await write('containers/alpha/Dockerfile', 'FROM scratch\n');
  await write('containers/beta/container.yaml', BETA);
  await write('containers/beta/Dockerfile', 'FROM scratch\n');
  await write(
    'containers/_template/container.yaml',
    'name: ${{ values.name }}\n',
  );
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('dockyard --help', () => {
  it.each(['', 'validate', 'list', 'show', 'build', 'publish'])(
    'dockyard %s --help',
    async command => {
      const { code, stdout } = await run([command, '--help'].filter(Boolean));
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: dockyard/);
    },
  );

  it('exits 2 on a usage error', async () => {
    const { code, stderr } = await run(['validate', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--bogus'");
  });
});

describe('dockyard validate', () => {
  it('exits 0 when every container is valid; a warning is printed but does not fail', async () => {
    const { code, stdout, stderr } = await run(['validate']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^containers\/beta\/container\.yaml:11:15 runtime\.base_image warning: not pinned by digest/,
      ),
    ]);
    expect(stderr).toContain('2 files valid (1 warning)');
  });

  it('fails on warnings with --strict', async () => {
    const { code, stderr } = await run(['validate', '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('1 of 2 files is not valid: 0 errors, 1 warning');
  });

  it('prints one FILE:LINE:COLUMN FIELD MESSAGE line per problem and exits 1', async () => {
    await fs.copyFile(
      path.join(BROKEN_DIR, 'missing-required.yaml'),
      path.join(root, 'broken.yaml'),
    );
    const { code, stdout } = await run(['validate', 'broken.yaml']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      'broken.yaml:2:1 summary required — one sentence: what the container runs',
      "broken.yaml:5:5 maintainers[0].email required — the maintainer's e-mail address",
      'broken.yaml:6:1 version.current required — the upstream version this image packages',
    ]);
    for (const line of lines) {
      expect(line).toMatch(PROBLEM_LINE);
    }
  });

  it('checks the slug against the folder and prints paths relative to the working directory', async () => {
    await write('containers/gamma/container.yaml', BETA);
    const { code, stdout } = await run(['validate', 'gamma/container.yaml'], {
      cwd: path.join(root, 'containers'),
    });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'gamma/container.yaml:2:7 slug slug "beta" differs from its folder "gamma"',
    );
  });

  it('validates a container folder, a checkout, and the container of the working directory', async () => {
    expect((await run(['validate', 'containers/alpha'])).code).toBe(0);
    expect((await run(['validate', '.'])).code).toBe(0);
    const inFolder = await run(['validate'], {
      cwd: path.join(root, 'containers/alpha'),
    });
    expect(inFolder.code).toBe(0);
    expect(inFolder.stderr).toContain('1 file valid');
    const elsewhere = await run(['validate', '--dir', root], {
      cwd: os.tmpdir(),
    });
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toContain('2 files valid');
  });

  it('exits 1 and says so when a path does not exist', async () => {
    const { code, stderr } = await run([
      'validate',
      'containers/alpha',
      'nope.yaml',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'dockyard validate: nope.yaml: no such file or folder',
    );
  });

  it('reports every broken fixture with exit 1', async () => {
    const { code, stdout } = await run(['validate', BROKEN_DIR]);
    expect(code).toBe(1);
    for (const line of stdout.trim().split('\n')) {
      expect(line).toMatch(PROBLEM_LINE);
    }
  });

  if (existsSync(REFERENCE_DIR)) {
    it("validates the platform's reference files (exit 0)", async () => {
      const { code, stdout } = await run(['validate', REFERENCE_DIR]);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(/ error|required|unknown/);
    });
  } else {
    // CI clones only this repository.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip(`skipped: ${REFERENCE_DIR} does not exist in this checkout`, () => {});
  }
});

describe('dockyard list and show', () => {
  it('lists slug, name, strategy, current and owner', async () => {
    const { code, stdout } = await run(['list']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SLUG\s+NAME\s+STRATEGY\s+CURRENT\s+OWNER$/);
    expect(lines[1]).toMatch(
      /^alpha\s+Alpha Runtime\s+github-release\s+1\.2\.3\s+group:default\/data-platform-team$/,
    );
    expect(lines[2]).toMatch(
      /^beta\s+Beta\s+manual\s+17\.6-bookworm\s+\(maintainer team@example\.com\)$/,
    );
    expect(lines).toHaveLength(3);

    const json = JSON.parse((await run(['list', '--json'])).stdout);
    expect(json.map((c: { slug: string }) => c.slug)).toEqual([
      'alpha',
      'beta',
    ]);
    expect(json[0]).toMatchObject({
      slug: 'alpha',
      name: 'Alpha Runtime',
      strategy: 'github-release',
      current: '1.2.3',
      owner: 'group:default/data-platform-team',
      dir: path.join(root, 'containers', 'alpha'),
      tests: [{ name: 'smoke', command: './tests/smoke.sh' }],
    });
    expect(json[1].tests).toEqual([]);
  });

  it('shows resolved build args and the derived tags', async () => {
    const { code, stdout } = await run([
      'show',
      'alpha',
      '--revision',
      REVISION,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('ALPHA_VERSION=1.2.3');
    expect(stdout).toContain('DOWNLOAD=https://example.com/alpha-1.2.3.tar.gz');
    for (const tag of ['1.2.3', '1', '1.2', 'latest', 'sha-feffe5d0a1b2']) {
      expect(stdout).toContain(`ghcr.io/example/alpha:${tag}\n`);
      expect(stdout).toContain(`docker.io/example/alpha:${tag}\n`);
    }

    const json = JSON.parse(
      (await run(['show', 'alpha', '--json', '--revision', REVISION])).stdout,
    );
    expect(json.tags).toEqual([
      '1.2.3',
      '1',
      '1.2',
      'latest',
      'sha-feffe5d0a1b2',
    ]);
    expect(json.buildArgs.BASE_IMAGE).toBe(
      `docker.io/library/alpine:3.20@sha256:${'a'.repeat(64)}`,
    );
    expect(
      json.container.publish.labels['org.opencontainers.image.title'],
    ).toBe('Alpha Runtime');
  });

  it('names the known containers when the slug is unknown', async () => {
    const { code, stderr } = await run(['show', 'gamma']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'dockyard show: no container "gamma" in containers (there are: alpha, beta)',
    );
  });
});

describe('dockyard build and publish', () => {
  const expectedBuild = [
    'docker buildx build -f containers/alpha/Dockerfile --platform linux/amd64,linux/arm64',
    `--build-arg BASE_IMAGE=docker.io/library/alpine:3.20@sha256:${'a'.repeat(
      64,
    )}`,
    '--build-arg ALPHA_VERSION=1.2.3',
    '--build-arg DOWNLOAD=https://example.com/alpha-1.2.3.tar.gz',
    "--label 'org.opencontainers.image.title=Alpha Runtime'",
    '--label org.opencontainers.image.version=1.2.3',
    '-t ghcr.io/example/alpha:1.2.3 -t ghcr.io/example/alpha:1 -t ghcr.io/example/alpha:1.2',
    '-t ghcr.io/example/alpha:latest -t ghcr.io/example/alpha:sha-feffe5d0a1b2',
    '-t docker.io/example/alpha:1.2.3 -t docker.io/example/alpha:1 -t docker.io/example/alpha:1.2',
    '-t docker.io/example/alpha:latest -t docker.io/example/alpha:sha-feffe5d0a1b2',
    '--provenance=mode=max --sbom=true',
  ].join(' ');

  it('prints the docker buildx command with --dry-run', async () => {
    const { code, stdout } = await run([
      'build',
      'alpha',
      '--dry-run',
      '--revision',
      REVISION,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${expectedBuild} containers/alpha\n`);
    expect(await recorded()).toEqual([]);
  });

  it('prints the push and the cosign signatures for publish --dry-run', async () => {
    const { code, stdout } = await run([
      'publish',
      'alpha',
      '--dry-run',
      '--revision',
      REVISION,
    ]);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      `${expectedBuild} --push containers/alpha`,
      'cosign sign --yes ghcr.io/example/alpha:sha-feffe5d0a1b2',
      'cosign sign --yes docker.io/example/alpha:sha-feffe5d0a1b2',
      '',
    ]);
  });

  it('fails clearly when no Docker engine answers', async () => {
    const { code, stderr } = await run(
      ['build', 'alpha', '--revision', REVISION],
      {
        env: { FAKE_DOCKER_INFO_EXIT: '1' },
      },
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      'dockyard build: no Docker engine answers (docker info failed): exit 1; use --dry-run to print the commands',
    );
    expect(await recorded()).toEqual([['docker', 'info']]);
  });

  it('fails clearly when docker is not installed', async () => {
    const { code, stderr } = await run(
      ['build', 'alpha', '--revision', REVISION],
      {
        env: { PATH: path.dirname(process.execPath) },
      },
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      'no Docker engine answers (docker info failed): docker is not installed or not on PATH',
    );
  });

  it('runs the build when an engine answers', async () => {
    const { code, stdout, stderr } = await run([
      'build',
      'alpha',
      '--revision',
      REVISION,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('docker stand-in ran');
    expect(stderr).toContain(`+ ${expectedBuild} containers/alpha`);
    const calls = await recorded();
    expect(calls[0]).toEqual(['docker', 'info']);
    expect(shellJoin(calls[1])).toBe(`${expectedBuild} containers/alpha`);
    expect(calls).toHaveLength(2);
  });

  it('publishes, then signs, and stops at the first failing command', async () => {
    const ok = await run(['publish', 'alpha', '--revision', REVISION]);
    expect(ok.code).toBe(0);
    expect((await recorded()).map(c => c.slice(0, 3).join(' '))).toEqual([
      'docker info',
      'cosign version',
      'docker buildx build',
      'cosign sign --yes',
      'cosign sign --yes',
    ]);

    await fs.rm(dockerLog);
    const failing = await run(['publish', 'alpha', '--revision', REVISION], {
      env: { FAKE_DOCKER_EXIT: '3' },
    });
    expect(failing.code).toBe(3);
    expect(failing.stderr).toContain('docker exited with 3; stopping');
    expect((await recorded()).map(c => c[1])).toEqual([
      'info',
      'version',
      'buildx',
    ]);
  });

  it('takes the revision from git rev-parse HEAD of the container folder', async () => {
    const git = (...args: string[]) =>
      spawnSync('git', args, {
        cwd: root,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', 'containers');
    git('commit', '-q', '-m', 'containers');
    const head = git('rev-parse', 'HEAD').stdout.trim();
    const { stdout } = await run(['build', 'alpha', '--dry-run']);
    expect(stdout).toContain(
      `-t ghcr.io/example/alpha:sha-${head.slice(0, 12)}`,
    );

    await fs.rm(path.join(root, '.git'), { recursive: true, force: true });
    const without = await run(['build', 'alpha', '--dry-run']);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('sha-');
    expect(without.stderr).toContain(
      'the sha- tag is left out — pass --revision <commit>',
    );
  });

  it('refuses an invalid container and an invalid revision', async () => {
    await write(
      'containers/beta/container.yaml',
      BETA.replace('strategy: manual', 'strategy: nope'),
    );
    const invalid = await run(['build', 'beta', '--dry-run']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(
      'containers/beta/container.yaml:8:13 version.strategy unknown strategy "nope"',
    );
    const revision = await run([
      'build',
      'alpha',
      '--dry-run',
      '--revision',
      'main',
    ]);
    expect(revision.code).toBe(1);
    expect(revision.stderr).toContain(
      '--revision: revision must be a git commit id',
    );
  });
});

describe('dockyard build: the build context and Dockerfile stay inside the container folder', () => {
  const withBuild = (lines: string) =>
    ALPHA.replace('build:\n', `build:\n${lines}`);

  it.each([
    [
      '  context: ../..\n',
      '17:12 build.context "../.." climbs out of the folder with \'..\'',
    ],
    ['  context: /\n', '17:12 build.context "/" is an absolute path'],
    [
      '  dockerfile: ../../../etc/Dockerfile\n',
      '17:15 build.dockerfile "../../../etc/Dockerfile" climbs out of the folder with \'..\'',
    ],
    [
      '  dockerfile: /etc/passwd\n',
      '17:15 build.dockerfile "/etc/passwd" is an absolute path',
    ],
  ])(
    'refuses %j at its line, printing and running nothing',
    async (lines, problem) => {
      await write('containers/alpha/container.yaml', withBuild(lines));
      for (const args of [
        ['build', 'alpha', '--dry-run', '--revision', REVISION],
        ['build', 'alpha', '--revision', REVISION],
        ['publish', 'alpha', '--revision', REVISION],
      ]) {
        const { code, stdout, stderr } = await run(args);
        expect(code).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toContain(`containers/alpha/container.yaml:${problem}`);
        expect(stderr).toContain('is not valid; fix the problems above first');
      }
      expect(await recorded()).toEqual([]);
    },
  );

  it('refuses a context or Dockerfile that leads outside through a symbolic link', async () => {
    await fs.symlink(root, path.join(root, 'containers/alpha/up'));
    await write(
      'containers/alpha/container.yaml',
      withBuild('  context: up\n'),
    );
    const realRoot = await fs.realpath(root);
    for (const args of [
      ['build', 'alpha', '--dry-run', '--revision', REVISION],
      ['publish', 'alpha', '--revision', REVISION],
    ]) {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(
        `containers/alpha/container.yaml:17:12 build.context "up" leads to ${realRoot} through a symbolic link: it must stay inside the container folder`,
      );
      expect(stderr).toContain(
        `dockyard ${args[0]}: containers/alpha/container.yaml: the build would read outside the container folder; nothing was built`,
      );
    }

    await write('containers/alpha/container.yaml', ALPHA);
    await fs.rm(path.join(root, 'containers/alpha/Dockerfile'));
    await write('elsewhere/Dockerfile', 'FROM scratch\n');
    await fs.symlink(
      path.join(root, 'elsewhere/Dockerfile'),
      path.join(root, 'containers/alpha/Dockerfile'),
    );
    const dockerfile = await run(['build', 'alpha', '--revision', REVISION]);
    expect(dockerfile.code).toBe(1);
    expect(dockerfile.stderr).toContain(
      `containers/alpha/container.yaml:16:1 build.dockerfile "Dockerfile" leads to ${path.join(
        realRoot,
        'elsewhere/Dockerfile',
      )} through a symbolic link`,
    );
    expect(await recorded()).toEqual([]);
  });

  it('builds from a subfolder named like an option, passing it to docker as a path', async () => {
    await write(
      'containers/alpha/--output=type=local,dest=out/Dockerfile',
      'FROM scratch\n',
    );
    await write(
      'containers/alpha/container.yaml',
      withBuild(
        '  context: "--output=type=local,dest=out"\n  dockerfile: "--output=type=local,dest=out/Dockerfile"\n',
      ),
    );
    const { code, stdout } = await run(
      ['build', 'alpha', '--dry-run', '--revision', REVISION],
      { cwd: path.join(root, 'containers/alpha') },
    );
    expect(code).toBe(0);
    const argv = stdout.trim();
    expect(argv).toContain(
      'docker buildx build -f ./--output=type=local,dest=out/Dockerfile ',
    );
    expect(argv.endsWith(' ./--output=type=local,dest=out')).toBe(true);
  });
});
