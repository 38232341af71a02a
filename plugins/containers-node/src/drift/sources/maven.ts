import {
  mavenCoordinates,
  mavenRepositoryBase,
} from '@dockyard/plugin-containers-common';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import { describeFeed, UpstreamSource } from './types';

/** Versions listed in a maven-metadata.xml document. */
export function readMavenMetadata(xml: string, url: string): string[] {
  const versionsBlock = /<versions>([\s\S]*?)<\/versions>/.exec(xml);
  if (!/<metadata[\s>]/.test(xml) || !versionsBlock) {
    throw new Error(
      `malformed response from ${url}: expected maven-metadata.xml with <versioning><versions>`,
    );
  }
  return [
    ...versionsBlock[1].matchAll(/<version>\s*([^<\s]+)\s*<\/version>/g),
  ].map(match => match[1]);
}

/** `maven`: `<repository>/<group path>/<artifact>/maven-metadata.xml` (Maven Central by default). */
export const mavenSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const { group, artifact } = mavenCoordinates(version);
    const base = mavenRepositoryBase(version, context.config.endpoints.maven);
    const url = `${base}/${group.replace(
      /\./g,
      '/',
    )}/${artifact}/maven-metadata.xml`;
    try {
      const response = await context.http.get(url, {
        accept: 'application/xml, text/xml',
      });
      return {
        versions: readMavenMetadata(response.body, url).map(tag => ({ tag })),
      };
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.status === 404) {
        throw new Error(
          `no maven-metadata.xml for ${group}:${artifact} at ${url}`,
        );
      }
      throw error;
    }
  },
};
