import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@dockyard/test-utils';

const BIN = path.resolve(__dirname, '../../bin/dockyard');

jest.setTimeout(60_000);

let root: string;

function run(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, INIT_CWD: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

const readme = () => fs.readFile(path.join(root, 'README.md'), 'utf8');

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-readme-'));
  for (const slug of ['trino', 'spark', '_template']) {
    await fs.cp(
      path.join(REPO_ROOT, 'containers', slug),
      path.join(root, 'containers', slug),
      {
        recursive: true,
      },
    );
  }
  await fs.writeFile(path.join(root, 'README.md'), '# Platform\n\nIntro.\n');
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('dockyard readme', () => {
  it('writes the table of every valid container, sorted, and then has nothing to do', async () => {
    const first = await run(['readme']);
    expect(first.stdout).toBe(
      'README.md: container table updated (2 containers)\n',
    );
    expect(first.code).toBe(0);
    const text = await readme();
    expect(
      text.startsWith(
        '# Platform\n\nIntro.\n\n## Containers\n\n<!-- dockyard:containers:begin -->\n',
      ),
    ).toBe(true);
    const rows = text.split('\n').filter(line => line.startsWith('| ['));
    expect(rows).toEqual([
      expect.stringMatching(
        /^\| \[Apache Spark Runtime\]\(containers\/spark\/\) \| .* \| 4\.0\.1 \| http-directory \|$/,
      ),
      expect.stringMatching(
        /^\| \[Trino\]\(containers\/trino\/\) \| .* \| 476 \| github-release \|$/,
      ),
    ]);

    const second = await run(['readme']);
    expect(second.stdout).toBe('README.md lists all 2 containers\n');
    expect(await readme()).toBe(text);
  });

  it('drops containers that are gone and skips invalid ones, saying why', async () => {
    await run(['readme']);
    await fs.rm(path.join(root, 'containers/spark'), { recursive: true });
    await fs.appendFile(
      path.join(root, 'containers/trino/container.yaml'),
      'bogus: true\n',
    );
    const result = await run(['readme']);
    expect(result.stderr).toMatch(
      /^skipped containers\/trino\/container.yaml: .*bogus/m,
    );
    expect(
      (await readme()).split('\n').filter(line => line.startsWith('| [')),
    ).toEqual([]);
  });

  it('checks without writing, for CI', async () => {
    const stale = await run(['readme', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      'README.md: the container table is out of date; run yarn dockyard readme\n',
    );
    expect(await readme()).toBe('# Platform\n\nIntro.\n');
    await run(['readme']);
    expect((await run(['readme', '--check'])).code).toBe(0);
  });

  it('refuses a README whose managed block is broken', async () => {
    await fs.writeFile(
      path.join(root, 'README.md'),
      '<!-- dockyard:containers:end -->\n<!-- dockyard:containers:begin -->\n',
    );
    const result = await run(['readme']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'dockyard readme: README.md: the README must have exactly one',
    );
  });
});
