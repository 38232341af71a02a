import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const VALID_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/**
 * A valid catalog entity name for a container slug (or folder name).
 *
 * A slug that already is a valid name is kept as is, so `trino` stays `trino`. Anything else is
 * lower-cased, runs of other characters become one `-`, and a short hash of the original is
 * appended, so that two different slugs never sanitise to the same name.
 *
 * @public
 */
export function toEntityName(slug: string): string {
  if (slug.length <= MAX_NAME_LENGTH && VALID_NAME.test(slug)) {
    return slug;
  }
  const hash = createHash('sha256').update(slug).digest('hex').slice(0, 8);
  const cleaned = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH - hash.length - 1)
    .replace(/-+$/, '');
  return cleaned ? `${cleaned}-${hash}` : `container-${hash}`;
}
