import path from 'node:path';
import type { Config } from '@backstage/config';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { toError } from '@backstage/errors';
import { findContainersDir } from './containers';
import { CliError, type CliIo } from './context';

/**
 * App config for commands that reach upstreams (`containers.drift`, `integrations.github`):
 * the `--config` files (relative to the working directory), or else `app-config.yaml` (and
 * `app-config.local.yaml`) of `rootDir` when there is one, with `${VAR}` substitutions from the
 * environment. A file that cannot be read is a usage error (exit 2).
 */
export async function loadAppConfig(
  io: CliIo,
  files: string[],
  rootDir: string,
): Promise<Config> {
  try {
    const source = ConfigSources.merge([
      // An empty base: a checkout without app-config.yaml reads as empty config, not an error.
      StaticConfigSource.create({ data: {}, context: 'defaults' }),
      ConfigSources.default({
        argv: files.flatMap(file => ['--config', path.resolve(io.cwd, file)]),
        rootDir,
        env: io.env,
        // Read once: a watched file that fails to parse would be waited on, not reported.
        watch: false,
        allowMissingDefaultConfig: true,
      }),
    ]);
    const config = await ConfigSources.toConfig(source);
    config.close();
    return config;
  } catch (error) {
    throw new CliError(`cannot read config: ${toError(error).message}`, 2);
  }
}

/** Where `dockyard drift` and `dockyard bump` start: a checkout's containers folder and config. */
export interface Checkout {
  /** The folder holding the container folders. */
  containersDir: string;
  /** The app config of the checkout holding it, or of the `--config` files. */
  config: Config;
}

/**
 * The containers folder (`--dir`, else searched upward from the working directory, as every
 * command does) and the app config of its checkout.
 */
export async function loadCheckout(
  io: CliIo,
  options: { dir?: string; config?: string[] },
): Promise<Checkout> {
  const containersDir = await findContainersDir(io, options.dir);
  const config = await loadAppConfig(
    io,
    options.config ?? [],
    path.dirname(containersDir),
  );
  return { containersDir, config };
}
