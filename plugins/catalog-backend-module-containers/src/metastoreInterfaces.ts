import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ContainerSpec } from '@dockyard/plugin-containers-common';

/**
 * An Iceberg catalog interface that containers provide or use: an API entity for a protocol
 * (Iceberg REST, Hive Metastore Thrift, Nessie) or a Resource entity for a cloud service
 * (the AWS Glue Data Catalog). The module emits one entity per interface that its containers
 * mention, so every relation points at an entity that exists.
 */
export interface MetastoreInterface {
  kind: 'API' | 'Resource';
  name: string;
  /** `spec.type` of the entity. */
  type: string;
  title: string;
  description: string;
  /** Where the protocol or service is specified. */
  specUrl?: string;
}

const ICEBERG_REST: MetastoreInterface = {
  kind: 'API',
  name: 'iceberg-rest-catalog',
  type: 'iceberg-rest',
  title: 'Iceberg REST catalog',
  description:
    'The Apache Iceberg REST catalog protocol, spoken by Polaris, Nessie and other REST catalogs.',
  specUrl:
    'https://github.com/apache/iceberg/blob/main/open-api/rest-catalog-open-api.yaml',
};
const HIVE_METASTORE: MetastoreInterface = {
  kind: 'API',
  name: 'hive-metastore-thrift',
  type: 'thrift',
  title: 'Hive Metastore (Thrift)',
  description:
    'The Hive Metastore Thrift interface, used by Iceberg HiveCatalog clients.',
  specUrl:
    'https://github.com/apache/hive/blob/master/standalone-metastore/metastore-common/src/main/thrift/hive_metastore.thrift',
};
const NESSIE: MetastoreInterface = {
  kind: 'API',
  name: 'nessie-api',
  type: 'nessie',
  title: 'Nessie API',
  description:
    'The Project Nessie REST API (branches, tags and commits over Iceberg tables).',
  specUrl: 'https://projectnessie.org/develop/rest/',
};
const AWS_GLUE: MetastoreInterface = {
  kind: 'Resource',
  name: 'aws-glue-data-catalog',
  type: 'cloud-service',
  title: 'AWS Glue Data Catalog',
  description:
    'The AWS-managed Glue Data Catalog, used as an Iceberg catalog by AWS workloads.',
  specUrl:
    'https://docs.aws.amazon.com/glue/latest/dg/catalog-and-crawler.html',
};

/** `catalog.uses[].type` → what the container talks to. `jdbc` is a database, not an interface. */
const BY_USE_TYPE: Record<string, MetastoreInterface | undefined> = {
  rest: ICEBERG_REST,
  hive_metastore: HIVE_METASTORE,
  nessie: NESSIE,
  glue: AWS_GLUE,
};

/** `catalog.provides.protocols[]` (free text) → the API it serves. */
const BY_PROTOCOL: Record<string, MetastoreInterface | undefined> = {
  'iceberg-rest': ICEBERG_REST,
  rest: ICEBERG_REST,
  thrift: HIVE_METASTORE,
  'hive-metastore': HIVE_METASTORE,
  hms: HIVE_METASTORE,
  nessie: NESSIE,
};

/** `catalog.decision.cloud_service` → the Resource it names. */
const BY_CLOUD_SERVICE: Record<string, MetastoreInterface | undefined> = {
  'aws-glue': AWS_GLUE,
  glue: AWS_GLUE,
};

/** Relations of one container to catalog interfaces, as entity refs. */
export interface MetastoreRelations {
  providesApis: string[];
  consumesApis: string[];
  dependsOn: string[];
  /** Every interface named above, for the module to emit. */
  interfaces: MetastoreInterface[];
}

/**
 * The relations a container's `catalog` stanza implies: a provider `providesApis` the API of each
 * protocol it serves; a container `consumesApis` each catalog API it can talk to (every entry of
 * `uses`, active or not, since the inactive ones are the documented ways back) and `dependsOn`
 * the Resource of each cloud service it uses or its decision names.
 */
export function metastoreRelationsOf(
  container: ContainerSpec,
): MetastoreRelations {
  const metastore = container.catalog;
  const provided = new Map<string, MetastoreInterface>();
  const consumed = new Map<string, MetastoreInterface>();
  const depended = new Map<string, MetastoreInterface>();
  const add = (
    into: Map<string, MetastoreInterface>,
    i?: MetastoreInterface,
  ) => {
    if (i) into.set(interfaceRef(i), i);
  };

  if (metastore?.role === 'provider' && metastore.provides) {
    const protocols = metastore.provides.protocols?.length
      ? metastore.provides.protocols
      : [metastore.provides.kind];
    for (const protocol of protocols) {
      if (protocol) add(provided, interfaceForProtocol(protocol));
    }
  }
  for (const use of metastore?.uses ?? []) {
    const i = BY_USE_TYPE[use.type];
    add(i?.kind === 'Resource' ? depended : consumed, i);
  }
  const cloudService = metastore?.decision?.cloud_service;
  if (cloudService) {
    add(depended, interfaceForCloudService(cloudService));
  }
  // A container never consumes what it provides itself.
  for (const ref of provided.keys()) consumed.delete(ref);

  return {
    providesApis: [...provided.keys()],
    consumesApis: [...consumed.keys()],
    dependsOn: [...depended.keys()],
    interfaces: [
      ...provided.values(),
      ...consumed.values(),
      ...depended.values(),
    ],
  };
}

function interfaceForProtocol(
  protocol: string,
): MetastoreInterface | undefined {
  const key = protocol.trim().toLowerCase();
  if (key === 'other' || key === 'jdbc' || !key) {
    return undefined;
  }
  return BY_PROTOCOL[key] ?? genericInterface('API', key, `${protocol} API`);
}

function interfaceForCloudService(
  service: string,
): MetastoreInterface | undefined {
  const key = service.trim().toLowerCase();
  if (!key) return undefined;
  return BY_CLOUD_SERVICE[key] ?? genericInterface('Resource', key, service);
}

function genericInterface(
  kind: MetastoreInterface['kind'],
  key: string,
  title: string,
): MetastoreInterface | undefined {
  const name = key.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!name || name.length > 63) return undefined;
  return {
    kind,
    name,
    type: kind === 'API' ? name : 'cloud-service',
    title,
    description:
      kind === 'API'
        ? `Catalog protocol "${key}", as declared by the containers that provide it.`
        : `Cloud service "${key}", as named by a container's catalog decision.`,
  };
}

export function interfaceRef(i: MetastoreInterface): string {
  return stringifyEntityRef({
    kind: i.kind,
    namespace: 'default',
    name: i.name,
  });
}

/** The API or Resource entity of an interface. */
export function metastoreInterfaceEntity(
  i: MetastoreInterface,
  options: { owner: string; system?: string; location: string },
): Entity {
  const links = i.specUrl
    ? [{ url: i.specUrl, title: 'Specification', icon: 'docs' }]
    : undefined;
  const spec: Record<string, unknown> =
    i.kind === 'API'
      ? {
          type: i.type,
          lifecycle: 'production',
          owner: options.owner,
          system: options.system,
          definition: i.specUrl
            ? `${i.description}\n\nSpecification: ${i.specUrl}\n`
            : `${i.description}\n`,
        }
      : { type: i.type, owner: options.owner, system: options.system };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: i.kind,
    metadata: {
      name: i.name,
      title: i.title,
      description: i.description,
      ...(links && { links }),
      annotations: {
        'backstage.io/managed-by-location': options.location,
        'backstage.io/managed-by-origin-location': options.location,
      },
    },
    spec: JSON.parse(JSON.stringify(spec)), // drops an undefined system
  };
}
