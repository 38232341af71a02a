import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { allowLoopback, testContext } from '../__testUtils__/context';
import { startTestServer, TestServer } from '@dockyard/test-utils';
import { mavenSource, readMavenMetadata } from './maven';

const METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>org.apache.kafka</groupId>
  <artifactId>kafka-clients</artifactId>
  <versioning>
    <latest>4.1.0</latest>
    <release>4.1.0</release>
    <versions>
      <version>3.9.0</version>
      <version>3.9.1</version>
      <version>4.0.0</version>
      <version>4.1.0</version>
    </versions>
    <lastUpdated>20250902073216</lastUpdated>
  </versioning>
</metadata>`;

describe('maven source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      if (
        req.url === '/maven2/org/apache/kafka/kafka-clients/maven-metadata.xml'
      ) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(METADATA);
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  afterEach(() => server.close());

  it('reads maven-metadata.xml under the group path', async () => {
    const version: ContainerVersionSpec = {
      strategy: 'maven',
      current: '3.9.1',
      source: { package: 'org.apache.kafka:kafka-clients' },
    };
    const listing = await mavenSource.list(
      version,
      testContext({
        containers: {
          drift: { endpoints: { maven: `${server.url}/maven2/` } },
        },
      }),
    );
    expect(listing.versions.map(v => v.tag)).toEqual([
      '3.9.0',
      '3.9.1',
      '4.0.0',
      '4.1.0',
    ]);
  });

  it('uses source.url for another repository', async () => {
    const version: ContainerVersionSpec = {
      strategy: 'maven',
      current: '3.9.1',
      source: {
        package: 'org.apache.kafka:kafka-clients',
        url: `${server.url}/maven2`,
      },
    };
    const listing = await mavenSource.list(version, testContext(allowLoopback));
    expect(listing.versions).toHaveLength(4);
  });

  it('explains bad coordinates, a missing artifact and a malformed document', async () => {
    const context = testContext({
      containers: { drift: { endpoints: { maven: `${server.url}/maven2` } } },
    });
    expect(() =>
      mavenSource.describe(
        {
          strategy: 'maven',
          current: '1',
          source: { package: 'kafka-clients' },
        },
        context,
      ),
    ).toThrow(/is not group:artifact/);
    await expect(
      mavenSource.list(
        {
          strategy: 'maven',
          current: '1',
          source: { package: 'org.example:none' },
        },
        context,
      ),
    ).rejects.toThrow(/no maven-metadata.xml for org.example:none at/);
    expect(() => readMavenMetadata('<html></html>', 'http://x')).toThrow(
      /expected maven-metadata.xml/,
    );
  });
});
