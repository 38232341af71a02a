import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import * as tar from 'tar';

/**
 * A GitHub Enterprise stand-in on 127.0.0.1, serving one repository from a local folder with the
 * three API calls Backstage's GitHub urlReader makes: the commit status of a ref (for the tree's
 * commit and archive URL), the tarball of a commit, and raw file contents. The commit id is a
 * hash of the folder's contents, so an unchanged folder answers "not modified".
 */
export class FakeGithub {
  /** Requests received, as `METHOD path`, to assert what was (not) downloaded. */
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly repoDir: string,
    readonly owner: string,
    readonly repo: string,
  ) {}

  static async start(options: {
    repoDir: string;
    owner?: string;
    repo?: string;
  }): Promise<FakeGithub> {
    const { repoDir, owner = 'example', repo = 'data-platform' } = options;
    const server = createServer();
    const fake = new FakeGithub(server, repoDir, owner, repo);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(String(error));
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
    return { host: this.host, apiBaseUrl: `http://${this.host}/api/v3` };
  }

  /** A browser URL of a folder or file of the repository on branch main. */
  treeUrl(path: string): string {
    return `http://${this.host}/${this.owner}/${this.repo}/tree/main/${path}`;
  }

  blobUrl(path: string): string {
    return `http://${this.host}/${this.owner}/${this.repo}/blob/main/${path}`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    this.requests.push(`${req.method} ${url.pathname}`);
    const api = `/api/v3/repos/${this.owner}/${this.repo}`;

    if (url.pathname === `${api}/commits/main/status`) {
      return sendJson(res, {
        sha: await this.commitSha(),
        repository: {
          full_name: `${this.owner}/${this.repo}`,
          archive_url: `http://${this.host}${api}/{archive_format}{/ref}`,
          trees_url: `http://${this.host}${api}/git/trees{/sha}`,
        },
      });
    }
    const tarball = url.pathname.match(
      new RegExp(`^${api}/tarball/([0-9a-f]+)$`),
    );
    if (tarball) {
      res.setHeader('content-type', 'application/x-gzip');
      // GitHub puts everything under one top folder, which the reader strips.
      const top = `${this.owner}-${this.repo}-${tarball[1].slice(0, 7)}/`;
      const stream = tar.c(
        { gzip: true, cwd: this.repoDir, prefix: top, portable: true },
        ['.'],
      );
      stream.pipe(res);
      return undefined;
    }
    if (url.pathname.startsWith(`${api}/contents/`)) {
      const path = decodeURIComponent(
        url.pathname.slice(`${api}/contents/`.length),
      );
      const content = await fs
        .readFile(join(this.repoDir, path))
        .catch(() => undefined);
      if (!content) {
        res.statusCode = 404;
        return sendJson(res, { message: 'Not Found' });
      }
      res.setHeader(
        'etag',
        `"${createHash('sha1').update(content).digest('hex')}"`,
      );
      if (req.headers['if-none-match'] === res.getHeader('etag')) {
        res.statusCode = 304;
        return res.end();
      }
      return res.end(content);
    }
    res.statusCode = 404;
    return sendJson(res, { message: 'Not Found' });
  }

  private async commitSha(): Promise<string> {
    const hash = createHash('sha1');
    for (const file of await listFiles(this.repoDir)) {
      hash.update(relative(this.repoDir, file));
      hash.update(await fs.readFile(file));
    }
    return hash.digest('hex');
  }
}

function sendJson(res: ServerResponse, body: unknown) {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}
