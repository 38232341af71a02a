import type { ContainerSpec } from '@dockyard/plugin-containers-common';
import {
  metastoreInterfaceEntity,
  metastoreRelationsOf,
} from './metastoreInterfaces';

function withMetastore(metastore: unknown): ContainerSpec {
  return { slug: 'x', catalog: metastore } as unknown as ContainerSpec;
}

describe('metastoreRelationsOf', () => {
  it('has no relations without a catalog stanza or with role none', () => {
    expect(metastoreRelationsOf(withMetastore(undefined))).toEqual({
      providesApis: [],
      consumesApis: [],
      dependsOn: [],
      interfaces: [],
    });
    expect(
      metastoreRelationsOf(withMetastore({ role: 'none' })).interfaces,
    ).toEqual([]);
  });

  it('maps provided protocols to APIs, falling back to the provided kind', () => {
    expect(
      metastoreRelationsOf(
        withMetastore({
          role: 'provider',
          provides: { kind: 'hive-metastore', protocols: ['thrift'] },
        }),
      ).providesApis,
    ).toEqual(['api:default/hive-metastore-thrift']);
    expect(
      metastoreRelationsOf(
        withMetastore({ role: 'provider', provides: { kind: 'iceberg-rest' } }),
      ).providesApis,
    ).toEqual(['api:default/iceberg-rest-catalog']);
  });

  it('makes an API for a protocol it does not know, and none for jdbc or other', () => {
    const relations = metastoreRelationsOf(
      withMetastore({
        role: 'provider',
        provides: { kind: 'other', protocols: ['Unity Catalog', 'jdbc'] },
      }),
    );
    expect(relations.providesApis).toEqual(['api:default/unity-catalog']);
    expect(relations.interfaces[0]).toMatchObject({
      kind: 'API',
      name: 'unity-catalog',
      type: 'unity-catalog',
    });
  });

  it('consumes every catalog API it uses, depends on cloud services, and never consumes its own API', () => {
    const relations = metastoreRelationsOf(
      withMetastore({
        role: 'provider',
        provides: { kind: 'nessie', protocols: ['nessie'] },
        uses: [
          { type: 'nessie' },
          { type: 'rest', active: false },
          { type: 'jdbc' },
          { type: 'glue' },
        ],
        decision: { cloud_service: 'gcp-biglake' },
      }),
    );
    expect(relations.providesApis).toEqual(['api:default/nessie-api']);
    expect(relations.consumesApis).toEqual([
      'api:default/iceberg-rest-catalog',
    ]);
    expect(relations.dependsOn).toEqual([
      'resource:default/aws-glue-data-catalog',
      'resource:default/gcp-biglake',
    ]);
  });
});

describe('metastoreInterfaceEntity', () => {
  it('makes a valid API entity with a definition and owner', () => {
    const [iface] = metastoreRelationsOf(
      withMetastore({ role: 'consumer', uses: [{ type: 'rest' }] }),
    ).interfaces;
    expect(
      metastoreInterfaceEntity(iface, {
        owner: 'group:default/team',
        system: 'data-platform',
        location: 'file:/c',
      }),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: expect.objectContaining({
        name: 'iceberg-rest-catalog',
        title: 'Iceberg REST catalog',
      }),
      spec: {
        type: 'iceberg-rest',
        lifecycle: 'production',
        owner: 'group:default/team',
        system: 'data-platform',
        definition: expect.stringContaining('rest-catalog-open-api.yaml'),
      },
    });
  });
});
