/** A whole-string token naming a build arg: `!build.args.ICEBERG_VERSION`. */
const BUILD_ARG_TOKEN = /^!build\.args\.([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * The build arg a companion is pinned by: the `NAME` of a `current` written as the whole-value
 * token `!build.args.NAME` (in the file as written; once resolved, `current` holds the arg's
 * value). Undefined for a plain version or any other value.
 *
 * @public
 */
export function companionBuildArg(current: unknown): string | undefined {
  return typeof current === 'string'
    ? BUILD_ARG_TOKEN.exec(current)?.[1]
    : undefined;
}
