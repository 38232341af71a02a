import { createHash } from 'node:crypto';
import {
  parseImageName,
  registryEndpoint,
  type RegistryGet,
} from '../drift/sources/docker';
import type { HttpResult } from '../drift/http/UpstreamHttpClient';
import type { SourceContext } from '../drift/sources/types';

/**
 * What a manifest request accepts: a multi-platform image answers with its index (OCI) or
 * manifest list (Docker), whose digest is the one to pin; a single-platform image with its
 * manifest.
 */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A registry that does not have the asked tag. */
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

/**
 * The digest a registry gives for `name:tag`: `HEAD /v2/<repository>/manifests/<tag>` and its
 * `Docker-Content-Digest` header. A registry that refuses HEAD (405, 501) or leaves the header
 * out is asked with GET, and the digest is the header or the manifest's own sha256. Uses drift's
 * registry config (`containers.drift.registries.<host>`), its credentials and token challenge,
 * and its HTTP client (allowed hosts, timeouts, retries). Throws {@link ManifestNotFoundError}
 * when the registry has no such tag.
 */
export async function fetchManifestDigest(
  image: { name: string; tag: string },
  context: SourceContext,
  registryGet: RegistryGet,
): Promise<string> {
  const { registry, repository } = parseImageName(image.name);
  const endpoint = registryEndpoint(registry, context.config.registries);
  const url = `${
    endpoint.baseUrl
  }/v2/${repository}/manifests/${encodeURIComponent(image.tag)}`;
  const auth = {
    authorization: endpoint.token ? `Bearer ${endpoint.token}` : undefined,
  };
  const ask = async (method: 'GET' | 'HEAD') => {
    const response = await registryGet(
      url,
      { registry, repository },
      endpoint,
      context,
      auth,
      { accept: MANIFEST_ACCEPT, conditional: false, method },
    );
    if (response.status === 404) {
      throw new ManifestNotFoundError(
        `the registry has no tag ${image.tag} of ${registry}/${repository} (${url} answered 404)`,
      );
    }
    return response;
  };

  const head = await ask('HEAD').catch(error => {
    const status = (error as { status?: number }).status;
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
