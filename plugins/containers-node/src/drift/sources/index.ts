import {
  createDockerTagsSource,
  createRegistryGet,
  RegistryGet,
} from './docker';
import { endoflifeSource } from './endoflife';
import { githubReleaseSource, githubTagSource } from './github';
import { helmSource } from './helm';
import { httpDirectorySource } from './httpDirectory';
import { mavenSource } from './maven';
import { npmSource } from './npm';
import { pypiSource } from './pypi';
import { UpstreamSource } from './types';

/**
 * One source per `version.strategy` that has a feed (`manual` has none). `registryGet` reads
 * OCI registries (the engine shares one with its base image checks, and so their tokens).
 *
 * @public
 */
export function createUpstreamSources(
  options: { registryGet?: RegistryGet } = {},
): Record<string, UpstreamSource> {
  return {
    'github-release': githubReleaseSource,
    'github-tag': githubTagSource,
    'docker-tags': createDockerTagsSource(
      options.registryGet ?? createRegistryGet(),
    ),
    pypi: pypiSource,
    'http-directory': httpDirectorySource,
    maven: mavenSource,
    npm: npmSource,
    helm: helmSource,
    endoflife: endoflifeSource,
  };
}

export type { SourceContext, UpstreamListing, UpstreamSource } from './types';
export { registryEndpoint } from './docker';
