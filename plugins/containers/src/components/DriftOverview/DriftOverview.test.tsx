import type { Entity } from '@backstage/catalog-model';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  BaseImageDrift,
  DriftRecord,
  DriftStatus,
} from '@dockyard/plugin-containers-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigate } from 'react-router-dom';
import { containersApiRef, type UnloadedContainerFile } from '../../api';
import {
  ago,
  containerEntity,
  HOUR,
  mockContainersApi,
  mockToastApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { DriftOverview } from './DriftOverview';

const STATUSES: DriftStatus[] = ['up-to-date', 'behind', 'error', 'unknown'];
const OWNERS = [
  'group:default/query',
  'group:default/compute',
  'group:default/storage',
];
const SYSTEMS = ['system:default/lakehouse', 'system:default/ingest'];
const COUNT = 240;

/** 240 containers: statuses, owners and systems in rotation, every 7th never checked. */
function fleet(count = COUNT): { entities: Entity[]; records: DriftRecord[] } {
  const entities: Entity[] = [];
  const records: DriftRecord[] = [];
  for (let i = 0; i < count; i++) {
    const name = `image-${String(i).padStart(3, '0')}`;
    entities.push(
      containerEntity(name, {
        owner: OWNERS[i % OWNERS.length],
        system: SYSTEMS[i % SYSTEMS.length],
      }),
    );
    if (i % 7 === 6) continue;
    const status = STATUSES[i % STATUSES.length];
    records.push({
      entityRef: `component:default/${name}`,
      slug: name,
      strategy: 'github-release',
      current: `1.${i}.0`,
      latest: status === 'behind' ? `${1 + (i % 3)}.${i + 1}.0` : `1.${i}.0`,
      status,
      behind:
        status === 'behind'
          ? { major: i % 3, minor: 1, patch: 0, releases: (i % 5) + 1 }
          : undefined,
      checkedAt: ago((i + 1) * HOUR),
      error:
        status === 'error' ? `upstream of ${name} answered 503` : undefined,
    });
  }
  return { entities, records };
}

const PINNED = `sha256:${'a'.repeat(64)}`;
const MOVED = `sha256:${'b'.repeat(64)}`;

/** Six containers with companions and base images in every state. */
function pinnedFleet(): { entities: Entity[]; records: DriftRecord[] } {
  const base = (extra: Partial<BaseImageDrift> = {}): BaseImageDrift => ({
    image: 'docker.io/library/python',
    tag: '3.12.7-slim-bookworm',
    digest: PINNED,
    latestDigest: PINNED,
    status: 'up-to-date',
    ...extra,
  });
  const record = (name: string, extra: Partial<DriftRecord>): DriftRecord => ({
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'github-release',
    current: '1.0.0',
    latest: '1.0.0',
    status: 'up-to-date',
    checkedAt: ago(HOUR),
    ...extra,
  });
  const records = [
    record('airflow', {
      baseImage: base({
        status: 'rebuilt',
        latestDigest: MOVED,
        rebuiltAt: ago(2 * 24 * HOUR),
      }),
    }),
    record('superset', {
      baseImage: base({
        status: 'behind',
        latestTag: '3.12.8-slim-bookworm',
      }),
    }),
    // Behind itself, with a newer base tag and a moved digest.
    record('trino', {
      status: 'behind',
      latest: '1.1.0',
      behind: { major: 0, minor: 1, patch: 0, releases: 1 },
      baseImage: base({
        image: 'docker.io/library/eclipse-temurin',
        tag: '24-jre',
        latestTag: '25-jre',
        status: 'behind',
        latestDigest: MOVED,
      }),
    }),
    record('spark', {
      companions: [
        {
          name: 'hadoop-aws',
          strategy: 'maven',
          current: '3.3.4',
          status: 'error',
          error:
            'maven:org.apache.hadoop:hadoop-aws: GET https://repo1.maven.org/x: HTTP 503 Service Unavailable',
        },
      ],
      baseImage: base(),
    }),
    record('kafka', {
      baseImage: base({
        status: 'error',
        error: 'docker.io/library/python: HTTP 429 Too Many Requests',
      }),
    }),
    record('hive', {}),
  ];
  return {
    entities: records.map(r => containerEntity(r.slug)),
    records,
  };
}

async function renderOverview(
  options: {
    allowed?: boolean;
    count?: number;
    /** Other containers than the fleet's. */
    containers?: { entities: Entity[]; records: DriftRecord[] };
    unloaded?: UnloadedContainerFile[];
    /** The URL the overview opens at, e.g. `/containers?status=behind`. */
    url?: string;
  } = {},
) {
  const { entities, records } = options.containers ?? fleet(options.count);
  const authorize = jest.fn(() =>
    options.allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  );
  const containersApi = mockContainersApi({
    listDrift: jest.fn(async () => records),
    listUnloadedContainerFiles: jest.fn(async () => options.unloaded ?? []),
  });
  // Only container entities are asked for, and only the fields the table shows.
  const catalogApi = catalogApiMock({
    entities: [
      ...entities,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'portal' },
        spec: { type: 'service' },
      },
    ],
  });
  const getEntities = jest.spyOn(catalogApi, 'getEntities');
  const toastApi = mockToastApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [containersApiRef, containersApi],
        [catalogApiRef, catalogApi],
        [toastApiRef, toastApi],
        mockApis.permission({ authorize }),
      ]}
    >
      <FreshPermissionCache>
        <DriftOverview />
        <BrowserControls />
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.url ? [options.url] : undefined,
    },
  );
  await screen.findByRole('table', { name: 'Container drift' });
  return { containersApi, getEntities, records, authorize, toastApi };
}

/** What the browser would offer around the page: its address, and its Back button. */
function BrowserControls() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output aria-label="Address">{location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

/** The query string the overview has put in the URL, decoded for reading. */
function address(): string {
  return decodeURIComponent(
    screen.getByRole('status', { name: 'Address' }).textContent ?? '',
  ).replace(/\+/g, ' ');
}

async function browserBack() {
  await userEvent.click(screen.getByRole('button', { name: 'Browser back' }));
}

function searchBox(): HTMLInputElement {
  return screen.getByRole('textbox', { name: 'Search containers' });
}

/** The pagination's "1-25 of 240". */
function pageLabel(from: number, to: number, count: number): RegExp {
  return new RegExp(`^${from}\\D${to} of ${count}$`);
}

// Rows and cells by tag, not by role: role queries over a 100-row table are what made this
// suite slow in jsdom; the table itself is still found by its accessible name.
function bodyRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Container drift' });
  return Array.from(table.querySelectorAll<HTMLElement>('tbody tr'));
}

/** The table's columns by name, so a new column moves no test. */
const COLUMN = {
  container: 0,
  status: 1,
  current: 2,
  latest: 3,
  behind: 4,
  baseImage: 5,
  endOfLife: 6,
  lastChecked: 7,
  owner: 8,
  system: 9,
} as const;

function column(index: number): string[] {
  return bodyRows().map(
    row => row.querySelectorAll('td')[index]?.textContent ?? '',
  );
}

function tile(label: string): HTMLElement {
  return within(screen.getByRole('group', { name: 'Drift summary' })).getByRole(
    'button',
    {
      name: new RegExp(label),
    },
  );
}

async function chooseOption(selectLabel: string, option: string) {
  await userEvent.click(screen.getByLabelText(selectLabel));
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByText(option));
  await userEvent.keyboard('{Escape}');
}

// A real table of 240 containers and real clicks: slower than a unit test, and CI shares
// two cores with other suites.
jest.setTimeout(120_000);

describe('DriftOverview', () => {
  it('counts every container by status and asks the catalog only for containers', async () => {
    const { getEntities } = await renderOverview();
    expect(screen.getByText('240 containers')).toBeInTheDocument();
    // 240 rows, every 7th (34) never checked; the rest rotate through the four statuses.
    expect(tile('Up to date')).toHaveTextContent('52Up to date');
    expect(tile('Rebuilt upstream')).toHaveTextContent('0Rebuilt upstream');
    expect(tile('Needs rebuild')).toHaveTextContent('0Needs rebuild');
    expect(tile('Behind')).toHaveTextContent('51Behind');
    expect(tile('Check failed')).toHaveTextContent('51Check failed');
    expect(tile('Unknown')).toHaveTextContent(`${52 + 34}Unknown`);
    expect(getEntities).toHaveBeenCalledTimes(1);
    const request = getEntities.mock.calls[0][0]!;
    expect(Object.keys(request.filter as object)).toEqual([
      'kind',
      'spec.type',
      'metadata.annotations.dockyard.io/container-yaml',
    ]);
    expect(request.fields).toContain('spec.owner');
  });

  it('shows one page of 25 rows, worst first, and pages through the rest', async () => {
    await renderOverview();
    expect(bodyRows()).toHaveLength(25);
    expect(
      column(COLUMN.status).every(cell => cell.startsWith('Check failed')),
    ).toBe(true);
    expect(screen.getByText(pageLabel(1, 25, 240))).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText(pageLabel(26, 50, 240))).toBeInTheDocument();
  });

  it('filters by status from a summary tile, and back', async () => {
    await renderOverview();
    await userEvent.click(tile('Behind'));
    expect(tile('Behind')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(pageLabel(1, 25, 51))).toBeInTheDocument();
    expect(column(COLUMN.status).every(cell => cell === 'Behind')).toBe(true);
    await userEvent.click(tile('Behind'));
    expect(screen.getByText(pageLabel(1, 25, 240))).toBeInTheDocument();
  });

  it('filters by owner and system together', async () => {
    await renderOverview();
    await chooseOption('Owner', 'query');
    await chooseOption('System', 'ingest');
    // owner index 0 of 3 and system index 1 of 2: i ≡ 3 (mod 6) → 40 containers.
    expect(screen.getByText(pageLabel(1, 25, 40))).toBeInTheDocument();
    expect(column(COLUMN.owner).every(cell => cell === 'query')).toBe(true);
    expect(column(COLUMN.system).every(cell => cell === 'ingest')).toBe(true);
  });

  it('searches names and versions', async () => {
    await renderOverview();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search containers' }),
      'image-01',
    );
    expect(column(COLUMN.container)).toHaveLength(10);
    expect(
      column(COLUMN.container).every(name => name.startsWith('image-01')),
    ).toBe(true);
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Search containers' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search containers' }),
      '1.117.0',
    );
    expect(column(COLUMN.container)).toEqual(['image-117']);
  });

  it('sorts by a column, both ways, with containers never checked last', async () => {
    await renderOverview();
    await userEvent.click(screen.getByRole('button', { name: 'Container' }));
    expect(column(COLUMN.container).slice(0, 3)).toEqual([
      'image-000',
      'image-001',
      'image-002',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Container' }));
    expect(column(COLUMN.container).slice(0, 3)).toEqual([
      'image-239',
      'image-238',
      'image-237',
    ]);

    // Oldest check first; image-237 was never checked, so it is not among them.
    await userEvent.click(screen.getByRole('button', { name: 'Last checked' }));
    expect(column(COLUMN.container).slice(0, 3)).toEqual([
      'image-239',
      'image-238',
      'image-236',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Last checked' }));
    expect(column(COLUMN.container).slice(0, 2)).toEqual([
      'image-000',
      'image-001',
    ]);
    expect(column(COLUMN.lastChecked)[0]).toBe('1 hour ago');

    // Never-checked containers stay at the end in both directions.
    await userEvent.click(
      screen.getByRole('button', { name: /Rows per page/ }),
    );
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText('100'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText(pageLabel(201, 240, 240))).toBeInTheDocument();
    expect(
      column(COLUMN.lastChecked)
        .slice(-34)
        .every(cell => cell === 'never'),
    ).toBe(true);
    expect(column(COLUMN.lastChecked).slice(0, -34).includes('never')).toBe(
      false,
    );
  });

  it('sorts by how far behind: majors before minors', async () => {
    await renderOverview();
    await userEvent.click(tile('Behind'));
    const majors = () =>
      column(COLUMN.behind).map(cell =>
        Number(/^(\d+) major/.exec(cell)?.[1] ?? 0),
      );
    await userEvent.click(screen.getByRole('button', { name: 'Behind' }));
    expect(column(COLUMN.behind)[0]).toMatch(/^1 minor/);
    expect(
      majors().every((major, i, all) => i === 0 || all[i - 1] <= major),
    ).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Behind' }));
    expect(column(COLUMN.behind)[0]).toMatch(/^2 major/);
    expect(
      majors().every((major, i, all) => i === 0 || all[i - 1] >= major),
    ).toBe(true);
  });

  it('offers "Check all now" only with the permission, and reloads after it', async () => {
    const { containersApi, toastApi } = await renderOverview({ allowed: true });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check all now' }),
    );
    await waitFor(() =>
      expect(containersApi.refreshDrift).toHaveBeenCalledWith(),
    );
    await waitFor(() =>
      expect(containersApi.listDrift).toHaveBeenCalledTimes(2),
    );
    expect(toastApi.post).toHaveBeenCalledWith({
      title:
        'Checking every container against upstream; results come in as each check finishes.',
      status: 'info',
      timeout: 5000,
    });
  });

  it('says why "Check all now" failed, until dismissed', async () => {
    const { containersApi, toastApi } = await renderOverview({ allowed: true });
    containersApi.refreshDrift.mockRejectedValueOnce(
      new Error('403 Forbidden'),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check all now' }),
    );
    await waitFor(() =>
      expect(toastApi.post).toHaveBeenCalledWith({
        title: 'Could not check upstream: 403 Forbidden',
        status: 'danger',
      }),
    );
    await waitFor(() =>
      expect(containersApi.listDrift).toHaveBeenCalledTimes(2),
    );
  });

  it('hides "Check all now" without the permission', async () => {
    const { authorize } = await renderOverview({ allowed: false });
    // Wait until the decision is in, so a button that came with it would be there.
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 20)));
    expect(
      screen.queryByRole('button', { name: /Check all/ }),
    ).not.toBeInTheDocument();
  });

  it('lists the container.yaml files that did not load, with where and why', async () => {
    await renderOverview({
      unloaded: [
        {
          entityRef: 'component:default/broken-one',
          file: 'containers/broken-one/container.yaml',
          problems: [
            {
              file: 'containers/broken-one/container.yaml',
              line: 9,
              column: 12,
              path: 'version.current',
              message: 'must be text, not the number 4.1 — quote it',
              severity: 'error',
              rule: 'schema',
            },
          ],
        },
      ],
    });
    const alert = await screen.findByRole('alert', {
      name: 'container.yaml files that did not load',
    });
    expect(alert).toHaveTextContent('1 container.yaml did not load');
    expect(alert).toHaveTextContent('containers/broken-one/container.yaml');
    expect(alert).toHaveTextContent(
      '9:12 version.current must be text, not the number 4.1 — quote it',
    );
  });

  it('says nothing about unloaded files when there are none', async () => {
    const { containersApi } = await renderOverview();
    expect(containersApi.listUnloadedContainerFiles).toHaveBeenCalled();
    expect(
      screen.queryByRole('alert', {
        name: 'container.yaml files that did not load',
      }),
    ).not.toBeInTheDocument();
  });

  it('shows each base image with its tag, and filters to those that need a rebuild', async () => {
    await renderOverview({ containers: pinnedFleet() });
    const baseOf = () =>
      Object.fromEntries(
        bodyRows().map(row => {
          const cells = row.querySelectorAll('td');
          return [
            cells[COLUMN.container].textContent,
            cells[COLUMN.baseImage].textContent,
          ];
        }),
      );
    expect(baseOf()).toEqual({
      airflow: 'Rebuilt upstream3.12.7-slim-bookwormrebuilt 2 days ago',
      superset: 'Newer tag3.12.7-slim-bookworm → 3.12.8-slim-bookworm',
      trino: 'Newer tag24-jre → 25-jre',
      spark: 'Up to date3.12.7-slim-bookworm',
      kafka: 'Check failed3.12.7-slim-bookwormHTTP 429 Too Many Requests',
      hive: '—',
    });
    // Rows use the overall status and say which part makes it.
    const statusOf = (name: string) =>
      bodyRows()
        .find(row => row.querySelector('td')!.textContent === name)!
        .querySelectorAll('td')[COLUMN.status].textContent;
    expect(statusOf('airflow')).toBe('Rebuilt upstreamfrom base image');
    expect(statusOf('spark')).toBe(
      'Check failedfrom companion hadoop-awsHTTP 503 Service Unavailable',
    );
    expect(statusOf('trino')).toBe('Behindfrom main version and base image');
    expect(tile('Rebuilt upstream')).toHaveTextContent('1Rebuilt upstream');

    // Needs rebuild: the base digest moved, whatever the overall status.
    expect(tile('Needs rebuild')).toHaveTextContent('2Needs rebuild');
    await userEvent.click(tile('Needs rebuild'));
    expect(tile('Needs rebuild')).toHaveAttribute('aria-pressed', 'true');
    expect(column(COLUMN.container)).toEqual(['trino', 'airflow']);
    const checkbox = screen.getByRole('checkbox', { name: 'Needs rebuild' });
    expect(checkbox).toBeChecked();
    await userEvent.click(checkbox);
    expect(column(COLUMN.container)).toHaveLength(6);
    expect(tile('Needs rebuild')).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(checkbox);
    expect(column(COLUMN.container)).toEqual(['trino', 'airflow']);
  });

  it('sorts by base image, worst first, containers without one last', async () => {
    await renderOverview({ containers: pinnedFleet() });
    await userEvent.click(screen.getByRole('button', { name: 'Base image' }));
    expect(column(COLUMN.container)).toEqual([
      'kafka',
      'superset',
      'trino',
      'airflow',
      'spark',
      'hive',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Base image' }));
    expect(column(COLUMN.container).at(0)).toBe('spark');
    expect(column(COLUMN.container).at(-1)).toBe('hive');
  });

  it('renders one page, not 5,000 rows, for 5,000 containers', async () => {
    await renderOverview({ count: 5000 });
    expect(screen.getByText('5,000 containers')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(25);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search containers' }),
      '4999',
    );
    expect(column(COLUMN.container)).toEqual(['image-4999']);
  });
});

describe('DriftOverview state in the URL', () => {
  it('opens with the filters, search, sort and page of the link', async () => {
    await renderOverview({
      url: '/containers?q=image-1&status=behind&sort=title&dir=desc&page=2&rows=50',
    });
    expect(tile('Behind')).toHaveAttribute('aria-pressed', 'true');
    expect(searchBox()).toHaveValue('image-1');
    // Behind (i ≡ 1 mod 4, not every 7th) among image-100 to image-199: 22 of them. At 50 a page
    // there is no page 2, so the last page shows.
    expect(screen.getByText(pageLabel(1, 22, 22))).toBeInTheDocument();
    const names = column(COLUMN.container);
    expect(names[0]).toBe('image-197');
    expect([...names].sort().reverse()).toEqual(names);
    expect(column(COLUMN.status).every(cell => cell === 'Behind')).toBe(true);
  });

  it('writes every change into the URL, and Back undoes them one by one', async () => {
    await renderOverview();
    expect(address()).toBe('');

    await userEvent.click(tile('Behind'));
    expect(address()).toBe('?status=behind');
    await userEvent.click(screen.getByRole('button', { name: 'Container' }));
    expect(address()).toBe('?status=behind&sort=title');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(address()).toBe('?status=behind&sort=title&page=2');
    await userEvent.type(searchBox(), 'image-1');
    // The table follows each keystroke; the URL takes the search once typing pauses.
    expect(screen.getByText(pageLabel(1, 22, 22))).toBeInTheDocument();
    await waitFor(() =>
      expect(address()).toBe('?q=image-1&status=behind&sort=title'),
    );

    // One Back per change; the typed search was one entry, not seven.
    await browserBack();
    expect(address()).toBe('?status=behind&sort=title&page=2');
    expect(searchBox()).toHaveValue('');
    expect(screen.getByText(pageLabel(26, 50, 51))).toBeInTheDocument();
    await browserBack();
    expect(address()).toBe('?status=behind&sort=title');
    expect(column(COLUMN.container)[0]).toBe('image-001');
    await browserBack();
    expect(address()).toBe('?status=behind');
    expect(column(COLUMN.container)[0]).not.toBe('image-001');
    await browserBack();
    expect(address()).toBe('');
    expect(tile('Behind')).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText(pageLabel(1, 25, 240))).toBeInTheDocument();
  });

  it('keeps a search typed just before another filter, in one entry', async () => {
    await renderOverview();
    // The clock stands still: however slow the machine, typing never pauses here.
    jest.useFakeTimers();
    try {
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      await user.type(searchBox(), 'image-1');
      expect(address()).toBe('');
      // Before the pause: the tile puts both in the URL.
      await user.click(tile('Behind'));
      expect(address()).toBe('?q=image-1&status=behind');
      expect(searchBox()).toHaveValue('image-1');
      act(() => jest.advanceTimersByTime(1000));
      expect(address()).toBe('?q=image-1&status=behind');
      await user.click(screen.getByRole('button', { name: 'Browser back' }));
      expect(address()).toBe('');
      expect(searchBox()).toHaveValue('');
    } finally {
      jest.useRealTimers();
    }
  });

  it('finds containers by summary, tags and upstream', async () => {
    const withText = (
      name: string,
      extra: { description?: string; tags?: string[]; source?: string },
    ): Entity => {
      const entity = containerEntity(name, {
        annotations: extra.source
          ? { 'dockyard.io/upstream-source': extra.source }
          : {},
      });
      return {
        ...entity,
        metadata: {
          ...entity.metadata,
          description: extra.description,
          tags: extra.tags,
        },
      };
    };
    const entities = [
      withText('trino', {
        description: 'Distributed SQL query engine',
        tags: ['jdbc'],
        source: 'github:trinodb/trino',
      }),
      withText('airflow', {
        description: 'Workflow scheduler',
        tags: ['python', 'orchestration'],
        source: 'pypi:apache-airflow',
      }),
    ];
    await renderOverview({ containers: { entities, records: [] } });
    const search = async (text: string) => {
      await userEvent.clear(searchBox());
      await userEvent.type(searchBox(), text);
      return column(COLUMN.container);
    };
    expect(await search('query engine')).toEqual(['trino']);
    expect(await search('orchestration')).toEqual(['airflow']);
    expect(await search('pypi:apache')).toEqual(['airflow']);
    expect(await search('trinodb')).toEqual(['trino']);
  });
});

describe('DriftOverview export', () => {
  let downloads: Array<{ name: string; type: string; text: string }>;
  let blobs: Map<string, Blob>;

  beforeEach(() => {
    downloads = [];
    blobs = new Map();
    // jsdom has no object URLs and does not navigate: the link's click is the download.
    URL.createObjectURL = jest.fn((blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    });
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        const blob = blobs.get(this.href)!;
        downloads.push({ name: this.download, type: blob.type, text: '' });
        const entry = downloads[downloads.length - 1];
        blob.text().then(text => {
          entry.text = text;
        });
      });
  });

  afterEach(() => jest.restoreAllMocks());

  it('downloads the rows shown, every page, in the order shown, as CSV and JSON', async () => {
    await renderOverview({
      url: '/containers?status=behind&sort=title&dir=desc',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(downloads.map(d => d.text)).not.toContain(''));

    const [csv, json] = downloads;
    const day = new Date().toISOString().slice(0, 10);
    expect(csv.name).toBe(`container-drift-${day}.csv`);
    expect(csv.type).toBe('text/csv;charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    // The header, then the 51 containers behind: all of them, not the 25 of the page.
    expect(lines).toHaveLength(52);
    expect(lines[0]).toMatch(/^container,entityRef,status,/);
    expect(lines[1]).toMatch(/^image-233,component:default\/image-233,behind,/);

    expect(json.name).toBe(`container-drift-${day}.json`);
    const records = JSON.parse(json.text);
    expect(records).toHaveLength(51);
    expect(records[0]).toMatchObject({
      container: 'image-233',
      status: 'behind',
      owner: OWNERS[233 % OWNERS.length],
      upstream: 'github:apache/hive',
    });
    expect(records.map((r: { container: string }) => r.container)).toEqual(
      lines.slice(1).map(line => line.split(',')[0]),
    );
    expect(URL.revokeObjectURL).toHaveBeenCalledTimes(2);
  });
});
