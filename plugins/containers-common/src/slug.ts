/**
 * Longest slug of a new container: the longest catalog entity name.
 *
 * @public
 */
export const MAX_CONTAINER_SLUG_LENGTH = 63;

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Folder names never given to a new container: the template folder itself, and names that are
 * device files on Windows checkouts.
 */
const RESERVED_SLUGS = new Set([
  '_template',
  'template',
  'con',
  'prn',
  'aux',
  'nul',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(n => [`com${n}`, `lpt${n}`]),
]);

/**
 * Why `slug` cannot name a new container, or undefined when it can. Shared by the generator
 * (scaffolder actions, `dockyard new`) and the form's slug field, so both say the same.
 *
 * A slug is the folder name under `containers/` and the catalog entity name, so it must be a
 * single, portable path segment: lower case letters, digits and single `-`, starting with a letter.
 * (Existing files are read with the parser's looser `slug` rule.)
 *
 * @public
 */
export function containerSlugProblem(slug: string): string | undefined {
  if (slug === '') {
    return 'slug is empty';
  }
  const shown = JSON.stringify(slug);
  if (RESERVED_SLUGS.has(slug.toLowerCase())) {
    return `slug ${shown} is reserved`;
  }
  if (slug.length > MAX_CONTAINER_SLUG_LENGTH) {
    return `slug ${shown} is longer than ${MAX_CONTAINER_SLUG_LENGTH} characters`;
  }
  if (slug.includes('/') || slug.includes('\\') || slug.includes('..')) {
    return `slug ${shown} must be a single folder name, not a path`;
  }
  if (slug !== slug.toLowerCase()) {
    return `slug ${shown} must be lower case`;
  }
  if (!SLUG.test(slug)) {
    return `slug ${shown} must be lower case letters, digits and single "-", starting with a letter (for example "hive-metastore")`;
  }
  return undefined;
}
