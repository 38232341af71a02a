import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A GitHub release as the REST API lists it. */
export interface Release {
  tag: string;
  /** Days before now it was published (so "N days ago" reads the same on every run). */
  daysAgo: number;
  prerelease?: boolean;
}

/** A PyPI release: its version and when its first file was uploaded. */
export interface PypiRelease {
  version: string;
  daysAgo: number;
  yanked?: boolean;
}

/** What an image tag points at now on the registry. */
export interface ImageManifest {
  /** The index's digest, as `Docker-Content-Digest` gives it (`sha256:…`). */
  digest: string;
  /** Days before now the image was built (the index's `org.opencontainers.image.created`). */
  createdDaysAgo: number;
}

/** Everything the stand-in serves; the suites change it between checks. */
export interface UpstreamFeeds {
  /** GitHub releases by `owner/name`. */
  githubReleases: Record<string, Release[]>;
  /** GitHub tag names by `owner/name`. */
  githubTags: Record<string, string[]>;
  /** OCI tags by `<registry host>/<repository>` (`docker.io/library/postgres`). */
  registryTags: Record<string, string[]>;
  /** OCI image indexes by `<registry host>/<repository>:<tag>` (`docker.io/library/python:3.12-slim-bookworm`). */
  registryManifests: Record<string, ImageManifest>;
  /** PyPI releases by project name. */
  pypi: Record<string, PypiRelease[]>;
  /** Maven versions by `group:artifact`. */
  maven: Record<string, string[]>;
  /** Directory listings (entries such as `spark-4.0.1/`) by path (`/dist/spark/`). */
  directories: Record<string, string[]>;
}

/** One request the stand-in answered. */
export interface UpstreamRequest {
  /** The first path segment: who asked (each portal or replica gets its own base URLs). */
  client: string;
  /** The rest of the path and the query. */
  path: string;
  /** The status answered (304 for a matching If-None-Match); 0 while the answer is delayed. */
  status: number;
  /** When it arrived (ms since the epoch). */
  at: number;
}

const DAY_MS = 24 * 3600 * 1000;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString();

/**
 * The upstream feeds of the platform's containers, on 127.0.0.1: GitHub's REST API (releases
 * and tags, with ETag / If-None-Match), OCI registries (`/v2/<name>/tags/list` and
 * `/v2/<name>/manifests/<tag or digest>` behind a Bearer token challenge, like Docker Hub and
 * Quay), PyPI's JSON API, Maven's maven-metadata.xml and an HTTP directory listing. Every URL
 * starts with a client name, `http://127.0.0.1:<port>/<client>/…`, so that each backend reads its
 * own base URLs and the suites can tell who asked.
 */
export class FakeUpstream {
  readonly requests: UpstreamRequest[] = [];
  /** Delay before every answer, to make a run last (the replica suite stops one mid-run). */
  latencyMs = 0;

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    public feeds: UpstreamFeeds,
  ) {}

  static async start(feeds: UpstreamFeeds): Promise<FakeUpstream> {
    const server = http.createServer();
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const upstream = new FakeUpstream(
      server,
      (server.address() as AddressInfo).port,
      feeds,
    );
    server.on('request', (req, res) => {
      upstream.handle(req, res).catch(error => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    return upstream;
  }

  /** `host:port`, for `containers.drift.allowedHosts`. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The base URL a client uses: `http://127.0.0.1:<port>/<client>`. */
  url(client: string): string {
    return `http://${this.host}/${client}`;
  }

  /** Requests for one feed (a path prefix such as `/github/repos/trinodb/trino/releases`). */
  requestsFor(pathPrefix: string, client?: string): UpstreamRequest[] {
    return this.requests.filter(
      r => r.path.startsWith(pathPrefix) && (!client || r.client === client),
    );
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(done => this.server.close(() => done()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    const [, client = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    // Logged on arrival: a run has started when its first request arrives.
    const logged: UpstreamRequest = {
      client,
      path: `${path}${url.search}`,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(logged);
    if (this.latencyMs) {
      await new Promise(done => setTimeout(done, this.latencyMs));
    }
    const answer = this.route(
      req.method ?? 'GET',
      client,
      path,
      url.searchParams,
      req.headers,
    );
    logged.status = answer.status;
    const body = answer.body ?? '';
    const etag =
      answer.etag ??
      `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (answer.status === 200 && req.headers['if-none-match'] === etag) {
      logged.status = 304;
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': answer.type ?? 'application/json',
      ...(answer.status === 200 ? { etag } : {}),
      ...answer.headers,
    });
    res.end(body);
  }

  // Long on purpose: a route table, one case per upstream API the stand-in serves.
  private route(
    method: string,
    client: string,
    path: string,
    query: URLSearchParams,
    headers: http.IncomingHttpHeaders,
  ): {
    status: number;
    body?: string;
    type?: string;
    /** Instead of a hash of the body. */
    etag?: string;
    headers?: Record<string, string>;
  } {
    const feeds = this.feeds;
    const json = (value: unknown) => ({
      status: 200,
      body: JSON.stringify(value),
    });
    const notFound = { status: 404, body: '{"message":"Not Found"}' };

    let match = path.match(
      /^\/github\/repos\/([^/]+\/[^/]+)\/(releases|tags)$/,
    );
    if (match) {
      const [, repo, kind] = match;
      if (kind === 'releases') {
        const releases = feeds.githubReleases[repo];
        if (!releases) return notFound;
        return json(
          releases.map(r => ({
            tag_name: r.tag,
            name: r.tag,
            draft: false,
            prerelease: r.prerelease ?? false,
            published_at: daysAgo(r.daysAgo),
            html_url: `https://github.com/${repo}/releases/tag/${encodeURIComponent(
              r.tag,
            )}`,
          })),
        );
      }
      const tags = feeds.githubTags[repo];
      return tags ? json(tags.map(name => ({ name }))) : notFound;
    }

    // The registry's token service: any anonymous caller gets a pull token for the scope.
    if (path === '/token') {
      const scope = query.get('scope') ?? '';
      return json({ token: tokenFor(scope), expires_in: 300 });
    }
    match = path.match(
      /^\/registry\/([^/]+)\/v2\/(.+)\/(tags\/list|manifests\/[^/]+)$/,
    );
    if (match) {
      const [, registry, repository, what] = match;
      const scope = `repository:${repository}:pull`;
      if (headers.authorization !== `Bearer ${tokenFor(scope)}`) {
        return {
          status: 401,
          body: '{"errors":[{"code":"UNAUTHORIZED"}]}',
          headers: {
            'www-authenticate': `Bearer realm="${this.url(
              client,
            )}/token",service="${registry}",scope="${scope}"`,
          },
        };
      }
      if (what === 'tags/list') {
        const tags = feeds.registryTags[`${registry}/${repository}`];
        return tags ? json({ name: repository, tags }) : notFound;
      }
      // HEAD or GET by tag (what the tag points at now) or by digest (when it was built).
      const reference = decodeURIComponent(what.slice('manifests/'.length));
      const image = `${registry}/${repository}`;
      const manifest = reference.startsWith('sha256:')
        ? Object.entries(feeds.registryManifests).find(
            ([key, m]) => key.startsWith(`${image}:`) && m.digest === reference,
          )?.[1]
        : feeds.registryManifests[`${image}:${reference}`];
      if (!manifest || (method !== 'GET' && method !== 'HEAD')) {
        return {
          status: 404,
          body: '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}',
        };
      }
      return {
        status: 200,
        type: OCI_INDEX,
        body: imageIndex(manifest),
        // As the distribution registry does: the digest is the ETag (the body's build time moves).
        etag: `"${manifest.digest}"`,
        headers: { 'docker-content-digest': manifest.digest },
      };
    }

    match = path.match(/^\/pypi\/([^/]+)\/json$/);
    if (match) {
      const releases = feeds.pypi[decodeURIComponent(match[1])];
      if (!releases) return notFound;
      return json({
        info: {
          name: match[1],
          project_urls: {
            Changelog: `https://pypi.org/project/${match[1]}/#history`,
          },
        },
        releases: Object.fromEntries(
          releases.map(r => [
            r.version,
            [
              {
                upload_time_iso_8601: daysAgo(r.daysAgo),
                yanked: r.yanked ?? false,
              },
            ],
          ]),
        ),
      });
    }

    match = path.match(/^\/maven2\/(.+)\/([^/]+)\/maven-metadata\.xml$/);
    if (match) {
      const [, groupPath, artifact] = match;
      const versions =
        feeds.maven[`${groupPath.replace(/\//g, '.')}:${artifact}`];
      if (!versions) return notFound;
      return {
        status: 200,
        type: 'application/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>${groupPath.replace(/\//g, '.')}</groupId>
  <artifactId>${artifact}</artifactId>
  <versioning>
    <latest>${versions[versions.length - 1]}</latest>
    <release>${versions[versions.length - 1]}</release>
    <versions>
${versions.map(v => `      <version>${v}</version>`).join('\n')}
    </versions>
  </versioning>
</metadata>
`,
      };
    }

    const entries = feeds.directories[path];
    if (entries) {
      return {
        status: 200,
        type: 'text/html',
        body: `<html><head><title>Index of ${path}</title></head><body><h1>Index of ${path}</h1><pre>
<a href="../">Parent Directory</a>
${entries.map(e => `<a href="${e}">${e}</a>`).join('\n')}
</pre></body></html>
`,
      };
    }
    return notFound;
  }
}

/**
 * A multi-platform image's index, as Docker Hub serves the official images. Its digest is the
 * one pinned, not this text's sha256 (the pinned images' bytes are not here): the drift engine
 * reads `Docker-Content-Digest`, as it does from any registry.
 */
function imageIndex(manifest: ImageManifest): string {
  const platform = (architecture: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${createHash('sha256')
      .update(`${manifest.digest}:${architecture}`)
      .digest('hex')}`,
    size: 2196,
    platform: { architecture, os: 'linux' },
  });
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [platform('amd64'), platform('arm64')],
    annotations: {
      'org.opencontainers.image.created': daysAgo(manifest.createdDaysAgo),
    },
  });
}

function tokenFor(scope: string): string {
  return createHash('sha256').update(`token:${scope}`).digest('hex');
}
