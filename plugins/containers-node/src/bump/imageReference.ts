/** An image reference taken apart: `docker.io/library/postgres:17.6-bookworm@sha256:…`. */
export interface ImageReference {
  /** Everything before the tag: registry host (with port), repository. */
  name: string;
  tag?: string;
  /** `sha256:…`, without the `@`. */
  digest?: string;
}

/**
 * Splits an image reference into name, tag and digest. The tag is what follows the last `:`
 * after the last `/`, so a registry port (`127.0.0.1:5000/app`) is not read as one. Tokens
 * (`!version.current`) may sit in any part: they hold no `:`, `/` or `@`.
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const named = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return {
    name: hasTag ? named.slice(0, colon) : named,
    tag: hasTag ? named.slice(colon + 1) : undefined,
    digest,
  };
}

/** The reference as written: `name[:tag][@digest]`. */
export function formatImageReference(image: ImageReference): string {
  return `${image.name}${image.tag !== undefined ? `:${image.tag}` : ''}${
    image.digest !== undefined ? `@${image.digest}` : ''
  }`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A tag with the version `from` replaced by `to`, or undefined when the tag does not carry
 * `from`. The version must stand on its own in the tag: at the start (after an optional `v`) or
 * after `-` or `_`, and at the end or before `-` or `_`. So `3.1.5-python3.10` carries 3.1.5,
 * `17.6-bookworm` carries 17.6-bookworm and 17.6, but `3.10-slim` does not carry 3.1 and
 * `python3.12` does not carry 3.12.
 */
export function replaceVersionInTag(
  tag: string,
  from: string,
  to: string,
): string | undefined {
  if (!from) return undefined;
  const pattern = new RegExp(`(^v?|[-_])${escapeRegExp(from)}(?=$|[-_])`, 'g');
  if (!pattern.test(tag)) return undefined;
  pattern.lastIndex = 0;
  return tag.replace(pattern, (_, before: string) => `${before}${to}`);
}
