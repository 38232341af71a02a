import { githubWebUrl, parseGithubRepo } from './githubRepo';
import { imagePageUrl, parseImageName } from './imageName';
import {
  helmIndexUrl,
  httpDirectoryPattern,
  mavenCoordinates,
  mavenRepositoryBase,
  pypiPackageName,
  requireSourceField,
  type UpstreamSpec,
} from './sourceFields';

/**
 * One upstream feed, as containers name it. Containers with the same `key` share one fetch.
 *
 * @public
 */
export interface UpstreamRef {
  /** Identity of the feed: equal keys are fetched once per run. */
  key: string;
  /** For people: `github:trinodb/trino`, `docker.io/library/postgres`, `pypi:apache-airflow`. */
  label: string;
  /** A page about the feed for people (release page, registry page, project page). */
  sourceUrl?: string;
}

/**
 * The registries a feed is read from, when the container does not name its own.
 *
 * @public
 */
export interface UpstreamEndpoints {
  pypi: string;
  npm: string;
  maven: string;
  /** A default chart repository for helm containers without `source.url`. */
  helm?: string;
  endoflife: string;
}

/**
 * The public registries (`containers.drift.endpoints` replaces them, e.g. with a mirror).
 *
 * @public
 */
export const DEFAULT_UPSTREAM_ENDPOINTS: UpstreamEndpoints = {
  pypi: 'https://pypi.org',
  npm: 'https://registry.npmjs.org',
  maven: 'https://repo1.maven.org/maven2',
  endoflife: 'https://endoflife.date',
};

function describeGithub(
  version: UpstreamSpec,
  kind: 'releases' | 'tags',
): UpstreamRef {
  const repo = parseGithubRepo(version);
  const host = repo.host === 'github.com' ? '' : `${repo.host}/`;
  return {
    key: `${version.strategy}:${repo.host}/${repo.owner}/${repo.name}`.toLowerCase(),
    label: `github:${host}${repo.owner}/${repo.name}`,
    sourceUrl: `${githubWebUrl(repo)}/${kind}`,
  };
}

function describeMaven(
  version: UpstreamSpec,
  endpoints: UpstreamEndpoints,
): UpstreamRef {
  const { group, artifact } = mavenCoordinates(version);
  const base = mavenRepositoryBase(version, endpoints.maven);
  return {
    key: `maven:${base}/${group}:${artifact}`,
    label: `maven:${group}:${artifact}`,
    sourceUrl:
      base === endpoints.maven && !version.source?.url
        ? `https://central.sonatype.com/artifact/${group}/${artifact}`
        : `${base}/${group.replace(/\./g, '/')}/${artifact}/`,
  };
}

/**
 * Names the upstream feed of a version block or a companion: the one name the catalog shows
 * before the first drift check and the drift engine after it. Undefined for `manual` (no feed).
 * Throws a readable error naming the field when `version.source` is incomplete or malformed.
 * `endpoints` are the configured registries; the key depends on them, the label never does.
 *
 * @public
 */
export function describeUpstream(
  version: UpstreamSpec,
  endpoints: UpstreamEndpoints = DEFAULT_UPSTREAM_ENDPOINTS,
): UpstreamRef | undefined {
  switch (version.strategy) {
    case 'github-release':
      return describeGithub(version, 'releases');
    case 'github-tag':
      return describeGithub(version, 'tags');
    case 'docker-tags': {
      const image = parseImageName(requireSourceField(version, 'image'));
      const name = `${image.registry}/${image.repository}`;
      return {
        key: `docker-tags:${name}`,
        label: name,
        sourceUrl: imagePageUrl(image),
      };
    }
    case 'pypi': {
      const name = pypiPackageName(version);
      return {
        key: `pypi:${endpoints.pypi}/${name.toLowerCase()}`,
        label: `pypi:${name}`,
        sourceUrl: `${endpoints.pypi}/project/${name}/`,
      };
    }
    case 'http-directory': {
      const url = requireSourceField(version, 'url');
      const regex = requireSourceField(version, 'regex');
      httpDirectoryPattern(version);
      // The versions come from the page and the pattern together: one fetch per pair.
      const key = `http-directory:${JSON.stringify([url, regex])}`;
      return { key, label: url, sourceUrl: url };
    }
    case 'maven':
      return describeMaven(version, endpoints);
    case 'npm': {
      const name = requireSourceField(version, 'package');
      return {
        key: `npm:${endpoints.npm}/${name}`,
        label: `npm:${name}`,
        sourceUrl: `https://www.npmjs.com/package/${name}`,
      };
    }
    case 'helm': {
      const url = helmIndexUrl(version, endpoints.helm);
      const chart = requireSourceField(version, 'chart');
      return {
        key: `helm:${url}#${chart}`,
        label: `helm:${chart}`,
        sourceUrl: url,
      };
    }
    case 'endoflife': {
      const product = requireSourceField(version, 'product');
      return {
        key: `endoflife:${endpoints.endoflife}/${product}`,
        label: `endoflife:${product}`,
        sourceUrl: `https://endoflife.date/${product}`,
      };
    }
    default:
      // manual, and a strategy the schema does not know (an entity's JSON is not typed)
      return undefined;
  }
}
