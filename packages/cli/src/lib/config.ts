import path from 'node:path';
import type { Config } from '@backstage/config';
import {
  ConfigSources,
  StaticConfigSource,
} from '@backstage/config-loader';
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
    throw new CliError(`cannot read config: ${(error as Error).message}`, 2);
  }
}
