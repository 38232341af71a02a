import { containerEntity } from '../__testUtils__/fixtures';
import {
  containerFileHref,
  githubHeadingSlug,
  isLocalContainer,
  isViewablePath,
  normalizeRelativePath,
  resolveLinkedFile,
} from './containerFiles';

describe('isLocalContainer', () => {
  it('is true for container.yaml files on the portal disk only', () => {
    expect(
      isLocalContainer(
        containerEntity('spark', {
          annotations: {
            'dockyard.io/container-yaml':
              'file:/srv/platform/containers/spark/container.yaml',
          },
        }),
      ),
    ).toBe(true);
    expect(isLocalContainer(containerEntity('spark'))).toBe(false);
    const { annotations, ...metadata } = containerEntity('spark').metadata;
    expect(isLocalContainer({ ...containerEntity('spark'), metadata })).toBe(
      false,
    );
  });
});

describe('isViewablePath', () => {
  it.each([
    ['../../docs/runbooks/iceberg-catalog-rollback.md', true],
    ['conf/spark-defaults.conf', true],
    ['./README.md', true],
    ['https://example.com/runbook.md', false],
    ['file:/etc/passwd', false],
    ['/etc/passwd', false],
    ['\\\\server\\share', false],
    ['#section', false],
    ['  ', false],
    ['java\tscript:alert(1)', false],
    ['&#106;avascript:alert(1)', false],
  ])('%s → %s', (path, viewable) => {
    expect(isViewablePath(path)).toBe(viewable);
  });
});

describe('normalizeRelativePath', () => {
  it.each([
    ['../../docs/runbooks/../adr/0001.md', '../../docs/adr/0001.md'],
    ['./conf//spark-defaults.conf', 'conf/spark-defaults.conf'],
    ['conf/../../spark/conf/x.conf', '../spark/conf/x.conf'],
    ['../../../x', '../../../x'],
  ])('%s → %s', (path, normalized) => {
    expect(normalizeRelativePath(path)).toBe(normalized);
  });
});

describe('containerFileHref', () => {
  it('adds the file to the current page address, readable and with other parameters kept', () => {
    expect(
      containerFileHref(
        { pathname: '/catalog/default/component/spark', search: '?tab=x' },
        '../../docs/runbooks/iceberg-catalog-rollback.md',
      ),
    ).toBe(
      '/catalog/default/component/spark?tab=x&containerFile=../../docs/runbooks/iceberg-catalog-rollback.md',
    );
  });

  it('replaces the file shown and carries a fragment', () => {
    const href = containerFileHref(
      {
        pathname: '/catalog/default/component/spark',
        search: '?containerFile=a.md',
      },
      'a b&c.md',
      '0-prepare',
    );
    expect(href).toBe(
      '/catalog/default/component/spark?containerFile=a+b%26c.md#0-prepare',
    );
    expect(
      new URLSearchParams(href.split('?')[1].split('#')[0]).get(
        'containerFile',
      ),
    ).toBe('a b&c.md');
  });
});

describe('resolveLinkedFile', () => {
  const runbook = '../../docs/runbooks/iceberg-catalog-rollback.md';

  it('resolves a link relative to the file it is in', () => {
    expect(
      resolveLinkedFile(runbook, '../adr/0001-iceberg-catalog.md'),
    ).toEqual({ path: '../../docs/adr/0001-iceberg-catalog.md' });
    expect(
      resolveLinkedFile(
        '../../docs/adr/0001-iceberg-catalog.md',
        '../runbooks/iceberg-catalog-rollback.md#glue--hive-metastore',
      ),
    ).toEqual({ path: runbook, hash: 'glue--hive-metastore' });
    expect(
      resolveLinkedFile(
        '../../docs/adr/0001-iceberg-catalog.md',
        '../../containers/spark/container.yaml',
      ),
    ).toEqual({ path: '../../containers/spark/container.yaml' });
    expect(resolveLinkedFile('README.md', 'conf/my%20file.conf')).toEqual({
      path: 'conf/my file.conf',
    });
  });

  it('leaves URLs, absolute paths and links within the page alone', () => {
    expect(resolveLinkedFile(runbook, 'https://iceberg.apache.org/')).toBe(
      undefined,
    );
    expect(resolveLinkedFile(runbook, 'mailto:team@example.com')).toBe(
      undefined,
    );
    expect(resolveLinkedFile(runbook, '/docs/x.md')).toBe(undefined);
    expect(resolveLinkedFile(runbook, '#0-prepare')).toBe(undefined);
  });
});

describe('githubHeadingSlug', () => {
  it.each([
    ['0. Prepare', '0-prepare'],
    ['Abort (before unfreezing)', 'abort-before-unfreezing'],
    ['Glue → Hive Metastore', 'glue--hive-metastore'],
    ['REST (Polaris) → Hive Metastore', 'rest-polaris--hive-metastore'],
    ['Register tables in Hive Metastore', 'register-tables-in-hive-metastore'],
  ])('%s → %s', (text, slug) => {
    expect(githubHeadingSlug(text)).toBe(slug);
  });
});
