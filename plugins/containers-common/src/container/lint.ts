import {
  CLOUD_NATIVE_METASTORE_TYPES,
  CONTAINER_PATTERNS,
  type ContainerSpec,
} from './schema';
import {
  formatContainerPath,
  type ContainerLocator,
  type ContainerPath,
  type ContainerProblem,
  type ContainerProblemRule,
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
 *
 * @public
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

/** Adds one problem of a lint rule at a field. */
type Report = (
  path: ContainerPath,
  rule: ContainerProblemRule,
  severity: ContainerProblem['severity'],
  message: string,
) => void;

/** {@link lintContainer} on a container whose tokens are already resolved. */
export function lintResolved(
  container: ContainerSpec,
  locate: ContainerLocator = NO_LOCATION,
): ContainerProblem[] {
  const problems: ContainerProblem[] = [];
  const report: Report = (path, rule, severity, message) => {
    problems.push({
      ...locate(path, 'value'),
      path: formatContainerPath(path),
      message,
      severity,
      rule,
    });
  };
  lintCloudDecision(container, report);
  lintProviderRollback(container, report);
  lintBuildPaths(container, report);
  lintBaseImageDigest(container, report);
  return problems;
}

/** `catalog-cloud-decision`: a cloud-native catalog needs a decision and the steps back. */
function lintCloudDecision(
  { catalog: metastore }: ContainerSpec,
  report: Report,
) {
  if (!metastore) {
    return;
  }
  const cloudTypes = [
    ...new Set(
      (metastore.uses ?? [])
        .map(use => use.type)
        .filter(type => CLOUD_NATIVE_METASTORE_TYPES.includes(type)),
    ),
  ];
  const cloudService = metastore.decision?.cloud_service;
  if (cloudTypes.length === 0 && !cloudService) {
    return;
  }
  const why = cloudTypes.length
    ? `this container uses a cloud-native catalog (${cloudTypes.join(', ')})`
    : `the decision names a cloud service (${cloudService})`;
  if (!metastore.decision) {
    report(
      ['catalog', 'decision'],
      'catalog-cloud-decision',
      'error',
      `required — ${why}: record the decision with adr, status, cloud_service and rationale`,
    );
  }
  if (!metastore.rollback?.steps?.length) {
    report(
      ['catalog', 'rollback', 'steps'],
      'catalog-cloud-decision',
      'error',
      `required — ${why}: list the steps back to ${
        metastore.rollback?.previous ?? 'hive_metastore'
      } in order (see ${ROLLBACK_RUNBOOK})`,
    );
  }
}

/** `catalog-provider-rollback`: a catalog provider needs a compose example and rollback notes. */
function lintProviderRollback(
  { catalog: metastore }: ContainerSpec,
  report: Report,
) {
  if (metastore?.role !== 'provider') {
    return;
  }
  if (!metastore.compose_example) {
    report(
      ['catalog', 'compose_example'],
      'catalog-provider-rollback',
      'error',
      'required — a catalog provider ships a minimal compose example that shows it in use (a path relative to the container folder, e.g. ../../docs/compose/docker-compose.rest.yaml)',
    );
  }
  const rollback = metastore.rollback;
  if (!rollback?.steps?.length && !rollback?.runbook) {
    report(
      rollback ? ['catalog', 'rollback', 'steps'] : ['catalog', 'rollback'],
      'catalog-provider-rollback',
      'error',
      `required — a catalog provider documents how to roll back: rollback.previous, the steps in order and the runbook (see ${ROLLBACK_RUNBOOK})`,
    );
  }
}

/**
 * `build-path`: the build runs on the builder's machine, so a path that leaves the container
 * folder would send another folder (a home directory, the whole checkout) to the Docker daemon.
 */
function lintBuildPaths({ build }: ContainerSpec, report: Report) {
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
}

/** `base-image-digest` (a warning): the base image pinned by its sha256 digest. */
function lintBaseImageDigest({ runtime }: ContainerSpec, report: Report) {
  const baseImage = runtime?.base_image;
  if (!baseImage || CONTAINER_PATTERNS.sha256Digest.test(baseImage.trim())) {
    return;
  }
  report(
    ['runtime', 'base_image'],
    'base-image-digest',
    'warning',
    baseImage.includes('@sha256:')
      ? 'the digest is not a sha256 digest (64 hex digits) — pin the real digest (docker buildx imagetools inspect IMAGE shows it)'
      : 'not pinned by digest — append @sha256:<digest> so every rebuild starts from the same base (docker buildx imagetools inspect IMAGE shows it)',
  );
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
