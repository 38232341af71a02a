/*
 * What a published package's tarball must hold for an adopter's app to use it, checked from its
 * file list and its packed package.json.
 */

/** The parts of a packed package.json the checks read. */
export interface PackedManifest {
  name: string;
  version: string;
  main?: string;
  module?: string;
  types?: string;
  configSchema?: string;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  backstage?: { role?: string };
}

/** What the source workspace has that the tarball must carry. */
export interface PackageSource {
  /** config.d.ts is there: the tarball carries it compiled, as config.schema.json. */
  hasConfigSchema: boolean;
  /** Files under migrations/ (knex migrations run at start). */
  migrations: string[];
}

/** Roles whose packages have no type declarations to ship (commands). */
const UNTYPED_ROLES = new Set(['cli']);

/**
 * Every way the tarball falls short: README, package.json, built entry points and declarations
 * under dist/, the config schema, the migrations, and `workspace:` ranges left unresolved.
 * `entries` are the tarball's paths without the leading `package/`.
 */
export function packedPackageProblems(
  entries: string[],
  manifest: PackedManifest,
  source: PackageSource,
): string[] {
  const has = new Set(entries);
  const problems: string[] = [];
  const need = (file: string | undefined, what: string) => {
    if (!file) {
      problems.push(`package.json has no ${what}`);
      return;
    }
    const path = file.replace(/^\.\//, '');
    if (!path.startsWith('dist/')) {
      problems.push(`${what} ${file} is not under dist/`);
    } else if (!has.has(path)) {
      problems.push(`${what} ${file} is not in the tarball`);
    }
  };
  for (const file of ['README.md', 'package.json']) {
    if (!has.has(file)) problems.push(`${file} is not in the tarball`);
  }
  need(manifest.main, 'main');
  if (!UNTYPED_ROLES.has(manifest.backstage?.role ?? '')) {
    need(manifest.types, 'types');
  }
  for (const [mount, target] of Object.entries(manifest.exports ?? {})) {
    if (mount === './package.json') continue;
    const conditions =
      typeof target === 'string'
        ? { default: target }
        : (target as Record<string, string>);
    for (const [condition, file] of Object.entries(conditions)) {
      if (condition === 'backstage') continue;
      need(file, `exports["${mount}"].${condition}`);
    }
  }
  if (source.hasConfigSchema) {
    if (manifest.configSchema !== 'config.schema.json') {
      problems.push(
        `configSchema is ${JSON.stringify(
          manifest.configSchema,
        )}, not the compiled config.schema.json`,
      );
    } else if (!has.has('config.schema.json')) {
      problems.push('config.schema.json is not in the tarball');
    }
  }
  for (const migration of source.migrations) {
    if (!has.has(`migrations/${migration}`)) {
      problems.push(`migrations/${migration} is not in the tarball`);
    }
  }
  for (const section of ['dependencies', 'peerDependencies'] as const) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      if (range.startsWith('workspace:')) {
        problems.push(`${section}.${name} is still "${range}"`);
      }
    }
  }
  return problems;
}
