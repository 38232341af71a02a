import { formatContainerPath } from '@dockyard/plugin-containers-common';
import { quoted } from './companionPin';
import {
  formatImageReference,
  parseImageReference,
  replaceVersionInTag,
} from './imageReference';
import { pinTarget } from './pinTarget';
import { BumpError, type BaseImageMoveReason } from './types';
import type { ContainerPin } from './yamlEdit';

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const TOKEN_INSIDE = /![A-Za-z_]/;

/** What {@link planBaseImageRepin} reads. */
export interface BaseImageRepinOptions {
  /** The container as written (tokens unresolved), with the bump's other edits made. */
  container: object;
  /** `runtime.base_image` with tokens resolved, after the bump's other edits. */
  image: string | undefined;
  /** `version.current` after the bump's other edits: a tag carrying it moves only with it. */
  version: string;
  /** A newer tag of the lane to move to (a `behind` run); absent: the same tag's digest now. */
  tag?: string;
  /** The file as messages name it. */
  label: string;
  manifestDigest(image: { name: string; tag: string }): Promise<string>;
}

/**
 * The edit that re-pins a base image: its tag (or the newer tag of its lane) to the digest the
 * registry gives for it now, written where `runtime.base_image` is written (or the field its
 * whole-string token names). Undefined when the registry gives the digest already pinned.
 * Throws {@link BumpError} when there is nothing to re-pin or the written reference cannot be
 * changed safely: no base image, no tag, no digest (unless only the tag moves), a digest that is
 * not `sha256:<64 hex>` or a tag written through a token (it moves with that field).
 */
export async function planBaseImageRepin(
  options: BaseImageRepinOptions,
): Promise<{ pin: ContainerPin; reason: BaseImageMoveReason } | undefined> {
  const { label, image: reference } = options;
  if (reference === undefined) {
    throw new BumpError(`${label} has no runtime.base_image to re-pin`);
  }
  const image = parseImageReference(reference);
  const target = pinTarget(options.container, ['runtime', 'base_image']);
  const field = formatContainerPath(target.path);
  const written = parseImageReference(target.raw);
  const tag = options.tag ?? image.tag;
  const newTag = tag !== image.tag;
  if (image.digest === undefined && !newTag) {
    throw new BumpError(
      `${label}: runtime.base_image ${quoted(
        reference,
        120,
      )} is not pinned by digest, so there is nothing to re-pin — write repo:tag@sha256:… to pin it`,
    );
  }
  if (image.tag === undefined || tag === undefined) {
    throw new BumpError(
      `${label}: runtime.base_image ${quoted(
        reference,
        120,
      )} is pinned by digest only: there is no tag to ask the registry about — write repo:tag@sha256:…`,
    );
  }
  if (
    image.digest !== undefined &&
    (!written.digest || !SHA256_DIGEST.test(written.digest))
  ) {
    throw new BumpError(
      `${label}: ${field} is pinned by a digest that is not written as sha256:<64 hex> (${quoted(
        target.raw,
        120,
      )}): re-pin it by hand`,
    );
  }
  if (newTag) {
    if (written.tag !== image.tag || TOKEN_INSIDE.test(written.tag ?? '')) {
      throw new BumpError(
        `${label}: the base image's tag is written through a token (${quoted(
          target.raw,
          120,
        )}): it moves with the field the token names`,
      );
    }
    if (replaceVersionInTag(image.tag, options.version, tag) !== undefined) {
      throw new BumpError(
        `${label}: the base image's tag ${quoted(
          image.tag,
        )} carries version.current ${quoted(
          options.version,
        )}: it moves with the version, not on its own`,
      );
    }
  }
  const digest =
    image.digest === undefined
      ? undefined
      : await options.manifestDigest({ name: image.name, tag });
  if (!newTag && digest === image.digest) return undefined;
  return {
    pin: {
      path: target.path,
      value: formatImageReference({
        ...written,
        tag: newTag ? tag : written.tag,
        digest: digest ?? written.digest,
      }),
    },
    reason: newTag ? 'newer-tag' : 'rebuilt',
  };
}
