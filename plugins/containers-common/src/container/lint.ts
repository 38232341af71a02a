import {
  CLOUD_NATIVE_CATALOG_TYPES,
  CONTAINER_PATTERNS,
  type ContainerSpec,
} from './schema';
import {
  formatContainerPath,
  type ContainerLocator,
  type ContainerPath,
  type ContainerProblem,
} from './problems';
import { resolveContainerTokens } from './tokens';

const ROLLBACK_RUNBOOK = 'docs/runbooks/iceberg-catalog-rollback.md';

/** A locator for containers that don't come from a file: position unknown (0:0). */
const NO_LOCATION: ContainerLocator = () => ({ file: '', line: 0, column: 0 });

/**
 * The catalog and lint rules, on an already parsed container (the parser runs them too; the
 * frontend runs them on entity data):
 * - `catalog-cloud-decision` (error): a container that uses a cloud-native catalog (`glue`, or a
 *   `decision.cloud_service`) needs a `decision` and `rollback.steps`;
 * - `catalog-provider-rollback` (error): a catalog `provider` needs a `compose_example` and
 *   rollback notes (`rollback.steps` or `rollback.runbook`);
 * - `base-image-digest` (warning): `runtime.base_image` not pinned by `@sha256:` digest.
 *
 * Without a locator the problems have file '' and line/column 0.
 */
export function lintContainer(
  container: ContainerSpec,
  locate: ContainerLocator = NO_LOCATION,
): ContainerProblem[] {
  let resolved = container;
  try {
    const result = resolveContainerTokens(container);
    if (result.problems.length === 0) {
      resolved = result.resolved;
    }
  } catch {
    // lint what is written
  }
  return lintResolved(resolved, locate);
}

/** {@link lintContainer} on a container whose tokens are already resolved. */
export function lintResolved(
  container: ContainerSpec,
  locate: ContainerLocator = NO_LOCATION,
): ContainerProblem[] {
  const problems: ContainerProblem[] = [];
  const report = (
    path: ContainerPath,
    rule: string,
    severity: ContainerProblem['severity'],
    message: string,
    at: 'key' | 'value' = 'value',
  ) => {
    problems.push({
      ...locate(path, at),
      path: formatContainerPath(path),
      message,
      severity,
      rule,
    });
  };

  const catalog = container.catalog;
  if (catalog) {
    const cloudTypes = [
      ...new Set(
        (catalog.uses ?? [])
          .map(use => use.type)
          .filter(type => CLOUD_NATIVE_CATALOG_TYPES.includes(type)),
      ),
    ];
    const cloudService = catalog.decision?.cloud_service;
    if (cloudTypes.length > 0 || cloudService) {
      const why = cloudTypes.length
        ? `this container uses a cloud-native catalog (${cloudTypes.join(
            ', ',
          )})`
        : `the decision names a cloud service (${cloudService})`;
      if (!catalog.decision) {
        report(
          ['catalog', 'decision'],
          'catalog-cloud-decision',
          'error',
          `required — ${why}: record the decision with adr, status, cloud_service and rationale`,
        );
      }
      if (!catalog.rollback?.steps?.length) {
        report(
          ['catalog', 'rollback', 'steps'],
          'catalog-cloud-decision',
          'error',
          `required — ${why}: list the steps back to ${
            catalog.rollback?.previous ?? 'hive_metastore'
          } in order (see ${ROLLBACK_RUNBOOK})`,
        );
      }
    }

    if (catalog.role === 'provider') {
      if (!catalog.compose_example) {
        report(
          ['catalog', 'compose_example'],
          'catalog-provider-rollback',
          'error',
          'required — a catalog provider ships a minimal compose example that shows it in use (a path relative to the container folder, e.g. ../../docs/compose/docker-compose.rest.yaml)',
        );
      }
      const rollback = catalog.rollback;
      if (!rollback?.steps?.length && !rollback?.runbook) {
        report(
          rollback ? ['catalog', 'rollback', 'steps'] : ['catalog', 'rollback'],
          'catalog-provider-rollback',
          'error',
          `required — a catalog provider documents how to roll back: rollback.previous, the steps in order and the runbook (see ${ROLLBACK_RUNBOOK})`,
        );
      }
    }
  }

  // The build runs on the builder's machine: a path that leaves the container folder would send
  // another folder (a home directory, the whole checkout) to the Docker daemon.
  const build = container.build;
  const buildPaths: Array<[ContainerPath, unknown]> = [
    [['build', 'context'], build?.context],
    [['build', 'dockerfile'], build?.dockerfile],
    ...(build?.files ?? []).map((file, i): [ContainerPath, unknown] => [
      ['build', 'files', i, 'source'],
      file?.source,
    ]),
  ];
  for (const [path, value] of buildPaths) {
    const escape =
      typeof value === 'string' ? containerFolderEscape(value) : undefined;
    if (escape) {
      report(
        path,
        'build-path',
        'error',
        `${JSON.stringify(
          value,
        )} ${escape}: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
      );
    }
  }

  const baseImage = container.runtime?.base_image;
  if (baseImage && !CONTAINER_PATTERNS.sha256Digest.test(baseImage.trim())) {
    const hasDigest = baseImage.includes('@sha256:');
    report(
      ['runtime', 'base_image'],
      'base-image-digest',
      'warning',
      hasDigest
        ? 'the digest is not a sha256 digest (64 hex digits) — pin the real digest (docker buildx imagetools inspect IMAGE shows it)'
        : 'not pinned by digest — append @sha256:<digest> so every rebuild starts from the same base (docker buildx imagetools inspect IMAGE shows it)',
    );
  }

  return problems;
}

/**
 * Why a path written relative to the container folder leads out of it (undefined when it stays
 * inside): an absolute path (POSIX, a Windows drive or a UNC share), or a `..` that climbs above
 * the folder. Both separators count, as either may reach a Windows builder.
 */
export function containerFolderEscape(value: string): string | undefined {
  if (/^[/\\]/.test(value) || /^[A-Za-z]:/.test(value)) {
    return 'is an absolute path';
  }
  let depth = 0;
  for (const segment of value.split(/[/\\]/)) {
    if (segment === '..') {
      depth -= 1;
      if (depth < 0) return "climbs out of the folder with '..'";
    } else if (segment !== '' && segment !== '.') {
      depth += 1;
    }
  }
  return undefined;
}
