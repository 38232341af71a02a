import type { ContainerSpec } from './schema';

/**
 * Options of {@link deriveTags}.
 *
 * @public
 */
export interface DeriveTagsOptions {
  /** The git revision (commit id, hex) the image is built from; adds `sha-<first 12 hex>`. */
  revision?: string;
}

/**
 * An image name with the tags it is published under.
 *
 * @public
 */
export interface ContainerImageTags {
  image: string;
  tags: string[];
}

const THREE_NUMBERS = /^(\d+)\.(\d+)\.(\d+)$/;
const REVISION = /^[0-9a-f]{7,64}$/i;

/**
 * The tags an image is published under, by the platform's rule: the listed `publish.tags`
 * (tokens resolved — pass the resolved container), plus `x`, `x.y`, `x.y.z` when
 * `version.current` is exactly three numeric parts, plus `latest`, plus `sha-` and the first 12
 * hex digits of the git revision when a revision is given; duplicates removed, order kept.
 *
 * `4.0.1` with tags `["!version.current"]` → `4.0.1`, `4`, `4.0`, `latest`, `sha-0123456789ab`.
 *
 * @public
 */
export function deriveTags(
  resolved: ContainerSpec,
  options: DeriveTagsOptions = {},
): string[] {
  const tags: string[] = [];
  const add = (tag: string) => {
    if (tag && !tags.includes(tag)) {
      tags.push(tag);
    }
  };
  for (const tag of resolved.publish?.tags ?? []) {
    add(String(tag).trim());
  }
  const match = THREE_NUMBERS.exec(
    String(resolved.version?.current ?? '').trim(),
  );
  if (match) {
    const [, major, minor, patch] = match;
    add(major);
    add(`${major}.${minor}`);
    add(`${major}.${minor}.${patch}`);
  }
  add('latest');
  if (options.revision !== undefined) {
    add(`sha-${revisionPrefix(options.revision)}`);
  }
  return tags;
}

/**
 * The first 12 hex digits of a git revision; throws on anything that is not a commit id.
 *
 * @public
 */
export function revisionPrefix(revision: string): string {
  const trimmed = revision.trim();
  if (!REVISION.test(trimmed)) {
    throw new Error(
      `revision must be a git commit id (7 to 64 hex digits), got ${JSON.stringify(
        revision,
      )}`,
    );
  }
  return trimmed.slice(0, 12).toLowerCase();
}

/**
 * Every image the container is published as, with its tags: `publish.image` with the derived
 * tags, then each `publish.targets[]` image with its own `tags` (tokens resolved) or, without
 * them, the same derived tags. Empty when the container has no `publish.image`.
 *
 * @public
 */
export function deriveImageTags(
  resolved: ContainerSpec,
  options: DeriveTagsOptions = {},
): ContainerImageTags[] {
  const publish = resolved.publish;
  if (!publish?.image) {
    return [];
  }
  const derived = deriveTags(resolved, options);
  const images: ContainerImageTags[] = [
    { image: publish.image, tags: derived },
  ];
  for (const target of publish.targets ?? []) {
    images.push({
      image: target.image,
      tags: target.tags
        ? [...new Set(target.tags.map(t => String(t).trim()).filter(Boolean))]
        : derived,
    });
  }
  return images;
}
