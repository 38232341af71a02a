import { createHash } from 'node:crypto';
import { isError } from '@backstage/errors';
import { parseImageName } from '@dockyard/plugin-containers-common';
import type { HttpResult } from '../http/UpstreamHttpClient';
import { registryEndpoint, type RegistryGet } from './docker';
import { parseJsonBody, type SourceContext } from './types';

/**
 * What a manifest request accepts: a multi-platform image answers with its index (OCI) or
 * manifest list (Docker), whose digest is the one to pin; a single-platform image with its
 * manifest.
 *
 * @public
 */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const CONFIG_ACCEPT = [
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
  'application/json',
].join(', ');

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/**
 * A registry that does not have the asked tag.
 *
 * @public
 */
export class ManifestNotFoundError extends Error {
  name = 'ManifestNotFoundError';
}

function headerDigest(response: HttpResult): string | undefined {
  const header = response.headers.get('docker-content-digest')?.trim();
  if (!header) return undefined;
  if (!DIGEST.test(header)) {
    throw new Error(
      `${response.url} answered with Docker-Content-Digest ${JSON.stringify(
        header.slice(0, 100),
      )}, which is not a sha256 digest`,
    );
  }
  return header;
}

/** How to ask one image's registry: its name, endpoint, manifest URLs and an auth holder. */
function registryOf(name: string, context: SourceContext) {
  const image = parseImageName(name);
  const endpoint = registryEndpoint(image.registry, context.config.registries);
  return {
    image,
    endpoint,
    // A digest goes as written (`sha256:…`, checked first): some registries do not decode %3A.
    manifestUrl: (reference: string) =>
      `${endpoint.baseUrl}/v2/${image.repository}/manifests/${
        DIGEST.test(reference) ? reference : encodeURIComponent(reference)
      }`,
    auth: {
      authorization: endpoint.token ? `Bearer ${endpoint.token}` : undefined,
    },
  };
}

/**
 * The digest a registry gives for `name:tag`: `HEAD /v2/<repository>/manifests/<tag>` and its
 * `Docker-Content-Digest` header. A registry that refuses HEAD (405, 501) or leaves the header
 * out is asked with GET, and the digest is the header or the manifest's own sha256. Uses drift's
 * registry config (`containers.drift.registries.<host>`), its credentials and token challenge,
 * and its HTTP client (allowed hosts, timeouts, retries). With `conditional`, the HEAD carries
 * the validators of the last answer and a `304` gives back the digest kept with them (the drift
 * engine asks so on every run; `dockyard bump` asks afresh). Throws
 * {@link ManifestNotFoundError} when the registry has no such tag.
 *
 * @public
 */
export async function fetchManifestDigest(
  image: { name: string; tag: string },
  context: SourceContext,
  registryGet: RegistryGet,
  options: { conditional?: boolean } = {},
): Promise<string> {
  const registry = registryOf(image.name, context);
  const { registry: host, repository } = registry.image;
  const url = registry.manifestUrl(image.tag);
  const ask = async (method: 'GET' | 'HEAD') => {
    const response = await registryGet(
      url,
      registry.image,
      registry.endpoint,
      context,
      registry.auth,
      {
        accept: MANIFEST_ACCEPT,
        conditional: options.conditional ?? false,
        method,
        keepHeaders: ['docker-content-digest'],
      },
    );
    if (response.status === 404) {
      throw new ManifestNotFoundError(
        `the registry has no tag ${image.tag} of ${host}/${repository} (${url} answered 404)`,
      );
    }
    return response;
  };

  const head = await ask('HEAD').catch(error => {
    const status = isError(error) ? error.status : undefined;
    if (status === 405 || status === 501) return undefined;
    throw error;
  });
  const fromHead = head && headerDigest(head);
  if (fromHead) return fromHead;
  const response = await ask('GET');
  const fromGet = headerDigest(response);
  if (fromGet) return fromGet;
  if (!response.body.trim().startsWith('{')) {
    throw new Error(
      `${url} answered without a Docker-Content-Digest header or a manifest`,
    );
  }
  return `sha256:${createHash('sha256')
    .update(response.body, 'utf8')
    .digest('hex')}`;
}

interface Descriptor {
  digest?: unknown;
  platform?: { os?: unknown; architecture?: unknown };
}

interface ManifestDocument {
  manifests?: unknown;
  config?: Descriptor;
  annotations?: Record<string, unknown>;
}

/** An ISO 8601 time from a manifest annotation or a config's `created`, if it is one. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The manifest of an index to read: linux/amd64, else the first real platform (not attestations). */
function platformManifest(manifests: Descriptor[]): string | undefined {
  const real = manifests.filter(
    m =>
      typeof m?.digest === 'string' &&
      DIGEST.test(m.digest) &&
      m.platform?.os !== 'unknown',
  );
  const amd64 = real.find(
    m => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64',
  );
  return (amd64 ?? real[0])?.digest as string | undefined;
}

/**
 * When the image a digest names was built: the `org.opencontainers.image.created` annotation of
 * its index or manifest when it has one (no further request), else its config's `created` — for
 * an index, that of its linux/amd64 image. Manifests and blobs are asked for by digest, so they
 * never change and a second run is answered from the cache. Undefined when the registry does not
 * say; throws when a request fails.
 *
 * @public
 */
export async function fetchImageCreated(
  name: string,
  digest: string,
  context: SourceContext,
  registryGet: RegistryGet,
): Promise<string | undefined> {
  if (!DIGEST.test(digest)) return undefined;
  const registry = registryOf(name, context);
  const get = async (url: string, accept: string, what: string) => {
    const response = await registryGet(
      url,
      registry.image,
      registry.endpoint,
      context,
      registry.auth,
      { accept },
    );
    if (response.status === 404) {
      throw new ManifestNotFoundError(`${url} answered 404`);
    }
    return parseJsonBody(response.body, response.url, what) as
      | ManifestDocument
      | undefined;
  };

  let manifest = await get(
    registry.manifestUrl(digest),
    MANIFEST_ACCEPT,
    'a manifest',
  );
  const fromIndex = isoTime(manifest?.annotations?.[CREATED_ANNOTATION]);
  if (fromIndex) return fromIndex;
  if (Array.isArray(manifest?.manifests)) {
    const platform = platformManifest(manifest!.manifests as Descriptor[]);
    if (!platform) return undefined;
    manifest = await get(
      registry.manifestUrl(platform),
      MANIFEST_ACCEPT,
      'a manifest',
    );
    const fromManifest = isoTime(manifest?.annotations?.[CREATED_ANNOTATION]);
    if (fromManifest) return fromManifest;
  }
  const config = manifest?.config?.digest;
  if (typeof config !== 'string' || !DIGEST.test(config)) return undefined;
  const blob = (await get(
    `${registry.endpoint.baseUrl}/v2/${registry.image.repository}/blobs/${config}`,
    CONFIG_ACCEPT,
    'an image config',
  )) as { created?: unknown } | undefined;
  return isoTime(blob?.created);
}
