import { createDockerTagsSource } from './docker';
import { endoflifeSource } from './endoflife';
import { githubReleaseSource, githubTagSource } from './github';
import { helmSource } from './helm';
import { httpDirectorySource } from './httpDirectory';
import { mavenSource } from './maven';
import { npmSource } from './npm';
import { pypiSource } from './pypi';
import { UpstreamSource } from './types';

/** One source per `version.strategy` that has a feed (`manual` has none). */
export function createUpstreamSources(): Record<string, UpstreamSource> {
  return {
    'github-release': githubReleaseSource,
    'github-tag': githubTagSource,
    'docker-tags': createDockerTagsSource(),
    pypi: pypiSource,
    'http-directory': httpDirectorySource,
    maven: mavenSource,
    npm: npmSource,
    helm: helmSource,
    endoflife: endoflifeSource,
  };
}

export type {
  SourceContext,
  UpstreamListing,
  UpstreamRef,
  UpstreamSource,
} from './types';
export { parseImageName, registryEndpoint } from './docker';
export { parseGithubRepo } from './github';
