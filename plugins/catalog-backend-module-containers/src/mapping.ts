import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  EntityLink,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CONTAINER_YAML,
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_IMAGE,
  ANNOTATION_PROBLEMS,
  ANNOTATION_SLUG,
  ANNOTATION_UPSTREAM_SOURCE,
  ANNOTATION_UPSTREAM_STRATEGY,
  CONTAINER_COMPONENT_TYPE,
  describeUpstream,
  type ContainerProblem,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import type { JsonObject } from '@backstage/types';
import { metastoreRelationsOf } from './metastoreInterfaces';
import type { ContainerEntityDefaults } from './config';
import { toEntityName } from './entityName';

// Problems of a container.yaml that could not become an entity, as JSON. The module's processor
// turns them into processing errors, so the catalog keeps the last good entity and shows them.
export { ANNOTATION_PROBLEMS };

/**
 * Where one container.yaml was read from.
 *
 * @public
 */
export interface ContainerYamlSource {
  /** Location ref of the file: `file:/…/trino/container.yaml` or `url:https://…/container.yaml`. */
  location: string;
  /** Web address of the container's folder without a trailing slash, when it can be browsed. */
  folderUrl?: string;
  /** Whether the folder has a README.md (linked when `folderUrl` is known). */
  hasReadme: boolean;
}

const LINK_ICONS = { homepage: 'web', documentation: 'docs', readme: 'docs' };

/**
 * The catalog entity of a container: a Component of type `container`, named after its slug, with
 * the file's content as parsed (tokens unresolved) in `spec.container`. `resolved` is the same
 * container with its tokens resolved (the parser gives both; the default suits a file without
 * tokens): the upstream is named from it, as the drift engine names it.
 *
 * @public
 */
export function containerToEntity(
  container: ContainerSpec,
  source: ContainerYamlSource,
  defaults: ContainerEntityDefaults,
  resolved: ContainerSpec = container,
): Entity {
  const relations = metastoreRelationsOf(container);
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: source.location,
    [ANNOTATION_ORIGIN_LOCATION]: source.location,
    [ANNOTATION_CONTAINER_YAML]: source.location,
    [ANNOTATION_SLUG]: container.slug,
    [ANNOTATION_UPSTREAM_STRATEGY]: container.version.strategy,
    [ANNOTATION_CURRENT_VERSION]: String(container.version.current),
  };
  if (source.folderUrl) {
    annotations[ANNOTATION_SOURCE_LOCATION] = `url:${source.folderUrl}/`;
  }
  if (container.publish?.image) {
    annotations[ANNOTATION_IMAGE] = container.publish.image;
  }
  const upstream = upstreamLabelOf(resolved);
  if (upstream) {
    annotations[ANNOTATION_UPSTREAM_SOURCE] = upstream;
  }

  const spec: Entity['spec'] = {
    type: CONTAINER_COMPONENT_TYPE,
    lifecycle: container.lifecycle ?? defaults.lifecycle,
    owner: ownerOf(container, defaults),
    system: container.system ?? defaults.system,
  };
  if (relations.providesApis.length) spec.providesApis = relations.providesApis;
  if (relations.consumesApis.length) spec.consumesApis = relations.consumesApis;
  if (relations.dependsOn.length) spec.dependsOn = relations.dependsOn;
  // Shared, not copied (a copy per file and run is most of the mapping's cost): the parsed
  // container is plain JSON data that neither the catalog nor this module changes.
  spec.container = container as unknown as JsonObject;

  const tags = (container.tags ?? []).filter(isValidTag);
  const links = linksOf(container, source);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: toEntityName(container.slug),
      title: container.name,
      description: container.summary,
      ...(tags.length && { tags }),
      ...(links.length && { links }),
      annotations,
    },
    spec,
  };
}

/**
 * The stand-in for a container.yaml that does not parse or validate: the same ref the container
 * would have (from its folder name, which a valid slug equals), carrying its problems. It never
 * becomes an entity: the module's processor turns the problems into processing errors.
 */
export function problemEntity(
  folderName: string,
  source: ContainerYamlSource,
  defaults: ContainerEntityDefaults,
  problems: ContainerProblem[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: toEntityName(folderName),
      annotations: {
        [ANNOTATION_LOCATION]: source.location,
        [ANNOTATION_ORIGIN_LOCATION]: source.location,
        [ANNOTATION_CONTAINER_YAML]: source.location,
        [ANNOTATION_SLUG]: folderName,
        [ANNOTATION_PROBLEMS]: JSON.stringify(problems),
      },
    },
    spec: {
      type: CONTAINER_COMPONENT_TYPE,
      lifecycle: defaults.lifecycle,
      owner: defaults.owner ?? 'unknown',
      system: defaults.system,
    },
  };
}

/**
 * Owner: the container's `owner`, else the target's configured default, else the first
 * maintainer as a user (`jane.doe@example.com` → `user:default/jane.doe`).
 */
export function ownerOf(
  container: ContainerSpec,
  defaults: Pick<ContainerEntityDefaults, 'owner'>,
): string {
  if (container.owner) return container.owner;
  if (defaults.owner) return defaults.owner;
  const email = container.maintainers?.[0]?.email ?? '';
  const user = toEntityName(email.split('@')[0] || 'unknown');
  return `user:default/${user}`;
}

/**
 * The upstream feed as the drift card shows it before and after a check (containers-common's
 * `describeUpstream`): `github:trinodb/trino`, `docker.io/library/postgres`, `pypi:apache-airflow`…
 * Undefined for `manual`, and for a source the drift engine would refuse too (it reports why).
 */
export function upstreamLabelOf(container: ContainerSpec): string | undefined {
  try {
    return describeUpstream(container.version)?.label;
  } catch {
    return undefined;
  }
}

function linksOf(
  container: ContainerSpec,
  source: ContainerYamlSource,
): EntityLink[] {
  const links: EntityLink[] = [];
  const add = (
    url: string | undefined,
    title: string,
    type: string,
    icon: string,
  ) => {
    if (url && /^https?:\/\//.test(url)) links.push({ url, title, type, icon });
  };
  const { homepage, source: sourceUrl, documentation } = container.links ?? {};
  add(homepage, 'Homepage', 'homepage', LINK_ICONS.homepage);
  add(sourceUrl, 'Source', 'source', sourceIcon(sourceUrl));
  add(
    documentation,
    'Documentation',
    'documentation',
    LINK_ICONS.documentation,
  );
  if (source.folderUrl && source.hasReadme) {
    add(`${source.folderUrl}/README.md`, 'README', 'readme', LINK_ICONS.readme);
  }
  return links;
}

function sourceIcon(url: string | undefined): string {
  return url && /^https:\/\/github\.com\//.test(url) ? 'github' : 'web';
}

function isValidTag(tag: string): boolean {
  return tag.length <= 63 && /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(tag);
}

/** Whether a name is usable as `metadata.name` (the catalog's own rule). */
export function isValidEntityName(name: string): boolean {
  return KubernetesValidatorFunctions.isValidObjectName(name);
}
