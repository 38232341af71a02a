import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONTAINER_YAML } from '@dockyard/plugin-containers-common';

/** Resolves a relative path against a base URL the way the SCM host lays out files. */
export type ResolveUrl = (options: { url: string; base: string }) => string;

const BROWSABLE = /^https?:\/\//i;

/** The target of a Backstage location reference (`url:https://…`, `file:/…`) or a plain URL. */
function locationTarget(value: string): string {
  const match = /^(url|file):(.*)$/i.exec(value);
  return match ? match[2] : value;
}

/**
 * The URL that paths in a container.yaml are relative to, when people can open it in a browser:
 * the `dockyard.io/container-yaml` location (relative paths resolve against its folder), else the
 * entity's `backstage.io/source-location` folder. Undefined for files on the portal's own disk.
 */
export function containerBaseUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const containerYaml = annotations[ANNOTATION_CONTAINER_YAML];
  if (containerYaml) {
    const target = locationTarget(containerYaml);
    if (BROWSABLE.test(target)) return target;
  }
  const sourceLocation = annotations[ANNOTATION_SOURCE_LOCATION];
  if (sourceLocation) {
    const target = locationTarget(sourceLocation);
    // A source location names a folder; without the slash, `..` would climb one level too many.
    if (BROWSABLE.test(target))
      return target.endsWith('/') ? target : `${target}/`;
  }
  return undefined;
}

/**
 * A link for a path written in container.yaml (`runbook`, `compose_example`, `adr`, config
 * files): absolute URLs as they are, relative paths against the container folder when that is
 * browsable. Undefined when there is nothing to link to: show the path as text.
 */
export function resolveContainerLink(
  path: string,
  baseUrl: string | undefined,
  resolveUrl: ResolveUrl,
): string | undefined {
  if (BROWSABLE.test(path)) return path;
  if (!baseUrl) return undefined;
  try {
    return resolveUrl({ url: path, base: baseUrl });
  } catch {
    return undefined;
  }
}
