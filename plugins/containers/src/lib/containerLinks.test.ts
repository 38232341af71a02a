import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { containerBaseUrl, resolveContainerLink } from './containerLinks';

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'spark', annotations },
    spec: { type: 'container' },
  };
}

const github = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);
const resolveUrl = (options: { url: string; base: string }) =>
  github.resolveUrl(options);

describe('containerBaseUrl', () => {
  it('prefers the container.yaml location when it is a URL', () => {
    const entity = entityWith({
      'dockyard.io/container-yaml':
        'url:https://github.com/example/platform/blob/main/containers/spark/container.yaml',
      'backstage.io/source-location':
        'url:https://github.com/example/platform/tree/main/',
    });
    expect(containerBaseUrl(entity)).toBe(
      'https://github.com/example/platform/blob/main/containers/spark/container.yaml',
    );
  });

  it('falls back to the source location folder, with a trailing slash', () => {
    const entity = entityWith({
      'dockyard.io/container-yaml':
        'file:/srv/platform/containers/spark/container.yaml',
      'backstage.io/source-location':
        'url:https://github.com/example/platform/tree/main/containers/spark',
    });
    expect(containerBaseUrl(entity)).toBe(
      'https://github.com/example/platform/tree/main/containers/spark/',
    );
  });

  it('is undefined for files on the portal disk', () => {
    const entity = entityWith({
      'dockyard.io/container-yaml':
        'file:/srv/platform/containers/spark/container.yaml',
      'backstage.io/source-location': 'file:/srv/platform/containers/spark/',
    });
    expect(containerBaseUrl(entity)).toBeUndefined();
    expect(containerBaseUrl(entityWith({}))).toBeUndefined();
  });
});

describe('resolveContainerLink', () => {
  const base =
    'https://github.com/example/platform/blob/main/containers/spark/container.yaml';

  // GitHub's integration writes /tree/ for every path; GitHub redirects it to /blob/ for files.
  it('resolves paths relative to the container folder on the SCM host', () => {
    expect(
      resolveContainerLink(
        '../../docs/runbooks/iceberg-catalog-rollback.md',
        base,
        resolveUrl,
      ),
    ).toBe(
      'https://github.com/example/platform/tree/main/docs/runbooks/iceberg-catalog-rollback.md',
    );
    expect(
      resolveContainerLink('conf/spark-defaults.conf', base, resolveUrl),
    ).toBe(
      'https://github.com/example/platform/tree/main/containers/spark/conf/spark-defaults.conf',
    );
  });

  it('keeps absolute URLs, with or without a base', () => {
    const adr = 'https://wiki.example.com/adr/7';
    expect(resolveContainerLink(adr, base, resolveUrl)).toBe(adr);
    expect(resolveContainerLink(adr, undefined, resolveUrl)).toBe(adr);
  });

  it('gives no link for a relative path without a browsable base', () => {
    expect(
      resolveContainerLink('../../docs/x.md', undefined, resolveUrl),
    ).toBeUndefined();
  });
});
