import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import { requireSourceField, UpstreamSource } from './types';

function coordinates(version: Parameters<UpstreamSource['describe']>[0]) {
  const value = requireSourceField(version, 'package');
  const [group, artifact, ...rest] = value.split(':');
  if (!group || !artifact || rest.length > 0) {
    throw new Error(
      `version.source.package ${JSON.stringify(
        value,
      )} is not group:artifact (for example org.apache.kafka:kafka-clients)`,
    );
  }
  return { group, artifact };
}

function repositoryBase(
  version: Parameters<UpstreamSource['describe']>[0],
  defaultBase: string,
) {
  return (version.source?.url ?? defaultBase).replace(/\/+$/, '');
}

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
  describe(version, context) {
    const { group, artifact } = coordinates(version);
    const base = repositoryBase(version, context.config.endpoints.maven);
    return {
      key: `maven:${base}/${group}:${artifact}`,
      label: `maven:${group}:${artifact}`,
      sourceUrl:
        base === context.config.endpoints.maven && !version.source?.url
          ? `https://central.sonatype.com/artifact/${group}/${artifact}`
          : `${base}/${group.replace(/\./g, '/')}/${artifact}/`,
    };
  },
  async list(version, context) {
    const { group, artifact } = coordinates(version);
    const base = repositoryBase(version, context.config.endpoints.maven);
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
