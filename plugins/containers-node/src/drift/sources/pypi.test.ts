import { testContext } from '../__testUtils__/context';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { pypiSource } from './pypi';

describe('pypi source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/pypi/apache-airflow/json') {
        sendJson(res, {
          info: {
            project_urls: {
              Documentation: 'https://airflow.apache.org/docs/',
              'Release Notes':
                'https://airflow.apache.org/docs/apache-airflow/stable/release_notes.html',
            },
          },
          releases: {
            '3.1.2': [
              {
                yanked: false,
                upload_time_iso_8601: '2025-11-05T10:00:00.000Z',
              },
              {
                yanked: false,
                upload_time_iso_8601: '2025-11-05T09:00:00.000Z',
              },
            ],
            '3.1.3': [
              {
                yanked: false,
                upload_time_iso_8601: '2025-11-20T10:00:00.000Z',
              },
            ],
            '3.1.4': [
              {
                yanked: true,
                upload_time_iso_8601: '2025-12-01T10:00:00.000Z',
              },
            ],
            '0.1': [],
          },
        });
        return;
      }
      if (req.url === '/pypi/broken/json') {
        sendJson(res, { info: {} });
        return;
      }
      sendJson(res, { message: 'Not Found' }, {}, 404);
    });
  });
  afterEach(() => server.close());
  const context = () =>
    testContext({ containers: { drift: { endpoints: { pypi: server.url } } } });

  it('lists releases with dates, skips yanked ones, links the release notes', async () => {
    const listing = await pypiSource.list(
      {
        strategy: 'pypi',
        current: '3.1.2',
        source: { package: 'apache-airflow' },
      },
      context(),
    );
    const notes =
      'https://airflow.apache.org/docs/apache-airflow/stable/release_notes.html';
    expect(listing.versions).toEqual([
      {
        tag: '3.1.2',
        releasedAt: '2025-11-05T09:00:00.000Z',
        releaseNotesUrl: notes,
      },
      {
        tag: '3.1.3',
        releasedAt: '2025-11-20T10:00:00.000Z',
        releaseNotesUrl: notes,
      },
      { tag: '0.1', releasedAt: undefined, releaseNotesUrl: notes },
    ]);
  });

  it('accepts the endpoint with its /pypi path', async () => {
    const listing = await pypiSource.list(
      {
        strategy: 'pypi',
        current: '3.1.2',
        source: { package: 'apache-airflow' },
      },
      testContext({
        containers: { drift: { endpoints: { pypi: `${server.url}/pypi` } } },
      }),
    );
    expect(listing.versions.map(v => v.tag)).toEqual(['3.1.2', '3.1.3', '0.1']);
  });

  it('falls back to version.component for the package, as the platform does', () => {
    expect(
      pypiSource.describe(
        {
          strategy: 'pypi',
          current: '1.10.0',
          component: 'great_expectations',
        },
        context(),
      ),
    ).toMatchObject({
      label: 'pypi:great_expectations',
      sourceUrl: `${server.url}/project/great_expectations/`,
    });
    expect(() =>
      pypiSource.describe({ strategy: 'pypi', current: '1' }, context()),
    ).toThrow('version.source.package is required for strategy pypi');
  });

  it('says when the package does not exist or the document is malformed', async () => {
    await expect(
      pypiSource.list(
        { strategy: 'pypi', current: '1', source: { package: 'nothing' } },
        context(),
      ),
    ).rejects.toThrow(
      `PyPI has no package "nothing" (${server.url}/pypi/nothing/json)`,
    );
    await expect(
      pypiSource.list(
        { strategy: 'pypi', current: '1', source: { package: 'broken' } },
        context(),
      ),
    ).rejects.toThrow(/malformed response from .*: no "releases" object/);
  });
});
