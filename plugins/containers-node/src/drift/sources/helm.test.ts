import { allowLoopback, testContext } from '../__testUtils__/context';
import { startTestServer, TestServer } from '@dockyard/test-utils';
import { helmSource } from './helm';

const INDEX = `apiVersion: v1
entries:
  airflow:
    - version: 1.18.0
      appVersion: 3.0.2
      created: "2025-07-10T12:00:00.000000Z"
    - version: 1.17.0
      appVersion: 2.10.5
      created: "2025-05-02T12:00:00.000000Z"
  other:
    - version: 0.1.0
generated: "2025-07-10T12:00:00Z"
`;

describe('helm source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/charts/index.yaml') {
        res.writeHead(200, { 'content-type': 'application/x-yaml' });
        res.end(INDEX);
        return;
      }
      if (req.url === '/garbage/index.yaml') {
        res.writeHead(200);
        res.end('{{{ not yaml: [');
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  afterEach(() => server.close());

  it("lists the chart's versions with their creation dates", async () => {
    const listing = await helmSource.list(
      {
        strategy: 'helm',
        current: '1.17.0',
        source: { url: `${server.url}/charts`, chart: 'airflow' },
      },
      testContext(allowLoopback),
    );
    expect(listing.versions).toEqual([
      { tag: '1.18.0', releasedAt: '2025-07-10T12:00:00.000000Z' },
      { tag: '1.17.0', releasedAt: '2025-05-02T12:00:00.000000Z' },
    ]);
  });

  it('uses containers.drift.endpoints.helm when source.url is absent', () => {
    expect(
      helmSource.describe(
        { strategy: 'helm', current: '1', source: { chart: 'airflow' } },
        testContext({
          containers: {
            drift: { endpoints: { helm: `${server.url}/charts` } },
          },
        }),
      ).sourceUrl,
    ).toBe(`${server.url}/charts/index.yaml`);
  });

  it('explains a missing chart, a missing repository, OCI repositories and garbage', async () => {
    await expect(
      helmSource.list(
        {
          strategy: 'helm',
          current: '1',
          source: { url: `${server.url}/charts`, chart: 'nope' },
        },
        testContext(allowLoopback),
      ),
    ).rejects.toThrow(`chart "nope" is not in ${server.url}/charts/index.yaml`);
    expect(() =>
      helmSource.describe(
        { strategy: 'helm', current: '1', source: { chart: 'x' } },
        testContext({}),
      ),
    ).toThrow(/version.source.url \(the chart repository\) is required/);
    expect(() =>
      helmSource.describe(
        {
          strategy: 'helm',
          current: '1',
          source: { url: 'oci://ghcr.io/x', chart: 'x' },
        },
        testContext({}),
      ),
    ).toThrow(/is an OCI registry/);
    await expect(
      helmSource.list(
        {
          strategy: 'helm',
          current: '1',
          source: { url: `${server.url}/garbage`, chart: 'x' },
        },
        testContext(allowLoopback),
      ),
    ).rejects.toThrow(/malformed response from .*garbage\/index.yaml/);
  });
});
