import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startTestServer } from '@dockyard/test-utils';

/*
 * scripts/upstream-update.sh end to end, as the daily workflow runs it: a copy of the platform
 * (trino and nessie from containers/) in a git repository whose `origin` is a bare repository,
 * each run on a fresh shallow clone as actions/checkout makes one, and GitHub on 127.0.0.1:
 * trino's releases feed (so trino is behind) and the pulls API, which records every request.
 */

const SCRIPT = path.join(REPO_ROOT, 'scripts/upstream-update.sh');
const BIN = path.resolve(__dirname, '../bin/dockyard');
const TOKEN = 'ghs_test0123456789token';
const REPOSITORY = 'acme/platform';
const BRANCH = 'dockyard/upstream-updates';
const TITLE = 'Upstream version updates';

jest.setTimeout(180_000);

interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body?: any;
}

interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

/** GitHub on 127.0.0.1: trino's and nessie's releases, and the pulls API of acme/platform. */
async function startGitHub() {
  const state = {
    trinoReleases: ['479', '478', '476'],
    pulls: [] as PullRequest[],
    /** Requests to acme/platform, in order. */
    requests: [] as ApiRequest[],
    /** An answer the next POST /pulls gets instead of a pull request. */
    refusePost: undefined as undefined | { status: number; message: string },
    /** The digest nessie's base image tag names now, when it was rebuilt upstream. */
    nessieBaseDigest: undefined as undefined | string,
  };
  const server = await startTestServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /api/repos/trinodb/trino/releases') {
        return json(
          state.trinoReleases.map(tag => ({
            tag_name: tag,
            html_url: `https://github.com/trinodb/trino/releases/tag/${tag}`,
          })),
        );
      }
      if (route === 'GET /api/repos/projectnessie/nessie/releases') {
        return json([{ tag_name: 'nessie-0.105.1' }]);
      }
      // The registry (docker.io's baseUrl): nessie's base image, when rebuilt.
      if (state.nessieBaseDigest) {
        if (route === 'GET /v2/library/eclipse-temurin/tags/list') {
          return json({ tags: ['21-jre-noble'] });
        }
        if (
          url.pathname === '/v2/library/eclipse-temurin/manifests/21-jre-noble'
        ) {
          res.writeHead(200, {
            'docker-content-digest': state.nessieBaseDigest,
          });
          return res.end();
        }
      }
      const prefix = `/api/repos/${REPOSITORY}/`;
      if (!url.pathname.startsWith(prefix)) {
        return json({ message: 'Not Found' }, 404);
      }
      const body = raw ? JSON.parse(raw) : undefined;
      state.requests.push({
        method: req.method!,
        path: url.pathname.slice(prefix.length - 1),
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        ...(body ? { body } : {}),
      });
      const htmlUrl = (n: number) =>
        `https://github.com/${REPOSITORY}/pull/${n}`;
      const number = Number(
        /^\/pulls\/(\d+)$/.exec(url.pathname.slice(prefix.length - 1))?.[1],
      );
      if (route === `GET ${prefix}pulls`) {
        return json(
          state.pulls
            .filter(
              p =>
                `acme:${p.head}` === url.searchParams.get('head') &&
                p.state === url.searchParams.get('state'),
            )
            .map(p => ({ number: p.number, html_url: htmlUrl(p.number) })),
        );
      }
      if (route === `POST ${prefix}pulls`) {
        if (state.refusePost) {
          const { status, message } = state.refusePost;
          state.refusePost = undefined;
          return json({ message }, status);
        }
        const pull: PullRequest = {
          ...body,
          number: state.pulls.length + 1,
          state: 'open',
        };
        state.pulls.push(pull);
        return json(
          { number: pull.number, html_url: htmlUrl(pull.number) },
          201,
        );
      }
      if (req.method === 'PATCH' && state.pulls[number - 1]) {
        Object.assign(state.pulls[number - 1], body);
        return json({ number, html_url: htmlUrl(number) });
      }
      if (route === `POST ${prefix}issues/1/labels`) {
        return json(body.labels.map((name: string) => ({ name })));
      }
      return json({ message: 'Not Found' }, 404);
    });
  });
  return { host: server.host, state, close: server.close };
}

let outer: string;
let origin: string;
let configFile: string;
let emptyGitConfig: string;
let github: Awaited<ReturnType<typeof startGitHub>>;
let runs = 0;

/** git with no user or system config: the script must bring its own identity, as in CI. */
function git(args: string[], cwd = outer): string {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...cleanEnv(),
      GIT_CONFIG_GLOBAL: emptyGitConfig,
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
  return result.stdout.trim();
}

/** The environment without what CI or a developer's shell might add. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(GITHUB_|RUNNER_|DOCKYARD_|DRY_RUN$|GIT_)/.test(key),
    ),
  );
}

const originRef = (ref: string) =>
  git(['--git-dir', origin, 'rev-parse', '--verify', '--quiet', ref]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  checkout: string;
  work: string;
  summary: string;
}

/** One scheduled run: a fresh shallow clone of main, then the script, as the workflow does. */
async function runJob(
  env: NodeJS.ProcessEnv = {},
  prepare?: (checkout: string) => Promise<void>,
): Promise<Run> {
  runs += 1;
  const checkout = path.join(outer, `run-${runs}`);
  const work = path.join(outer, `work-${runs}`);
  const summary = path.join(outer, `summary-${runs}.md`);
  git([
    'clone',
    '--quiet',
    '--depth=1',
    '--branch=main',
    `file://${origin}`,
    checkout,
  ]);
  await prepare?.(checkout);
  const result = await new Promise<Omit<Run, 'checkout' | 'work' | 'summary'>>(
    resolve => {
      const child = spawn('bash', [SCRIPT], {
        cwd: checkout,
        env: {
          ...cleanEnv(),
          GIT_CONFIG_GLOBAL: emptyGitConfig,
          GIT_CONFIG_NOSYSTEM: '1',
          GITHUB_REPOSITORY: REPOSITORY,
          GITHUB_TOKEN: TOKEN,
          GITHUB_API_URL: `http://${github.host}/api`,
          GITHUB_STEP_SUMMARY: summary,
          DOCKYARD_SKIP_BOOTSTRAP: '1',
          DOCKYARD_CONFIG: configFile,
          DOCKYARD_PLATFORM_DIR: checkout,
          DOCKYARD_WORK_DIR: work,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => (stdout += chunk));
      child.stderr.on('data', chunk => (stderr += chunk));
      child.on('close', code => resolve({ code, stdout, stderr }));
    },
  );
  const written = await fs.readFile(summary, 'utf8').catch(() => '');
  return { ...result, checkout, work, summary: written };
}

/** The changed lines of one file between main and the job's branch, in origin. */
function changedLines(file: string): string[] {
  return git(['--git-dir', origin, 'diff', '-U0', 'main', BRANCH, '--', file])
    .split('\n')
    .filter(line => /^[-+](?![-+]{2} )/.test(line));
}

beforeAll(async () => {
  github = await startGitHub();
  outer = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-upstream-update-'));
  emptyGitConfig = path.join(outer, 'gitconfig');
  await fs.writeFile(emptyGitConfig, '');
  configFile = path.join(outer, 'upstreams.yaml');
  await fs.writeFile(
    configFile,
    `integrations:
  github:
    - host: github.com
      apiBaseUrl: http://${github.host}/api
containers:
  drift:
    allowedHosts: ['${github.host}']
    retries: 0
    registries:
      docker.io:
        baseUrl: http://${github.host}
`,
  );

  // The platform: two containers and the README with its generated table, pushed to origin.
  const seed = path.join(outer, 'seed');
  for (const slug of ['trino', 'nessie']) {
    await fs.cp(
      path.join(REPO_ROOT, 'containers', slug),
      path.join(seed, 'containers', slug),
      { recursive: true },
    );
  }
  await fs.writeFile(
    path.join(seed, 'README.md'),
    '# Platform\n\n<!-- dockyard:containers:begin -->\n<!-- dockyard:containers:end -->\n',
  );
  const readme = spawnSync(process.execPath, [BIN, 'readme', '--dir', seed], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (readme.status !== 0) throw new Error(readme.stderr);
  origin = path.join(outer, 'origin.git');
  git(['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  git(['init', '--quiet', '--initial-branch=main', seed]);
  git(['add', '.'], seed);
  git(
    [
      '-c',
      'user.name=Platform Team',
      '-c',
      'user.email=team@example.com',
      'commit',
      '--quiet',
      '-m',
      'The platform',
    ],
    seed,
  );
  git(['push', '--quiet', `file://${origin}`, 'main'], seed);
});

afterAll(async () => {
  await github?.close();
  if (outer) await fs.rm(outer, { recursive: true, force: true });
});

describe('scripts/upstream-update.sh', () => {
  let main: string;
  let firstHead: string;
  let secondHead: string;

  it('pushes one commit with the bump to its branch and opens the pull request', async () => {
    main = originRef('main');
    const run = await runJob();
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('drift: 2 containers, 1 behind, 1 up to date');
    expect(run.stdout).toContain('  trino: 476 -> 479\n');

    firstHead = originRef(`refs/heads/${BRANCH}`);
    expect(git(['--git-dir', origin, 'rev-list', `main..${BRANCH}`])).toBe(
      firstHead,
    );
    expect(git(['--git-dir', origin, 'rev-parse', `${BRANCH}^`])).toBe(main);
    expect(originRef('main')).toBe(main);
    expect(
      git(['--git-dir', origin, 'diff', '--name-only', 'main', BRANCH]).split(
        '\n',
      ),
    ).toEqual([
      'README.md',
      'containers/trino/Dockerfile',
      'containers/trino/container.yaml',
    ]);
    expect(changedLines('containers/trino/container.yaml')).toEqual([
      '-  current: "476"',
      '+  current: "479"',
    ]);
    expect(
      git(['--git-dir', origin, 'log', '-1', '--format=%an <%ae>%n%B', BRANCH]),
    ).toBe(
      `github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>\n${TITLE}\n\n- trino: 476 -> 479`,
    );

    const body = await fs.readFile(path.join(run.work, 'pr-body.md'), 'utf8');
    expect(body).toContain('479');
    expect(github.state.requests).toEqual([
      {
        method: 'GET',
        path: '/pulls',
        query: { head: `acme:${BRANCH}`, state: 'open', per_page: '10' },
        authorization: `Bearer ${TOKEN}`,
      },
      {
        method: 'POST',
        path: '/pulls',
        query: {},
        authorization: `Bearer ${TOKEN}`,
        body: { title: TITLE, head: BRANCH, base: 'main', body },
      },
      {
        method: 'POST',
        path: '/issues/1/labels',
        query: {},
        authorization: `Bearer ${TOKEN}`,
        body: { labels: ['upstream-update'] },
      },
    ]);
    expect(run.stdout).toContain(
      `pull request #1 opened: https://github.com/${REPOSITORY}/pull/1`,
    );
    expect(run.summary).toContain('```text\ndrift: 2 containers, 1 behind');
    expect(run.summary).toContain('Pull request #1 opened');
  });

  it('on the next release, rewrites the same branch and updates the same pull request', async () => {
    github.state.requests.length = 0;
    github.state.trinoReleases.unshift('480');
    const run = await runJob();
    expect(run).toMatchObject({ code: 0, stderr: '' });

    secondHead = originRef(`refs/heads/${BRANCH}`);
    expect(secondHead).not.toBe(firstHead);
    expect(git(['--git-dir', origin, 'rev-list', `main..${BRANCH}`])).toBe(
      secondHead,
    );
    expect(changedLines('containers/trino/container.yaml')).toEqual([
      '-  current: "476"',
      '+  current: "480"',
    ]);
    const body = await fs.readFile(path.join(run.work, 'pr-body.md'), 'utf8');
    expect(body).toContain('480');
    expect(github.state.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /pulls',
      'PATCH /pulls/1',
    ]);
    expect(github.state.requests[1].body).toEqual({
      title: TITLE,
      base: 'main',
      body,
    });
    expect(github.state.pulls).toHaveLength(1);
    expect(run.stdout).toContain('pull request #1 updated');
  });

  it('leaves the branch alone when it already holds the same change', async () => {
    github.state.requests.length = 0;
    const run = await runJob();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('already holds these changes: not pushed');
    expect(originRef(`refs/heads/${BRANCH}`)).toBe(secondHead);
    expect(github.state.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /pulls',
      'PATCH /pulls/1',
    ]);
  });

  it('with nothing behind, commits, pushes and opens nothing', async () => {
    // The pull request is merged: main now holds 480.
    git(['--git-dir', origin, 'update-ref', 'refs/heads/main', secondHead]);
    github.state.pulls[0].state = 'closed';
    github.state.requests.length = 0;
    const run = await runJob();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('drift: 2 containers, 0 behind, 2 up to date');
    expect(run.stdout).toContain(
      'nothing is behind: no commit, no pull request',
    );
    expect(github.state.requests).toEqual([]);
    expect(originRef('main')).toBe(secondHead);
    expect(originRef(`refs/heads/${BRANCH}`)).toBe(secondHead);
    expect(run.summary).toContain('Nothing is behind');
  });

  it('DRY_RUN prints the diff and the body, and writes, pushes and opens nothing', async () => {
    github.state.trinoReleases.unshift('481');
    const refs = git(['--git-dir', origin, 'show-ref']);
    const run = await runJob({
      DRY_RUN: '1',
      GITHUB_TOKEN: '',
      GITHUB_REPOSITORY: '',
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('-  current: "480"\n+  current: "481"\n');
    expect(run.stdout).toContain(
      `the pull request "${TITLE}" from ${BRANCH} into main would say:`,
    );
    expect(run.stdout).toContain(
      'nothing was written, committed, pushed or opened',
    );
    expect(git(['status', '--porcelain'], run.checkout)).toBe('');
    expect(git(['--git-dir', origin, 'show-ref'])).toBe(refs);
    expect(github.state.requests).toEqual([]);
  });

  it('re-pins a base image rebuilt upstream (DRY_RUN)', async () => {
    const rebuilt = `sha256:${'e'.repeat(64)}`;
    github.state.nessieBaseDigest = rebuilt;
    try {
      const run = await runJob({
        DRY_RUN: '1',
        GITHUB_TOKEN: '',
        GITHUB_REPOSITORY: '',
      });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(
        '  nessie: base image 21-jre-noble rebuilt upstream (new digest)\n',
      );
      expect(run.stdout).toContain(
        '  nessie: base image re-pinned (rebuilt upstream) (would be bumped)\n',
      );
      expect(run.stdout).toMatch(
        new RegExp(
          `\\+  base_image: "docker.io/library/eclipse-temurin:21-jre-noble@${rebuilt}"\n`,
        ),
      );
      expect(run.stdout).toContain(
        `+ARG BASE_IMAGE=docker.io/library/eclipse-temurin:21-jre-noble@${rebuilt}`,
      );
      expect(run.stdout).toContain(
        '  - Base image rebuilt upstream: `docker.io/library/eclipse-temurin:21-jre-noble` digest',
      );
    } finally {
      github.state.nessieBaseDigest = undefined;
    }
  });

  it('says so and fails when GitHub refuses the pull request, after pushing the branch', async () => {
    github.state.refusePost = {
      status: 403,
      message: 'Resource not accessible by integration',
    };
    const run = await runJob();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `GitHub API POST /repos/${REPOSITORY}/pulls answered 403: Resource not accessible by integration`,
    );
    expect(changedLines('containers/trino/container.yaml')).toEqual([
      '-  current: "480"',
      '+  current: "481"',
    ]);
    expect(github.state.pulls).toHaveLength(1);
  });

  it.each([
    [{ GITHUB_REPOSITORY: '' }, /GITHUB_REPOSITORY: "" is not owner\/name/],
    [{ GITHUB_TOKEN: '' }, /GITHUB_TOKEN is not set/],
    [
      { DOCKYARD_PR_BRANCH: 'main' },
      /DOCKYARD_PR_BRANCH is the base branch "main"/,
    ],
    [
      { DOCKYARD_PR_BRANCH: 'a b' },
      /DOCKYARD_PR_BRANCH: "a b" is not a branch name/,
    ],
    [
      { DOCKYARD_PR_BRANCH: '--force' },
      /DOCKYARD_PR_BRANCH: "--force" is not a branch name/,
    ],
    [
      { DOCKYARD_GIT_REMOTE: '--upload-pack=touch' },
      /DOCKYARD_GIT_REMOTE: the checkout has no remote "--upload-pack=touch"/,
    ],
    [
      { DOCKYARD_CONFIG: '/nonexistent/upstreams.yaml' },
      /DOCKYARD_CONFIG: no file \/nonexistent\/upstreams.yaml/,
    ],
  ])('refuses %j before running anything', async (env, message) => {
    github.state.requests.length = 0;
    const refs = git(['--git-dir', origin, 'show-ref']);
    const run = await runJob(env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(git(['--git-dir', origin, 'show-ref'])).toBe(refs);
    expect(github.state.requests).toEqual([]);
  });

  it('refuses a checkout with edits of its own under containers/', async () => {
    const refs = git(['--git-dir', origin, 'show-ref']);
    const run = await runJob({}, checkout =>
      fs.appendFile(
        path.join(checkout, 'containers/trino/Dockerfile'),
        '# local\n',
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'has uncommitted changes under containers/ or in README.md',
    );
    expect(git(['--git-dir', origin, 'show-ref'])).toBe(refs);
  });
});

describe('.github/workflows/upstream-check.yml', () => {
  it('stays thin: a checkout, then the script, daily and on demand', async () => {
    const workflow = await fs.readFile(
      path.join(REPO_ROOT, '.github/workflows/upstream-check.yml'),
      'utf8',
    );
    expect(workflow).toMatch(/^ {4}- cron: '[^']+'$/m);
    expect(workflow).toMatch(/^ {2}workflow_dispatch:$/m);
    expect(workflow).toMatch(/^ {2}contents: write\b/m);
    expect(workflow).toMatch(/^ {2}pull-requests: write\b/m);
    expect(
      workflow.match(/^\s*(?:- )?uses: .*$/gm)?.map(l => l.trim()),
    ).toEqual(['- uses: actions/checkout@v4']);
    expect(workflow.match(/^\s*run: .*$/gm)?.map(l => l.trim())).toEqual([
      'run: scripts/upstream-update.sh',
    ]);
  });
});
