/**
 * Docker Hub as image names write it (its registry is served from other hosts).
 *
 * @public
 */
export const DOCKER_HUB_HOST = 'docker.io';

/**
 * An image reference taken apart: registry host and repository name.
 *
 * @public
 */
export interface ImageName {
  /** As images name it: `docker.io`, `quay.io`, `127.0.0.1:5000`. */
  registry: string;
  /** `library/postgres`, `minio/minio`. */
  repository: string;
}

/**
 * Reads `source.image`: registry host first (`docker.io/library/postgres`, `quay.io/minio/minio`).
 * Without a host the image is on Docker Hub, and Docker Hub's official images live under
 * `library/` (`postgres` → `docker.io/library/postgres`). A tag or digest is ignored.
 *
 * @public
 */
export function parseImageName(image: string): ImageName {
  const withoutDigest = image.trim().split('@')[0];
  const parts = withoutDigest.split('/');
  const last = parts.length - 1;
  parts[last] = parts[last].split(':')[0];
  const hasHost =
    parts.length > 1 &&
    (parts[0].includes('.') ||
      parts[0].includes(':') ||
      parts[0] === 'localhost');
  let registry = hasHost ? parts.shift()!.toLowerCase() : DOCKER_HUB_HOST;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    registry = DOCKER_HUB_HOST;
  }
  if (registry === DOCKER_HUB_HOST && parts.length === 1)
    parts.unshift('library');
  const repository = parts.join('/');
  if (
    !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(
      repository,
    )
  ) {
    throw new Error(
      `version.source.image ${JSON.stringify(
        image,
      )} is not an image name (registry host first, e.g. docker.io/library/postgres)`,
    );
  }
  return { registry, repository };
}

/**
 * A page about the image for people, on the registries that have one.
 *
 * @public
 */
export function imagePageUrl(image: ImageName): string | undefined {
  if (image.registry === DOCKER_HUB_HOST) {
    return image.repository.startsWith('library/')
      ? `https://hub.docker.com/_/${image.repository.slice('library/'.length)}`
      : `https://hub.docker.com/r/${image.repository}`;
  }
  if (image.registry === 'quay.io')
    return `https://quay.io/repository/${image.repository}`;
  if (image.registry === 'ghcr.io')
    return `https://github.com/${image.repository.split('/')[0]}/packages`;
  return undefined;
}
