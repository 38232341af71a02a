import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  BaseImageDrift,
  CompanionDrift,
  DriftRecord,
} from '@dockyard/plugin-containers-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { containersApiRef } from '../../api';
import {
  ago,
  containerEntity,
  DAY,
  driftRecord,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { ContainerDriftCard } from './ContainerDriftCard';

const PINNED = `sha256:0123456789ab${'0'.repeat(52)}`;
const MOVED = `sha256:fedcba987654${'f'.repeat(52)}`;

function companion(
  name: string,
  overrides: Partial<CompanionDrift> = {},
): CompanionDrift {
  return {
    name,
    strategy: 'maven',
    source: `maven:org.apache.iceberg:${name}`,
    current: '1.6.1',
    latest: '1.6.1',
    status: 'up-to-date',
    ...overrides,
  };
}

function baseImage(overrides: Partial<BaseImageDrift> = {}): BaseImageDrift {
  return {
    image: 'docker.io/library/python',
    source: 'docker.io/library/python',
    sourceUrl: 'https://hub.docker.com/_/python',
    tag: '3.12.7-slim-bookworm',
    digest: PINNED,
    latestDigest: PINNED,
    latestTag: '3.12.7-slim-bookworm',
    status: 'up-to-date',
    ...overrides,
  };
}

/** A Spark image whose main version is up to date, with what the test pins besides. */
function spark(overrides: Partial<DriftRecord>): DriftRecord {
  return driftRecord({
    entityRef: 'component:default/spark',
    slug: 'spark',
    source: 'github:apache/spark',
    sourceUrl: 'https://github.com/apache/spark/releases',
    current: '3.5.3',
    latest: '3.5.3',
    status: 'up-to-date',
    ...overrides,
  });
}

async function renderCard(record: DriftRecord) {
  const authorize = jest.fn(() => AuthorizeResult.DENY);
  const api = mockContainersApi({ getDrift: jest.fn(async () => record) });
  // renderInTestApp renders synchronously; the record arrives a microtask later, inside act().
  await act(async () => {
    renderInTestApp(
      <TestApiProvider
        apis={[[containersApiRef, api], mockApis.permission({ authorize })]}
      >
        <FreshPermissionCache>
          <EntityProvider entity={containerEntity('spark')}>
            <ContainerDriftCard />
          </EntityProvider>
        </FreshPermissionCache>
      </TestApiProvider>,
    );
  });
  await waitFor(() => expect(authorize).toHaveBeenCalled());
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  await waitFor(() =>
    expect(document.querySelector('[data-status]')).not.toBeNull(),
  );
}

/** The headline's status chip: the first chip on the card. */
function headlineStatus(): string | null {
  return document.querySelector('[data-status]')!.getAttribute('data-status');
}

/** The pinned-versions entry whose name is `name`. */
function entry(name: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Pinned versions' });
  const item = within(list)
    .getAllByRole('listitem')
    .find(li => within(li).queryByText(name, { exact: true }));
  if (!item) throw new Error(`no pinned version ${name}`);
  return item;
}

jest.setTimeout(30_000);

describe('ContainerDriftCard pinned versions', () => {
  it('heads with a companion that is behind while the main version is up to date', async () => {
    await renderCard(
      spark({
        companions: [
          companion('iceberg-spark-runtime', {
            latest: '1.7.0',
            status: 'behind',
            behind: { major: 0, minor: 1, patch: 0, releases: 2 },
            pinnedBy: 'build.args.ICEBERG_VERSION',
          }),
          companion('aws-sdk-bundle', { current: '2.29.0', latest: '2.29.0' }),
        ],
      }),
    );
    expect(headlineStatus()).toBe('behind');
    expect(
      screen.getByText('3.5.3 is the latest release in its lane.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('overall-status-reason')).toHaveTextContent(
      'Companion iceberg-spark-runtime is behind.',
    );
    const list = screen.getByRole('list', { name: 'Pinned versions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    // Upstream links to other sites say "Opens in a new window" to screen readers.
    expect(entry('Main version')).toHaveTextContent(
      /^Up to dateMain versiongithub:apache\/spark.*3\.5\.3 · checked 3 hours ago$/,
    );
    expect(entry('iceberg-spark-runtime')).toHaveTextContent(
      'Behindiceberg-spark-runtimemaven:org.apache.iceberg:iceberg-spark-runtime' +
        '1.6.1 → 1.7.0 · 1 minor · 2 releases behind · pinned by build.args.ICEBERG_VERSION · checked 3 hours ago',
    );
    expect(entry('aws-sdk-bundle')).toHaveTextContent(
      /^Up to dateaws-sdk-bundle.*2\.29\.0 · checked 3 hours ago$/,
    );
  });

  it('shows a failing companion with its error, and every other version still', async () => {
    await renderCard(
      spark({
        companions: [
          companion('hadoop-aws', {
            status: 'error',
            error: 'maven:org.apache.hadoop:hadoop-aws: HTTP 503',
            lastSuccessAt: ago(2 * DAY),
          }),
          companion('aws-sdk-bundle', {
            current: '2.29.0',
            latest: '2.30.1',
            status: 'behind',
          }),
        ],
        baseImage: baseImage(),
      }),
    );
    expect(headlineStatus()).toBe('error');
    expect(screen.getByTestId('overall-status-reason')).toHaveTextContent(
      'Companion hadoop-aws could not be checked.',
    );
    // The main version's check succeeded: no "last check failed" notice for it.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.getByText('3.5.3 is the latest release in its lane.'),
    ).toBeInTheDocument();
    const failing = entry('hadoop-aws');
    expect(failing).toHaveTextContent('Check failed');
    expect(failing).toHaveTextContent(
      '1.6.1 · checked 3 hours ago, last good 2 days ago',
    );
    expect(failing).toHaveTextContent(
      'maven:org.apache.hadoop:hadoop-aws: HTTP 503',
    );
    expect(entry('aws-sdk-bundle')).toHaveTextContent('Behindaws-sdk-bundle');
    expect(entry('aws-sdk-bundle')).toHaveTextContent('2.29.0 → 2.30.1');
    expect(entry('Main version')).toHaveTextContent('Up to date');
    expect(entry('Base image')).toHaveTextContent(
      /^Up to dateBase imagedocker\.io\/library\/python.*3\.12\.7-slim-bookworm@sha256:0123456789ab · checked 3 hours ago$/,
    );
  });

  it('says when the base image was rebuilt upstream, with when and the new digest', async () => {
    await renderCard(
      spark({
        baseImage: baseImage({
          status: 'rebuilt',
          latestDigest: MOVED,
          rebuiltAt: ago(2 * DAY),
        }),
      }),
    );
    expect(headlineStatus()).toBe('rebuilt');
    expect(screen.getAllByText('Rebuilt upstream')).toHaveLength(2);
    expect(screen.getByTestId('overall-status-reason')).toHaveTextContent(
      'The base image was rebuilt upstream.',
    );
    const base = entry('Base image');
    expect(base).toHaveTextContent(
      '3.12.7-slim-bookworm@sha256:0123456789ab · rebuilt upstream 2 days ago, now sha256:fedcba987654 · checked 3 hours ago',
    );
    expect(
      within(base).getByRole('link', { name: /^docker\.io\/library\/python/ }),
    ).toHaveAttribute('href', 'https://hub.docker.com/_/python');
  });

  it('names the newer tag in the lane of a base image behind', async () => {
    await renderCard(
      spark({
        baseImage: baseImage({
          status: 'behind',
          latestTag: '3.12.8-slim-bookworm',
          newestTag: '3.13.1-slim-bookworm',
          behind: { major: 0, minor: 0, patch: 1, releases: 1 },
        }),
      }),
    );
    expect(headlineStatus()).toBe('behind');
    expect(screen.getByTestId('overall-status-reason')).toHaveTextContent(
      'The base image has a newer tag in its lane.',
    );
    const base = entry('Base image');
    expect(within(base).getByText('Newer tag')).toBeInTheDocument();
    expect(base).toHaveTextContent(
      '3.12.7-slim-bookworm@sha256:0123456789ab → newer tag in lane 3.12.8-slim-bookworm (1 patch · 1 release) · newest 3.13.1-slim-bookworm · checked',
    );
    expect(base).not.toHaveTextContent('rebuilt');
  });

  it('shows a base image check that failed next to a main version that is behind', async () => {
    await renderCard(
      spark({
        status: 'behind',
        latest: '3.5.4',
        behind: { major: 0, minor: 0, patch: 1, releases: 1 },
        baseImage: baseImage({
          status: 'error',
          latestDigest: undefined,
          error: 'docker.io/library/python: HTTP 429 Too Many Requests',
        }),
      }),
    );
    // An error ranks worst, so the headline says so, and names the part.
    expect(headlineStatus()).toBe('error');
    expect(screen.getByTestId('overall-status-reason')).toHaveTextContent(
      'The base image could not be checked.',
    );
    expect(
      screen.getByText('3.5.3 → 3.5.4 (1 patch · 1 release behind)'),
    ).toBeInTheDocument();
    expect(entry('Main version')).toHaveTextContent('3.5.3 → 3.5.4');
    expect(entry('Base image')).toHaveTextContent('HTTP 429 Too Many Requests');
  });

  it('lists nothing more for a container that pins only its main version', async () => {
    await renderCard(spark({}));
    expect(headlineStatus()).toBe('up-to-date');
    expect(
      screen.queryByRole('list', { name: 'Pinned versions' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Pinned versions')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('overall-status-reason'),
    ).not.toBeInTheDocument();
  });

  it('heads with the main version when it is the worst, without a reason', async () => {
    await renderCard(
      spark({
        status: 'behind',
        latest: '4.0.0',
        behind: { major: 1, minor: 0, patch: 0, releases: 3 },
        companions: [companion('iceberg-spark-runtime')],
      }),
    );
    expect(headlineStatus()).toBe('behind');
    expect(
      screen.queryByTestId('overall-status-reason'),
    ).not.toBeInTheDocument();
    expect(entry('iceberg-spark-runtime')).toHaveTextContent('Up to date');
  });
  it('lists the companions of a container whose main version is kept by hand', async () => {
    await renderCard(
      spark({
        strategy: 'manual',
        status: 'unknown',
        error: 'version.strategy is manual: there is no upstream feed',
        companions: [
          companion('iceberg-spark-runtime', {
            latest: '1.7.0',
            status: 'behind',
            behind: { major: 0, minor: 1, patch: 0, releases: 2 },
          }),
        ],
      }),
    );
    expect(
      screen.getByText('Version kept by hand: no drift to compute'),
    ).toBeInTheDocument();
    expect(entry('iceberg-spark-runtime')).toHaveTextContent('1.7.0');
  });
});
