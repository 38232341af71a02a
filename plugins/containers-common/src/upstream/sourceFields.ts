import type { ContainerVersionSpec } from '../container/schema';
import { compileUserPattern, type UserPattern } from '../version/userPattern';

/**
 * The part of a version block (or a companion) that says where its upstream is.
 *
 * @public
 */
export type UpstreamSpec = Pick<
  ContainerVersionSpec,
  'strategy' | 'source' | 'component'
>;

/**
 * A field of `version.source`, trimmed, or an error naming it.
 *
 * @public
 */
export function requireSourceField(
  version: UpstreamSpec,
  field: keyof NonNullable<UpstreamSpec['source']>,
  fallback?: string,
): string {
  const value = version.source?.[field] ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(
      `version.source.${field} is required for strategy ${version.strategy}`,
    );
  }
  return value.trim();
}

/**
 * pypi: `source.package`, else `component` (the platform's files name the package there).
 *
 * @public
 */
export function pypiPackageName(version: UpstreamSpec): string {
  return requireSourceField(version, 'package', version.component);
}

/**
 * maven: `source.package` taken apart as `group:artifact`.
 *
 * @public
 */
export function mavenCoordinates(version: UpstreamSpec): {
  group: string;
  artifact: string;
} {
  const value = requireSourceField(version, 'package');
  const [group, artifact, ...rest] = value.split(':');
  if (!group || !artifact || rest.length > 0) {
    throw new Error(
      `version.source.package ${JSON.stringify(
        value,
      )} is not group:artifact (for example org.apache.kafka:kafka-clients)`,
    );
  }
  return { group, artifact };
}

/**
 * maven: `source.url` (another repository), else `defaultBase`; no trailing slash.
 *
 * @public
 */
export function mavenRepositoryBase(
  version: UpstreamSpec,
  defaultBase: string,
): string {
  return (version.source?.url ?? defaultBase).replace(/\/+$/, '');
}

/**
 * helm: the chart repository's `index.yaml`, from `source.url` or the configured repository.
 *
 * @public
 */
export function helmIndexUrl(
  version: UpstreamSpec,
  defaultRepo?: string,
): string {
  const repo = version.source?.url ?? defaultRepo;
  if (!repo) {
    throw new Error(
      'version.source.url (the chart repository) is required for strategy helm, or set containers.drift.endpoints.helm',
    );
  }
  if (repo.startsWith('oci://')) {
    throw new Error(
      `chart repository ${repo} is an OCI registry: use strategy docker-tags with source.image instead`,
    );
  }
  return /\.ya?ml$/.test(repo)
    ? repo
    : `${repo.replace(/\/+$/, '')}/index.yaml`;
}

/**
 * http-directory: `source.regex`, compiled for linear-time matching over a fetched page (throws
 * naming the field when refused, or when it has no group 1 to hold the version).
 *
 * @public
 */
export function httpDirectoryPattern(version: UpstreamSpec): UserPattern {
  const pattern = requireSourceField(version, 'regex');
  const regex = compileUserPattern(pattern, 'version.source.regex');
  if (regex.groupCount < 1) {
    throw new Error(
      `version.source.regex ${JSON.stringify(
        pattern,
      )} has no group 1: wrap the version in (…)`,
    );
  }
  return regex;
}
