import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  SearchResultListItemExtensions,
  searchApiRef,
  MockSearchApi,
} from '@backstage/plugin-search-react';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ContainerSearchDocument } from '@dockyard/plugin-containers-common';
import { screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import containersPlugin from '../../alpha/plugin';
import { containerSearchResultListItem } from '../../alpha/searchResultItems';
import { ContainerSearchResultListItem as LegacyContainerSearchResultListItem } from '../../plugin';
import { ContainerSearchResultListItem } from './ContainerSearchResultListItem';

/**
 * The legacy test app's router, opted in to React Router v7's behaviour as the new frontend
 * system's router is (without the flags it warns on every render).
 */
function V7Router({ children }: { children?: ReactNode }) {
  return (
    <MemoryRouter
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );
}

/** A document as the search module indexes Trino, behind upstream. */
function trino(
  overrides: Partial<ContainerSearchDocument> = {},
): ContainerSearchDocument {
  return {
    title: 'Trino',
    text: 'Trino SQL engine … · Upstream github:trinodb/trino · Version 476',
    location: '/catalog/default/component/trino',
    entityRef: 'component:default/trino',
    kind: 'Component',
    namespace: 'default',
    name: 'trino',
    slug: 'trino',
    summary:
      'Trino SQL engine with the Iceberg connector, reading the lakehouse through the Iceberg REST catalog.',
    upstream: 'github:trinodb/trino',
    upstreamStrategy: 'github-release',
    currentVersion: '476',
    image: 'ghcr.io/example/data-platform/trino',
    metastoreRole: 'consumer',
    owner: 'group:default/data-platform-team',
    lifecycle: 'production',
    system: 'data-platform',
    driftStatus: 'behind',
    latestVersion: '478',
    ...overrides,
  };
}

/** The drift status chip, found by the status it shows. */
function statusChip(container: HTMLElement) {
  return container.querySelector('[data-status]');
}

describe('ContainerSearchResultListItem', () => {
  it('shows the name, summary, upstream, versions, image and drift status of a container', async () => {
    const { container } = await renderInTestApp(
      <ContainerSearchResultListItem result={trino()} />,
    );
    expect(screen.getByRole('link', { name: 'Trino' })).toHaveAttribute(
      'href',
      '/catalog/default/component/trino',
    );
    expect(
      screen.getByText(/^Trino SQL engine with the Iceberg connector/),
    ).toBeInTheDocument();
    expect(screen.getByText('476 → 478')).toBeInTheDocument();
    expect(screen.getByText('github:trinodb/trino')).toBeInTheDocument();
    expect(
      screen.getByText('ghcr.io/example/data-platform/trino'),
    ).toBeInTheDocument();
    expect(screen.getByText('consumer')).toBeInTheDocument();
    expect(statusChip(container)).toHaveAttribute('data-status', 'behind');
    expect(
      within(statusChip(container) as HTMLElement).getByText('Behind'),
    ).toBeInTheDocument();
  });

  it('highlights the matched words of the title and summary', async () => {
    await renderInTestApp(
      <ContainerSearchResultListItem
        result={trino()}
        highlight={{
          preTag: '<mark>',
          postTag: '</mark>',
          fields: {
            title: '<mark>Trino</mark>',
            summary: 'The <mark>SQL</mark> engine',
          },
        }}
      />,
    );
    expect(screen.getByText('SQL').tagName).toBe('MARK');
    expect(screen.getByText('Trino').tagName).toBe('MARK');
  });

  it('shows no status for a container the index has none for, and "Manual" for a manual one', async () => {
    const unchecked = await renderInTestApp(
      <ContainerSearchResultListItem
        result={trino({ driftStatus: '', latestVersion: '' })}
      />,
    );
    expect(statusChip(unchecked.container)).toBeNull();
    expect(screen.getByText('476')).toBeInTheDocument();
    unchecked.unmount();

    const manual = await renderInTestApp(
      <ContainerSearchResultListItem
        result={trino({
          upstreamStrategy: 'manual',
          upstream: '',
          driftStatus: 'unknown',
          latestVersion: '',
          metastoreRole: 'none',
        })}
      />,
    );
    expect(statusChip(manual.container)).toHaveAttribute(
      'data-status',
      'unknown',
    );
    expect(screen.getByText('Manual')).toBeInTheDocument();
    expect(screen.queryByText(/^Upstream/)).toBeNull();
    expect(screen.queryByText(/^Iceberg metastore/)).toBeNull();
  });

  it('ignores a status it does not know, from an index built by a newer module', async () => {
    const { container } = await renderInTestApp(
      <ContainerSearchResultListItem
        result={trino({ driftStatus: 'toString' as never })}
      />,
    );
    expect(statusChip(container)).toBeNull();
  });
});

describe('the search result item extensions', () => {
  it('is in the plugin, with the "Containers" result type, for dockyard-container results only', async () => {
    expect(
      containersPlugin.getExtension('search-result-list-item:containers'),
    ).toBeDefined();
    expect(
      containersPlugin.getExtension('search-filter-result-type:containers'),
    ).toBeDefined();

    const tester = createExtensionTester(containerSearchResultListItem);
    const item = tester.get(SearchResultListItemBlueprint.dataRefs.item);
    const document = trino();
    expect(item.predicate?.({ type: 'dockyard-container', document })).toBe(
      true,
    );
    expect(item.predicate?.({ type: 'software-catalog', document })).toBe(
      false,
    );
    const { container } = await renderInTestApp(
      <item.component result={document} />,
    );
    // The component is loaded lazily, when the first result needs it.
    expect(
      await screen.findByRole('link', { name: 'Trino' }),
    ).toBeInTheDocument();
    expect(statusChip(container)).toHaveAttribute('data-status', 'behind');
  });

  it('renders container results in a legacy app through <SearchResult> children', async () => {
    const { container } = await renderInLegacyTestApp(
      <TestApiProvider apis={[[searchApiRef, new MockSearchApi()]]}>
        <SearchResultListItemExtensions
          results={[
            { type: 'dockyard-container', document: trino() },
            {
              type: 'software-catalog',
              document: { title: 'portal', text: '', location: '/portal' },
            },
          ]}
        >
          <LegacyContainerSearchResultListItem />
        </SearchResultListItemExtensions>
      </TestApiProvider>,
      { components: { Router: V7Router } },
    );
    expect(
      await screen.findByRole('link', { name: 'Trino' }),
    ).toBeInTheDocument();
    expect(statusChip(container)).toHaveAttribute('data-status', 'behind');
    // The catalog result is left to the default item: one status chip, Trino's.
    expect(container.querySelectorAll('[data-status]')).toHaveLength(1);
  });
});
