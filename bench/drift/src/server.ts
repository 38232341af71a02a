/*
 * The stand-in upstreams of the drift benchmark, on 127.0.0.1 only, in their own process (real
 * upstreams do not share the engine's event loop). One port speaks what the engine reads:
 *   GET  /repos/bench/app-<i>/releases|tags?per_page=100&page=<p>   GitHub REST, Link pagination
 *   GET  /maven2/org/bench/g<i>/lib-<i>/maven-metadata.xml          Maven repository metadata
 *   GET  /v2/bench/<app|base>-<i>/tags/list?n=<n>[&last=<tag>]      OCI distribution tag list
 *   HEAD /v2/bench/base-<i>/manifests/<tag>                          Docker-Content-Digest, ETag
 *   GET  /v2/bench/base-<i>/manifests/<sha256:…>                     the image index by digest
 * Every answer waits the latency first, carries an ETag (and Maven a Last-Modified too), and a
 * request whose If-None-Match matches is answered 304, as GitHub, Maven Central and registries
 * do. The parent asks for the counters over IPC.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  baseIndex,
  baseTagsOf,
  isPrerelease,
  isRebuilt,
  kindOf,
  pinnedBaseTagsOf,
  Shape,
  shapeOf,
  versionsOf,
} from './upstreams';

export interface ServerCounters {
  requests: number;
  notModified: number;
  /** Tag lists, release and tag pages, Maven metadata. */
  pages: number;
  manifestHeads: number;
  /** Manifests asked for by digest (when a rebuilt image was created). */
  manifestGets: number;
  /** Anything the engine should not have asked (answered 404). */
  unexpected: number;
  /** Requests whose method and URL were asked before in the same run. */
  repeated: number;
  /** CPU time of this process so far (it shares the machine with the engine). */
  cpuMs?: number;
}

const EPOCH = Date.UTC(2020, 0, 1);
const DAY = 86_400_000;

function releaseItem(host: string, feed: number, n: number, version: string) {
  const tag = isPrerelease(n) ? `v${version}-rc1` : `v${version}`;
  const api = `http://${host}/repos/bench/app-${feed}`;
  const id = feed * 1000 + n;
  const date = new Date(EPOCH + n * 7 * DAY).toISOString();
  const user = {
    login: 'release-bot',
    id: 4242,
    node_id: 'MDQ6VXNlcjQyNDI=',
    avatar_url: 'https://avatars.example/u/4242?v=4',
    url: `http://${host}/users/release-bot`,
    html_url: 'https://github.example/release-bot',
    type: 'User',
    site_admin: false,
  };
  return {
    url: `${api}/releases/${id}`,
    assets_url: `${api}/releases/${id}/assets`,
    upload_url: `${api}/releases/${id}/assets{?name,label}`,
    html_url: `https://github.example/bench/app-${feed}/releases/tag/${tag}`,
    id,
    author: user,
    node_id: `RE_kwDO${id.toString(36)}`,
    tag_name: tag,
    target_commitish: 'main',
    name: `app-${feed} ${version}`,
    draft: false,
    prerelease: isPrerelease(n),
    created_at: date,
    published_at: date,
    assets: [
      {
        url: `${api}/releases/assets/${id}1`,
        id: id * 10 + 1,
        name: `app-${feed}-${version}.tar.gz`,
        label: '',
        uploader: user,
        content_type: 'application/gzip',
        state: 'uploaded',
        size: 48_213_004 + n,
        download_count: 1000 + n,
        created_at: date,
        updated_at: date,
        browser_download_url: `https://github.example/bench/app-${feed}/releases/download/${tag}/app-${feed}-${version}.tar.gz`,
      },
    ],
    tarball_url: `${api}/tarball/${tag}`,
    zipball_url: `${api}/zipball/${tag}`,
    body: `## What's changed\n\n* Fix a crash when the cache is cold (#${
      n * 3 + 1
    })\n* Faster start-up on large catalogs (#${
      n * 3 + 2
    })\n* Dependency updates (#${
      n * 3 + 3
    })\n\n**Full changelog**: https://github.example/bench/app-${feed}/compare/v${version}`,
  };
}

function tagItem(host: string, feed: number, version: string) {
  const sha = `${feed.toString(16).padStart(8, '0')}${version
    .replace(/\./g, '')
    .padStart(32, '0')}`;
  return {
    name: `v${version}`,
    zipball_url: `http://${host}/repos/bench/app-${feed}/zipball/refs/tags/v${version}`,
    tarball_url: `http://${host}/repos/bench/app-${feed}/tarball/refs/tags/v${version}`,
    commit: {
      sha,
      url: `http://${host}/repos/bench/app-${feed}/commits/${sha}`,
    },
    node_id: `REF_kwDO${feed.toString(36)}${version}`,
  };
}

function mavenMetadata(feed: number, versions: string[]) {
  const latest = versions[versions.length - 1];
  return `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>org.bench.g${feed}</groupId>
  <artifactId>lib-${feed}</artifactId>
  <versioning>
    <latest>${latest}</latest>
    <release>${latest}</release>
    <versions>
${versions.map(v => `      <version>${v}</version>`).join('\n')}
    </versions>
    <lastUpdated>20261001120000</lastUpdated>
  </versioning>
</metadata>
`;
}

interface Answer {
  status: number;
  etag?: string;
  headers?: Record<string, string>;
  /** Built only when the answer is not a 304. */
  body?: () => string;
}

/** The current digest and index of each pinned base image tag. */
function manifestsOf(shape: Shape) {
  const byTag = new Map<string, { digest: string; body: string }>();
  const byDigest = new Map<string, string>();
  for (let repo = 0; repo < shape.baseRepos; repo++) {
    pinnedBaseTagsOf(repo).forEach((tag, t) => {
      const index = baseIndex(repo, tag, isRebuilt(repo, t) ? 1 : 0);
      byTag.set(`${repo}:${tag}`, index);
      byDigest.set(`${repo}:${index.digest}`, index.body);
    });
  }
  return { byTag, byDigest };
}

// Long on purpose: a route table, one case per endpoint the stand-in upstreams answer.
function route(
  shape: Shape,
  manifests: ReturnType<typeof manifestsOf>,
  method: string,
  url: URL,
  host: string,
  counters: ServerCounters,
): Answer {
  const notFound: Answer = { status: 404 };
  const path = url.pathname;

  const github = /^\/repos\/bench\/app-(\d+)\/(releases|tags)$/.exec(path);
  if (github && method === 'GET') {
    const feed = Number(github[1]);
    const kind = github[2] === 'releases' ? 'github-release' : 'github-tag';
    if (feed >= shape.versionFeeds || kindOf(feed) !== kind) return notFound;
    counters.pages += 1;
    // GitHub lists newest first.
    const versions = versionsOf(feed)
      .map((version, n) => ({ version, n }))
      .reverse();
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('per_page') ?? 30);
    const items = versions.slice((page - 1) * size, page * size);
    const links: string[] = [];
    if (page * size < versions.length) {
      links.push(
        `<http://${host}${path}?per_page=${size}&page=${page + 1}>; rel="next"`,
        `<http://${host}${path}?per_page=${size}&page=${Math.ceil(
          versions.length / size,
        )}>; rel="last"`,
      );
    }
    return {
      status: 200,
      etag: `W/"${kind}-${feed}-${page}-${size}-${items.length}"`,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(links.length ? { link: links.join(', ') } : {}),
      },
      body: () =>
        JSON.stringify(
          items.map(({ version, n }) =>
            kind === 'github-release'
              ? releaseItem(host, feed, n, version)
              : tagItem(host, feed, version),
          ),
        ),
    };
  }

  const maven =
    /^\/maven2\/org\/bench\/g(\d+)\/lib-(\d+)\/maven-metadata\.xml$/.exec(path);
  if (maven && method === 'GET') {
    const feed = Number(maven[1]);
    if (
      maven[1] !== maven[2] ||
      feed >= shape.versionFeeds ||
      kindOf(feed) !== 'maven'
    ) {
      return notFound;
    }
    counters.pages += 1;
    return {
      status: 200,
      etag: `"maven-${feed}"`,
      headers: {
        'content-type': 'text/xml',
        'last-modified': 'Thu, 01 Oct 2026 12:00:00 GMT',
      },
      body: () => mavenMetadata(feed, versionsOf(feed)),
    };
  }

  const tagList = /^\/v2\/bench\/(app|base)-(\d+)\/tags\/list$/.exec(path);
  if (tagList && method === 'GET') {
    const index = Number(tagList[2]);
    let tags: string[];
    if (tagList[1] === 'app') {
      if (index >= shape.versionFeeds || kindOf(index) !== 'docker-tags') {
        return notFound;
      }
      tags = [
        'latest',
        ...versionsOf(index).flatMap(v => [v, `${v}-alpine`]),
      ].sort();
    } else {
      if (index >= shape.baseRepos) return notFound;
      tags = baseTagsOf(index);
    }
    counters.pages += 1;
    const n = Number(url.searchParams.get('n') ?? 100);
    const last = url.searchParams.get('last');
    // Registries list tags in lexical order and continue after `last`.
    const start = last ? tags.findIndex(tag => tag > last) : 0;
    const page = start < 0 ? [] : tags.slice(start, start + n);
    const more = start >= 0 && start + n < tags.length;
    const name = `bench/${tagList[1]}-${index}`;
    return {
      status: 200,
      etag: `"tags-${tagList[1]}-${index}-${last ?? ''}-${n}"`,
      headers: {
        'content-type': 'application/json',
        'docker-distribution-api-version': 'registry/2.0',
        ...(more
          ? {
              link: `</v2/${name}/tags/list?last=${encodeURIComponent(
                page[page.length - 1],
              )}&n=${n}>; rel="next"`,
            }
          : {}),
      },
      body: () => JSON.stringify({ name, tags: page }),
    };
  }

  const manifest = /^\/v2\/bench\/base-(\d+)\/manifests\/([^/]+)$/.exec(path);
  if (manifest && (method === 'HEAD' || method === 'GET')) {
    const repo = Number(manifest[1]);
    const reference = decodeURIComponent(manifest[2]);
    const index = reference.startsWith('sha256:')
      ? manifests.byDigest.has(`${repo}:${reference}`)
        ? {
            digest: reference,
            body: manifests.byDigest.get(`${repo}:${reference}`)!,
          }
        : undefined
      : manifests.byTag.get(`${repo}:${reference}`);
    if (!index) return notFound;
    if (method === 'HEAD') counters.manifestHeads += 1;
    else counters.manifestGets += 1;
    return {
      status: 200,
      // As the distribution registry does: the digest is the ETag.
      etag: `"${index.digest}"`,
      headers: {
        'content-type': 'application/vnd.oci.image.index.v1+json',
        'docker-content-digest': index.digest,
        'docker-distribution-api-version': 'registry/2.0',
        'content-length': String(Buffer.byteLength(index.body)),
      },
      body: () => index.body,
    };
  }
  return notFound;
}

export async function startServer(shape: Shape, latencyMs: number) {
  const counters: ServerCounters = {
    requests: 0,
    notModified: 0,
    pages: 0,
    manifestHeads: 0,
    manifestGets: 0,
    unexpected: 0,
    repeated: 0,
  };
  let asked = new Set<string>();
  const manifests = manifestsOf(shape);
  const server = http.createServer((req, res) => {
    counters.requests += 1;
    const method = req.method ?? 'GET';
    const key = `${method} ${req.url}`;
    if (asked.has(key)) counters.repeated += 1;
    asked.add(key);
    const host = req.headers.host ?? '127.0.0.1';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const answer = route(shape, manifests, method, url, host, counters);
    setTimeout(() => {
      if (answer.status !== 200) {
        counters.unexpected += 1;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end('{"message":"Not Found"}');
        return;
      }
      if (answer.etag && req.headers['if-none-match'] === answer.etag) {
        counters.notModified += 1;
        res.writeHead(304, { etag: answer.etag });
        res.end();
        return;
      }
      const headers = { ...answer.headers, etag: answer.etag ?? '' };
      if (method === 'HEAD') {
        res.writeHead(200, headers);
        res.end();
        return;
      }
      res.writeHead(200, headers);
      res.end(answer.body?.() ?? '');
    }, latencyMs);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    counters,
    /** A new run: repeated requests are counted within one run only. */
    resetRun: () => {
      asked = new Set();
    },
  };
}

/** The child process: `server.ts <containers> <latencyMs>`; reports over IPC when asked. */
async function serve() {
  const [containers, latencyMs] = process.argv.slice(2).map(Number);
  const { host, counters, resetRun } = await startServer(
    shapeOf(containers),
    latencyMs,
  );
  process.send!({ host });
  process.on('message', message => {
    if (message === 'run') resetRun();
    const { user, system } = process.cpuUsage();
    process.send!({
      counters: { ...counters, cpuMs: Math.round((user + system) / 1000) },
    });
  });
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module) {
  serve().catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(2);
  });
}
