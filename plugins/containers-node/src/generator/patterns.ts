/*
 * Strict patterns for every value the generator places into a file other than container.yaml
 * (Dockerfile, shell scripts, README tables). A value that matches has no whitespace, quotes,
 * backticks, `$`, `|` or line breaks, so it cannot change the meaning of the file around it.
 */

// Image references, after the OCI distribution reference grammar.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?`;
const REPOSITORY = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';

const IMAGE_REPOSITORY_PATTERN = new RegExp(`^${REPOSITORY}$`);
const IMAGE_REFERENCE_PATTERN = new RegExp(
  `^${REPOSITORY}(?::${TAG})?(?:@${DIGEST})?$`,
);
const REGISTRY_PATTERN = new RegExp(`^${DOMAIN}(?:/${PATH_COMPONENT})*$`);
const MAX_IMAGE_LENGTH = 255;

/** An image repository without tag or digest: `ghcr.io/example/data-platform/trino`. */
export function isImageRepository(value: string): boolean {
  return (
    value.length <= MAX_IMAGE_LENGTH && IMAGE_REPOSITORY_PATTERN.test(value)
  );
}

/** An image reference with a tag and/or digest: `docker.io/library/debian:bookworm-slim`. */
export function isPinnedImageReference(value: string): boolean {
  return (
    value.length <= MAX_IMAGE_LENGTH + 80 &&
    IMAGE_REFERENCE_PATTERN.test(value) &&
    !IMAGE_REPOSITORY_PATTERN.test(value)
  );
}

/** A registry host with an optional namespace: `ghcr.io/example/data-platform`. */
export function isRegistry(value: string): boolean {
  return value.length <= MAX_IMAGE_LENGTH && REGISTRY_PATTERN.test(value);
}

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}$/;

/** An upstream version as written in `version.current`: `4.0.1`, `476`, `17.6-bookworm`, `v2.1.0`. */
export function isVersion(value: string): boolean {
  return VERSION.test(value);
}

const PUBLISH_TAG =
  /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|![A-Za-z_][A-Za-z0-9_.]*)$/;

/** An image tag, or a container.yaml token that resolves to one (`!version.current`). */
export function isPublishTag(value: string): boolean {
  return PUBLISH_TAG.test(value);
}

const ENTITY_REF =
  /^(?:[A-Za-z][A-Za-z0-9]*:)?(?:[a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** A catalog entity reference: `group:default/data-platform-team`, `user:jane`, `data-platform`. */
export function isEntityRef(value: string): boolean {
  return ENTITY_REF.test(value);
}

const HOSTNAME =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?$/;

/** A host name with an optional port: `github.example.com`. */
export function isHostname(value: string): boolean {
  return value.length <= 253 && HOSTNAME.test(value);
}

const GITHUB_REPO =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** A GitHub repository: `trinodb/trino`. */
export function isGithubRepo(value: string): boolean {
  return (
    GITHUB_REPO.test(value) && !value.endsWith('/.') && !value.endsWith('/..')
  );
}

const PACKAGE =
  /^@?[A-Za-z0-9][A-Za-z0-9._-]*(?:[/:][A-Za-z0-9][A-Za-z0-9._-]*)?$/;

/** A package name: PyPI `apache-airflow`, npm `@scope/name`, Maven `group:artifact`. */
export function isPackageName(value: string): boolean {
  return value.length <= 214 && PACKAGE.test(value);
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** A lower-case identifier such as a Helm chart or an endoflife.date product. */
export function isSimpleName(value: string): boolean {
  return NAME.test(value);
}

/** An http(s) URL with no whitespace or quotes. */
export function isHttpUrl(value: string): boolean {
  if (/[\s"'`<>\\]/.test(value)) {
    return false;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A relative path inside the repository or an http(s) URL, as used by `catalog.rollback.runbook`,
 * `catalog.compose_example` and `catalog.decision.adr`.
 */
export function isPathOrUrl(value: string): boolean {
  if (isHttpUrl(value)) {
    return true;
  }
  return /^(?!\/)[A-Za-z0-9._/-]{1,300}$/.test(value) && !value.includes('//');
}

const CATALOG_URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>\\]{1,300}$/;

/** A catalog endpoint: `thrift://hive-metastore:9083`, `glue://eu-west-1/123456789012`. */
export function isCatalogUri(value: string): boolean {
  return CATALOG_URI.test(value);
}

const PORT_NAME = /^[a-z][a-z0-9-]{0,14}$/;

/** A port name (as in Kubernetes): `http`, `spark-ui`. */
export function isPortName(value: string): boolean {
  return PORT_NAME.test(value) && !value.endsWith('-');
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** An environment variable name: `APP_LOG_LEVEL`. */
export function isEnvName(value: string): boolean {
  return ENV_NAME.test(value);
}

const CATALOG_TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A catalog tag: lower case, `a-z0-9` and `-`. */
export function isCatalogTag(value: string): boolean {
  return value.length <= 63 && CATALOG_TAG.test(value);
}

const EMAIL = /^[^\s@"'<>(),;:\\]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** An e-mail address (a plausible one: no whitespace, quotes or brackets). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
