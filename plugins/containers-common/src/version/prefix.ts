/**
 * Prefixes that upstreams put in front of their version numbers and that are always stripped
 * (longest first): `v3.5.1`, `rel/release-4.1.0` (Hive), `apache-iceberg-1.10.0`,
 * `nessie-0.105.1`, `apache-polaris-1.1.0-incubating`, `helm-chart/1.18.0` (Airflow's chart).
 *
 * @public
 */
export const KNOWN_TAG_PREFIXES = [
  'rel/release-',
  'release-',
  'apache-iceberg-',
  'apache-polaris-',
  'helm-chart/',
  'nessie-',
  'v',
  'V',
];

/**
 * A tag split into the prefix that was stripped and the version text after it.
 *
 * @public
 */
export interface TagParts {
  /** The stripped prefix, as the tag writes it ('' when none). */
  prefix: string;
  /** The rest of the tag: the version and any variant suffix. */
  rest: string;
}

/**
 * Options that add prefixes to the built-in ones.
 *
 * @public
 */
export interface StripPrefixOptions {
  /** `version.filter.strip_prefix`. */
  stripPrefix?: string;
  /** `version.component`: `<component>-` and `apache-<component>-` are stripped too. */
  component?: string;
}

function looksLikeVersionStart(text: string): boolean {
  return /^[0-9]/.test(text) || /^RELEASE\.[0-9]{4}/.test(text);
}

/**
 * The prefixes tried for a container, longest first.
 *
 * @public
 */
export function tagPrefixes(options: StripPrefixOptions = {}): string[] {
  const prefixes = new Set<string>(KNOWN_TAG_PREFIXES);
  if (options.stripPrefix) prefixes.add(options.stripPrefix);
  if (options.component) {
    prefixes.add(`${options.component}-`);
    prefixes.add(`apache-${options.component}-`);
  }
  return [...prefixes].sort((a, b) => b.length - a.length);
}

/**
 * Strips the first prefix that leaves something starting like a version (a digit, or MinIO's
 * `RELEASE.<year>`). A tag whose prefix is unknown keeps it, and is then not read as a version:
 * `arm64v8-17.6`, `providers-amazon/9.0.0` and `rel/storage-release-2.8.1` are other lanes.
 *
 * @public
 */
export function splitTagPrefix(tag: string, prefixes: string[]): TagParts {
  for (const prefix of prefixes) {
    if (
      tag.startsWith(prefix) &&
      looksLikeVersionStart(tag.slice(prefix.length))
    ) {
      return { prefix, rest: tag.slice(prefix.length) };
    }
  }
  return { prefix: '', rest: tag };
}

/**
 * The family a prefix belongs to: tags of one family are one product. `v1.2.3` and `1.2.3` are
 * the same family; `helm-chart/1.18.0` and `3.1.3` (Airflow's chart and Airflow) are not.
 *
 * @public
 */
export function prefixFamily(prefix: string): string {
  return prefix === 'v' || prefix === 'V' ? '' : prefix;
}
