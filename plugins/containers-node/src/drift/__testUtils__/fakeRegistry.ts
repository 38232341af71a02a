import { createHash } from 'crypto';
import http from 'http';
import { startTestServer, TestServer } from '@dockyard/test-utils';

export const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
export const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

/** The sha256 digest of a document as the registry serves it. */
export function digestOf(body: string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** One repository of the fake registry: its tags and the documents they name. */
export interface FakeRepository {
  /** Tags the listing shows (a tag here without a manifest answers 404 to a manifest request). */
  tags: string[];
  /** Manifest or index body by tag. */
  manifests: Record<string, string>;
}

export interface FakeRegistry extends TestServer {
  repositories: Record<string, FakeRepository>;
  /** Documents by digest: manifests, indexes and config blobs (filled by the helpers below). */
  documents: Map<string, string>;
  /** Adds a single-platform image and returns its manifest's digest. */
  image(created: string, annotations?: Record<string, string>): string;
  /** Adds a multi-platform index (an amd64 image, an arm64 one, an attestation) and returns its digest. */
  index(created: string, annotations?: Record<string, string>): string;
  /** Points `repository:tag` at a document. */
  tag(repository: string, tag: string, digest: string): void;
}

/**
 * An OCI registry on 127.0.0.1: `GET /v2/<name>/tags/list` (with an `ETag`), `HEAD`/`GET
 * /v2/<name>/manifests/<tag|digest>` with `Docker-Content-Digest` and an `ETag` (a `304` to a
 * matching `If-None-Match`, without the digest header, as registries do), and `GET
 * /v2/<name>/blobs/<digest>`. With `bearer`, every `/v2/` request needs that token, issued at
 * `/token` after a `WWW-Authenticate: Bearer` challenge.
 */
// Long on purpose (a test double): one closure holds the routes, the documents and the helpers that add them.
export async function startFakeRegistry(
  options: {
    bearer?: string;
    onRequest?: (req: http.IncomingMessage) => void;
  } = {},
): Promise<FakeRegistry> {
  const repositories: Record<string, FakeRepository> = {};
  const documents = new Map<string, string>();
  const send = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
    type: string,
  ) => {
    const digest = digestOf(body);
    if (req.headers['if-none-match'] === `"${digest}"`) {
      res.writeHead(304, { etag: `"${digest}"` });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'docker-content-digest': digest,
      etag: `"${digest}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server: TestServer = await startTestServer((req, res) => {
    options.onRequest?.(req);
    const url = new URL(req.url!, server.url);
    if (url.pathname === '/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: options.bearer, expires_in: 300 }));
      return;
    }
    if (
      options.bearer &&
      req.headers.authorization !== `Bearer ${options.bearer}`
    ) {
      const name = /^\/v2\/(.+?)\/(?:tags|manifests|blobs)\//.exec(
        url.pathname,
      )?.[1];
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="${server.url}/token",service="fake",scope="repository:${name}:pull"`,
      });
      res.end();
      return;
    }
    const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (tags && repositories[tags[1]]) {
      const list = { name: tags[1], tags: repositories[tags[1]].tags };
      send(req, res, JSON.stringify(list), 'application/json');
      return;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (manifest) {
      const reference = decodeURIComponent(manifest[2]);
      const body = reference.startsWith('sha256:')
        ? documents.get(reference)
        : repositories[manifest[1]]?.manifests[reference];
      if (body !== undefined) {
        const type = (JSON.parse(body) as { mediaType?: string }).mediaType;
        send(req, res, body, type ?? MANIFEST_TYPE);
        return;
      }
    }
    const blob = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(url.pathname);
    if (blob && documents.has(blob[2])) {
      send(req, res, documents.get(blob[2])!, 'application/octet-stream');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }));
  });

  const store = (document: unknown) => {
    const body = JSON.stringify(document);
    documents.set(digestOf(body), body);
    return digestOf(body);
  };
  const image = (created: string, annotations?: Record<string, string>) =>
    store({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: store({ created, architecture: 'amd64', os: 'linux' }),
      },
      layers: [],
      ...(annotations ? { annotations } : {}),
    });

  return {
    ...server,
    repositories,
    documents,
    image,
    index(created, annotations) {
      const amd64 = image(created);
      const arm64 = image('2001-01-01T00:00:00Z');
      const attestation = image('2001-01-01T00:00:00Z');
      return store({
        schemaVersion: 2,
        mediaType: INDEX_TYPE,
        manifests: [
          {
            mediaType: MANIFEST_TYPE,
            digest: arm64,
            platform: { os: 'linux', architecture: 'arm64' },
          },
          {
            mediaType: MANIFEST_TYPE,
            digest: attestation,
            platform: { os: 'unknown', architecture: 'unknown' },
          },
          {
            mediaType: MANIFEST_TYPE,
            digest: amd64,
            platform: { os: 'linux', architecture: 'amd64' },
          },
        ],
        ...(annotations ? { annotations } : {}),
      });
    },
    tag(repository, tag, digest) {
      const repo = (repositories[repository] ??= { tags: [], manifests: {} });
      if (!repo.tags.includes(tag)) repo.tags.push(tag);
      repo.manifests[tag] = documents.get(digest)!;
    },
  };
}
