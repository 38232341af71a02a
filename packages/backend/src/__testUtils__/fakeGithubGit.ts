import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

/** A tree entry: a file's mode and blob. */
interface TreeEntry {
  mode: string;
  sha: string;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
  author?: { name?: string; email?: string };
}

/** A pull request as the fake keeps it. */
export interface FakePullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open';
}

function sha(kind: string, value: unknown): string {
  return createHash('sha1')
    .update(kind)
    .update(JSON.stringify(value))
    .digest('hex');
}

/**
 * GitHub's REST and GraphQL API on 127.0.0.1, as far as `publish:github:pull-request`
 * (octokit-plugin-create-pull-request) uses it, over an in-memory git object store: the
 * repository, its latest commit, blobs, trees, commits, refs, the GraphQL query for a branch's open
 * pull request, and pull requests (created and updated). It records every request and keeps what
 * was pushed, so a test can read the branch, its commits and their diff.
 */
export class FakeGithubGit {
  readonly requests: string[] = [];
  readonly pulls: FakePullRequest[] = [];
  private readonly blobs = new Map<string, Buffer>();
  private readonly trees = new Map<string, Map<string, TreeEntry>>();
  private readonly commits = new Map<string, Commit>();
  private readonly refs = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** A repository whose `main` holds the files of `dir` (without `.git`), as one commit. */
  static async start(options: {
    dir: string;
    owner?: string;
    repo?: string;
  }): Promise<FakeGithubGit> {
    const server = createServer();
    const fake = new FakeGithubGit(
      server,
      options.owner ?? 'example',
      options.repo ?? 'data-platform',
    );
    await fake.seed(options.dir);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The `integrations.github` entry that points Backstage at this server. */
  get integration() {
    return {
      host: this.host,
      apiBaseUrl: `http://${this.host}/api/v3`,
      token: 'fake-token',
    };
  }

  /** The repository as the scaffolder names it: `host?owner=…&repo=…`. */
  get repoUrl(): string {
    return `${this.host}?owner=${this.owner}&repo=${this.repo}`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server.close(resolve));
  }

  /** The commit a branch points at. */
  branch(name: string): string | undefined {
    return this.refs.get(`heads/${name}`);
  }

  commit(commitSha: string): Commit {
    const commit = this.commits.get(commitSha);
    if (!commit) throw new Error(`no commit ${commitSha}`);
    return commit;
  }

  /** The text of every file of a commit. */
  files(commitSha: string): Map<string, string> {
    const tree = this.trees.get(this.commit(commitSha).tree)!;
    return new Map(
      [...tree].map(([file, entry]) => [
        file,
        this.blobs.get(entry.sha)!.toString('utf8'),
      ]),
    );
  }

  /** The files a commit changed from its first parent, before and after. */
  diff(commitSha: string): Map<string, { before?: string; after?: string }> {
    const after = this.files(commitSha);
    const parent = this.commit(commitSha).parents[0];
    const before = parent ? this.files(parent) : new Map<string, string>();
    const changes = new Map<string, { before?: string; after?: string }>();
    for (const file of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(file) !== after.get(file)) {
        changes.set(file, { before: before.get(file), after: after.get(file) });
      }
    }
    return changes;
  }

  private putBlob(content: Buffer): string {
    const id = sha('blob', content.toString('base64'));
    this.blobs.set(id, content);
    return id;
  }

  private putTree(entries: Map<string, TreeEntry>): string {
    const id = sha('tree', [...entries].sort());
    this.trees.set(id, entries);
    return id;
  }

  private putCommit(commit: Commit): string {
    const id = sha('commit', [commit, this.commits.size]);
    this.commits.set(id, commit);
    return id;
  }

  private async seed(dir: string) {
    const entries = new Map<string, TreeEntry>();
    const walk = async (sub: string) => {
      for (const entry of await fs.readdir(path.join(dir, sub), {
        withFileTypes: true,
      })) {
        if (entry.name === '.git') continue;
        const rel = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(rel);
        else if (entry.isFile()) {
          const content = await fs.readFile(path.join(dir, rel));
          entries.set(rel, { mode: '100644', sha: this.putBlob(content) });
        }
      }
    };
    await walk('');
    const commit = this.putCommit({
      tree: this.putTree(entries),
      parents: [],
      message: 'seed',
    });
    this.refs.set('heads/main', commit);
  }

  // Long on purpose (a test double): a route table, one case per GitHub endpoint a pull request needs.
  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    this.requests.push(`${req.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length
      ? JSON.parse(Buffer.concat(chunks).toString('utf8'))
      : {};
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== 'token fake-token') {
      return send(401, { message: 'Bad credentials' });
    }

    if (req.method === 'POST' && url.pathname === '/api/graphql') {
      const { owner, repo, head } = body.variables ?? {};
      if (owner !== this.owner || repo !== this.repo) {
        return send(200, { data: { repository: null } });
      }
      const exists = this.refs.has(`heads/${head}`);
      const open = this.pulls.filter(p => p.head === head);
      return send(200, {
        data: {
          repository: {
            ref: exists
              ? {
                  associatedPullRequests: {
                    edges: open.map(p => ({
                      node: {
                        id: `PR_${p.number}`,
                        number: p.number,
                        url: this.pullUrl(p.number),
                      },
                    })),
                  },
                }
              : null,
          },
        },
      });
    }

    const prefix = `/api/v3/repos/${this.owner}/${this.repo}`;
    if (!url.pathname.startsWith(prefix)) {
      return send(404, { message: 'Not Found' });
    }
    const route = `${req.method} ${url.pathname.slice(prefix.length) || '/'}`;

    if (route === 'GET /') {
      return send(200, {
        name: this.repo,
        full_name: `${this.owner}/${this.repo}`,
        default_branch: 'main',
        permissions: { admin: false, push: true, pull: true },
      });
    }
    if (route === 'GET /commits') {
      const ref = this.refs.get(`heads/${url.searchParams.get('sha')}`);
      if (!ref) return send(404, { message: 'No commit found' });
      return send(200, [
        { sha: ref, commit: { tree: { sha: this.commit(ref).tree } } },
      ]);
    }
    if (route === 'POST /git/blobs') {
      const content = Buffer.from(
        body.content,
        body.encoding === 'base64' ? 'base64' : 'utf8',
      );
      return send(201, { sha: this.putBlob(content) });
    }
    if (route === 'POST /git/trees') {
      const base = this.trees.get(body.base_tree);
      if (!base) return send(422, { message: 'base_tree not found' });
      const entries = new Map(base);
      for (const item of body.tree as Array<{
        path: string;
        mode: string;
        sha?: string | null;
        content?: string;
      }>) {
        if (item.sha === null) entries.delete(item.path);
        else {
          const blob =
            item.content !== undefined
              ? this.putBlob(Buffer.from(item.content, 'utf8'))
              : item.sha!;
          entries.set(item.path, { mode: item.mode, sha: blob });
        }
      }
      return send(201, { sha: this.putTree(entries) });
    }
    if (route === 'POST /git/commits') {
      const commit = this.putCommit({
        tree: body.tree,
        parents: body.parents,
        message: body.message,
        author: body.author,
      });
      return send(201, { sha: commit });
    }
    if (route === 'POST /git/refs') {
      const name = String(body.ref).replace(/^refs\//, '');
      if (this.refs.has(name)) {
        return send(422, { message: 'Reference already exists' });
      }
      this.refs.set(name, body.sha);
      return send(201, { ref: `refs/${name}`, object: { sha: body.sha } });
    }
    const patchRef = /^PATCH \/git\/refs\/(.+)$/.exec(route);
    if (patchRef) {
      const name = decodeURIComponent(patchRef[1]);
      if (!this.refs.has(name)) return send(422, { message: 'No such ref' });
      this.refs.set(name, body.sha);
      return send(200, { ref: `refs/${name}`, object: { sha: body.sha } });
    }
    if (route === 'POST /pulls') {
      const head = String(body.head).replace(`${this.owner}:`, '');
      if (this.pulls.some(p => p.head === head)) {
        return send(422, { message: 'A pull request already exists' });
      }
      const pull: FakePullRequest = {
        number: this.pulls.length + 1,
        head,
        base: body.base,
        title: body.title,
        body: body.body,
        state: 'open',
      };
      this.pulls.push(pull);
      return send(201, this.pullJson(pull));
    }
    const patchPull = /^PATCH \/pulls\/(\d+)$/.exec(route);
    if (patchPull) {
      const pull = this.pulls.find(p => p.number === Number(patchPull[1]));
      if (!pull) return send(404, { message: 'Not Found' });
      pull.title = body.title ?? pull.title;
      pull.body = body.body ?? pull.body;
      return send(200, this.pullJson(pull));
    }
    return send(404, { message: `Not Found: ${route}` });
  }

  private pullUrl(number: number) {
    return `http://${this.host}/${this.owner}/${this.repo}/pull/${number}`;
  }

  private pullJson(pull: FakePullRequest) {
    return {
      number: pull.number,
      html_url: this.pullUrl(pull.number),
      base: { ref: pull.base },
      head: { ref: pull.head },
      title: pull.title,
      body: pull.body,
      state: pull.state,
    };
  }
}
