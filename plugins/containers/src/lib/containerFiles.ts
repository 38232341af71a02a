import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONTAINER_YAML } from '@dockyard/plugin-containers-common';
import { safeHref } from './safeLink';

/** The search parameter that opens a file of the container in the portal's file viewer. */
export const CONTAINER_FILE_PARAM = 'containerFile';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Whether the container's container.yaml is read from the portal's own disk
 * (`dockyard.io/container-yaml: file:…`): its files are served by the containers backend.
 */
export function isLocalContainer(entity: Entity): boolean {
  const location = entity.metadata.annotations?.[ANNOTATION_CONTAINER_YAML];
  return Boolean(location && /^file:/i.test(location));
}

/**
 * Whether a path written in container.yaml can be opened in the portal: relative to the
 * container folder, not a URL and not an absolute path (the backend refuses those), and a
 * link the portal would render (no scheme hidden behind control characters).
 */
export function isViewablePath(path: string): boolean {
  return (
    safeHref(path) !== undefined &&
    !SCHEME.test(path) &&
    !path.startsWith('/') &&
    !path.startsWith('\\') &&
    !path.startsWith('#')
  );
}

/** Collapses `.` and `..` segments; leading `..` stay (they climb out of the container folder). */
export function normalizeRelativePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (
      segment === '..' &&
      segments.length &&
      segments[segments.length - 1] !== '..'
    ) {
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/**
 * The in-app address that shows `path` (relative to the container folder) in the file viewer
 * of the current page, keeping the page's other search parameters.
 */
export function containerFileHref(
  location: { pathname: string; search: string },
  path: string,
  hash?: string,
): string {
  const params = new URLSearchParams(location.search);
  params.set(CONTAINER_FILE_PARAM, path);
  // Slashes are valid in a query; keeping them makes the address readable.
  const search = params.toString().replace(/%2F/gi, '/');
  return `${location.pathname}?${search}${hash ? `#${hash}` : ''}`;
}

/**
 * A link found in a file shown in the viewer (`href`, relative to that file), as a path relative
 * to the container folder plus its `#fragment`. Undefined for links that leave the checkout's
 * files: URLs, absolute paths, and links within the page (`#section`).
 */
export function resolveLinkedFile(
  fromPath: string,
  href: string,
): { path: string; hash?: string } | undefined {
  if (!isViewablePath(href)) return undefined;
  const [withoutHash, ...fragment] = href.split('#');
  const target = withoutHash.split('?')[0];
  if (!target) return undefined;
  const folder = fromPath.includes('/')
    ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1)
    : '';
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Keep it as written.
  }
  const path = normalizeRelativePath(`${folder}${decoded}`);
  const hash = fragment.join('#');
  return path ? { path, ...(hash && { hash }) } : undefined;
}

/**
 * The anchor GitHub gives a Markdown heading (`## 0. Prepare` → `0-prepare`), which is what
 * links inside a repository's Markdown files point at.
 */
export function githubHeadingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
