import {
  BaseImageDrift,
  BaseImageTagDrift,
  computeBaseImageTagDrift,
  ContainerVersionSpec,
  parseImageName,
} from '@dockyard/plugin-containers-common';
import { parseImageReference } from '../bump/imageReference';
import { Feed } from './feed';
import { RegistryGet } from './sources/docker';
import { fetchImageCreated, fetchManifestDigest } from './sources/manifests';
import { SourceContext, UpstreamSource } from './sources/types';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** One distinct `registry/repository:tag` of a run: its manifest is asked once for all. */
export interface ManifestCheck {
  /** `docker.io/library/python` */
  image: string;
  tag: string;
  /** The digests containers pin for this tag. */
  pinned: Set<string>;
  digest?: string;
  /** When the image `digest` names was built, asked only when it differs from a pinned one. */
  createdAt?: string;
  failure?: string;
}

/** What the engine checks of one container's base image. */
export interface BaseImageCheck {
  /** The fields known before asking anything: image, source, tag, digest. */
  drift: BaseImageDrift;
  /** The repository's tags, for the newer tag in the lane. */
  tags?: { feed: Feed; tag: string };
  /** The tag's manifest, when a digest is pinned. */
  manifest?: ManifestCheck;
}

/** The run's shared state a base image's check joins. */
interface BaseImageRun {
  tagsSource: UpstreamSource | undefined;
  context: SourceContext;
  feeds: Map<string, Feed>;
  manifests: Map<string, ManifestCheck>;
}

/**
 * Plans the check of a base image (`runtime.base_image`, tokens resolved): its repository's tag
 * listing joins the run's feeds (shared with any container whose version reads the same image),
 * and a digest-pinned tag's manifest joins the run's manifest checks, one per distinct tag.
 * A reference that cannot be read gets its answer here.
 */
export function planBaseImage(
  reference: string,
  run: BaseImageRun,
): BaseImageCheck {
  const written = parseImageReference(reference.trim());
  const drift: BaseImageDrift = {
    image: written.name,
    tag: written.tag,
    digest: written.digest,
    status: 'unknown',
  };
  const answer = (
    status: BaseImageDrift['status'],
    error: string,
  ): BaseImageCheck => ({ drift: { ...drift, status, error } });

  let image: string;
  try {
    const name = parseImageName(written.name);
    image = `${name.registry}/${name.repository}`;
  } catch {
    return answer(
      'error',
      `runtime.base_image ${JSON.stringify(
        reference.slice(0, 200),
      )} is not an image reference`,
    );
  }
  drift.source = image;
  if (written.digest !== undefined && !DIGEST.test(written.digest)) {
    return answer(
      'error',
      `the pinned digest ${JSON.stringify(
        written.digest.slice(0, 100),
      )} is not a sha256 digest`,
    );
  }
  if (written.tag === undefined) {
    return answer(
      'unknown',
      written.digest
        ? 'pinned by digest only: there is no tag to compare with'
        : 'no tag or digest pinned: write repo:tag@sha256:… to compare',
    );
  }

  return {
    drift,
    tags: joinTagListing(run, image, written.tag, drift),
    manifest: written.digest
      ? joinManifestCheck(run, image, written.tag, written.digest)
      : undefined,
  };
}

/**
 * The image's tag listing, as one of the run's feeds (shared by every container that reads the
 * same repository); undefined when there is no tags source or it cannot name the image.
 */
function joinTagListing(
  run: BaseImageRun,
  image: string,
  tag: string,
  drift: BaseImageDrift,
): BaseImageCheck['tags'] {
  if (!run.tagsSource) return undefined;
  const spec: ContainerVersionSpec = {
    strategy: 'docker-tags',
    current: tag,
    source: { image },
  };
  try {
    const ref = run.tagsSource.describe(spec, run.context);
    drift.sourceUrl = ref.sourceUrl;
    let feed = run.feeds.get(ref.key);
    if (!feed) {
      feed = { ref, source: run.tagsSource, spec, memo: new Map() };
      run.feeds.set(ref.key, feed);
    }
    return { feed, tag };
  } catch {
    // The image was read above; a source that cannot name it leaves the lane unchecked.
    return undefined;
  }
}

/** The run's manifest check of `image:tag` (one per distinct tag), with this pinned digest. */
function joinManifestCheck(
  run: BaseImageRun,
  image: string,
  tag: string,
  digest: string,
): ManifestCheck {
  const key = `${image}:${tag}`;
  let manifest = run.manifests.get(key);
  if (!manifest) {
    manifest = { image, tag, pinned: new Set() };
    run.manifests.set(key, manifest);
  }
  manifest.pinned.add(digest);
  return manifest;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks the registry what the tag points at now (a conditional HEAD: `304` on a second run), and
 * only when that differs from a pinned digest, when the new image was built.
 */
export async function runManifestCheck(
  check: ManifestCheck,
  context: SourceContext,
  registryGet: RegistryGet,
): Promise<void> {
  try {
    check.digest = await fetchManifestDigest(
      { name: check.image, tag: check.tag },
      context,
      registryGet,
      { conditional: true },
    );
  } catch (error) {
    check.failure = `${check.image}:${check.tag}: ${errorMessage(error)}`;
    return;
  }
  if ([...check.pinned].some(pinned => pinned !== check.digest)) {
    // When is a nicety: a registry that does not say (or fails to) leaves it out.
    check.createdAt = await fetchImageCreated(
      check.image,
      check.digest,
      context,
      registryGet,
    ).catch(() => undefined);
  }
}

/** The lane of each distinct tag, compared once per feed. */
const laneCache = new WeakMap<Feed, Map<string, BaseImageTagDrift>>();

/** A tag's lane among its repository's tags, compared once per run. */
export function laneOf(feed: Feed, tag: string): BaseImageTagDrift | undefined {
  if (!feed.listing) return undefined;
  let byTag = laneCache.get(feed);
  if (!byTag) {
    byTag = new Map();
    laneCache.set(feed, byTag);
  }
  let lane = byTag.get(tag);
  if (!lane) {
    lane = computeBaseImageTagDrift(tag, feed.listing.versions, {
      memo: feed.memo,
    });
    byTag.set(tag, lane);
  }
  return lane;
}

/**
 * The base image's drift once the run's feeds and manifests are in: `behind` when a newer tag
 * is in the lane, else `rebuilt` when the tag points at another digest, else `up-to-date` when
 * either could be checked; `error` when a request failed (what the other part found is kept).
 */
export function baseImageDrift(check: BaseImageCheck): BaseImageDrift {
  const drift: BaseImageDrift = { ...check.drift };
  if (!check.tags && !check.manifest) return drift;
  const errors: string[] = [];

  const lane = check.tags ? laneOf(check.tags.feed, check.tags.tag) : undefined;
  if (check.tags && !check.tags.feed.listing) {
    errors.push(check.tags.feed.failure ?? 'the tag listing failed');
  } else if (lane?.status === 'error') {
    errors.push(lane.error ?? 'the tags could not be compared');
  }
  if (lane && (lane.status === 'up-to-date' || lane.status === 'behind')) {
    drift.latestTag = lane.latestTag;
    drift.newestTag = lane.newestTag;
    drift.behind = lane.behind;
  }

  const manifest = check.manifest;
  if (manifest?.failure) errors.push(manifest.failure);
  drift.latestDigest = manifest?.digest;
  const rebuilt =
    !!manifest?.digest && !!drift.digest && manifest.digest !== drift.digest;
  if (rebuilt) drift.rebuiltAt = manifest?.createdAt;

  const laneKnown = lane?.status === 'up-to-date' || lane?.status === 'behind';
  if (errors.length > 0) {
    drift.status = 'error';
    drift.error = errors.join('; ');
  } else if (lane?.status === 'behind') {
    drift.status = 'behind';
  } else if (rebuilt) {
    drift.status = 'rebuilt';
  } else if (manifest?.digest || laneKnown) {
    drift.status = 'up-to-date';
  } else {
    drift.status = 'unknown';
    drift.error = lane?.error ?? 'nothing to compare';
  }
  return drift;
}
