import { CatalogApi } from '@backstage/catalog-client';
import { toError } from '@backstage/errors';
import { containerSlugProblem } from '@dockyard/plugin-containers-common';
import type { ContainersApi } from '../api';

/** What the form can tell about a slug before the scaffolder runs. */
export type SlugCheck =
  | { status: 'empty' }
  | { status: 'invalid'; message: string }
  | { status: 'taken'; message: string }
  | { status: 'free'; message: string }
  | { status: 'unknown'; message: string };

/**
 * Checks a slug for a new container: the shared slug rule, then whether the catalog already has
 * the component (`component:default/<slug>`, the entity a container becomes), then — when the
 * containers API is at hand — whether a container.yaml with that slug exists but never loaded
 * (it has no entity yet). The scaffolder action checks the platform repository itself again when
 * it runs.
 */
export async function checkContainerSlug(
  catalogApi: Pick<CatalogApi, 'getEntityByRef'>,
  slug: string | undefined,
  containersApi?: Pick<ContainersApi, 'listUnloadedContainerFiles'>,
): Promise<SlugCheck> {
  if (!slug) {
    return { status: 'empty' };
  }
  const problem = containerSlugProblem(slug);
  if (problem) {
    return { status: 'invalid', message: problem };
  }
  const ref = `component:default/${slug}`;
  try {
    const entity = await catalogApi.getEntityByRef(ref);
    if (entity) {
      return {
        status: 'taken',
        message: `${ref} already exists in the catalog: choose another slug`,
      };
    }
    // Not knowing the unloaded files is no reason to block: the action checks the folder anyway.
    const unloaded = await containersApi
      ?.listUnloadedContainerFiles()
      .catch(() => []);
    const broken = unloaded?.find(file => file.entityRef === ref);
    if (broken) {
      return {
        status: 'taken',
        message: `${broken.file} exists but does not load (see Container drift): fix it, or choose another slug`,
      };
    }
    return { status: 'free', message: `${slug} is free` };
  } catch (error) {
    return {
      status: 'unknown',
      message: `Could not check the catalog (${
        toError(error).message
      }); the slug is checked again when the container is created`,
    };
  }
}

/** A slug suggested from the name: "Kafka Connect (Iceberg)" → "kafka-connect-iceberg". */
export function slugFromName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug && !containerSlugProblem(slug) ? slug : undefined;
}
