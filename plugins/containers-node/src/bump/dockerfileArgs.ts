/**
 * A build argument whose resolved value a bump changes.
 *
 * @public
 */
export interface BuildArgChange {
  name: string;
  from: string;
  to: string;
}

/**
 * The build arguments whose resolved values differ between two containers' `build.args`
 * (`TRINO_VERSION` when it is `"!version.current"`, `BASE_IMAGE` when the base image moved,
 * a download URL that carries the version).
 */
export function changedBuildArgs(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): BuildArgChange[] {
  const changes: BuildArgChange[] = [];
  for (const [name, from] of Object.entries(before ?? {})) {
    const to = after?.[name];
    if (typeof from === 'string' && typeof to === 'string' && from !== to) {
      changes.push({ name, from, to });
    }
  }
  return changes;
}

/**
 * A Dockerfile with the defaults of `ARG NAME=<old value>` set to the new value, for every
 * changed build argument, so that the Dockerfile keeps agreeing with container.yaml (each
 * container's static tests check it). Only a default written exactly as the old value (bare or
 * in double quotes) is changed; every other byte, line endings included, stays as it is.
 */
export function moveDockerfileArgs(
  dockerfile: string,
  changes: BuildArgChange[],
): string {
  if (changes.length === 0) return dockerfile;
  const byName = new Map(changes.map(c => [c.name, c]));
  return dockerfile.replace(
    /^([ \t]*ARG[ \t]+)([A-Za-z_][A-Za-z0-9_]*)=("?)([^\s"]*)\3([ \t]*)$/gm,
    (
      line,
      start: string,
      name: string,
      quote: string,
      value: string,
      end: string,
    ) => {
      const change = byName.get(name);
      return change && change.from === value
        ? `${start}${name}=${quote}${change.to}${quote}${end}`
        : line;
    },
  );
}
