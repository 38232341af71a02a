import type { Entity } from '@backstage/catalog-model';

/*
 * The parsed container.yaml that the catalog module keeps in `spec.container` (snake_case, tokens
 * unresolved). Everything is optional here: the browser shows what is there and never assumes.
 */

/** A scalar value of container.yaml (a string may be a `!token`). */
export type Scalar = string | number | boolean;

export interface CatalogUse {
  type: string;
  uri?: string;
  active?: boolean;
  config_file?: string;
}

export interface CatalogBlock {
  role?: 'provider' | 'consumer' | 'none';
  provides?: { kind?: string; protocols?: string[]; open_standard?: boolean };
  uses?: CatalogUse[];
  decision?: {
    adr?: string;
    status?: string;
    cloud_service?: string;
    rationale?: string;
  };
  rollback?: {
    previous?: string;
    runbook?: string;
    steps?: string[];
    config_changes?: { file: string; from: string; to: string }[];
    metadata_migration?: string;
    verification?: string[];
  };
  compose_example?: string;
}

export interface PublishBlock {
  image?: string;
  tags?: string[];
  labels?: Record<string, Scalar>;
  provenance?: boolean | 'min' | 'max' | string;
  sbom?: boolean;
  signing?: { method?: string; keyless?: boolean; key?: string };
  targets?: { image: string; tags?: string[] }[];
}

export interface ContainerDocument {
  name?: string;
  slug?: string;
  summary?: string;
  version?: {
    strategy?: string;
    current?: string;
    component?: string;
    source?: Record<string, unknown>;
    filter?: Record<string, unknown>;
    notes?: string;
  };
  runtime?: {
    base_image?: string;
    user?: string | number;
    workdir?: string;
    entrypoint?: string[];
    cmd?: string[];
    ports?: { name?: string; container_port: number; protocol?: string }[];
    env?: { name: string; default?: Scalar; description?: string }[];
    volumes?: { name?: string; path: string }[];
  };
  build?: {
    context?: string;
    dockerfile?: string;
    args?: Record<string, Scalar>;
    files?: { source: string; destination: string }[];
    platforms?: string[];
  };
  tests?: { name: string; command: string }[];
  publish?: PublishBlock;
  catalog?: CatalogBlock;
  [key: string]: unknown;
}

/** The container.yaml of a container entity, when the catalog module put it in `spec.container`. */
export function readContainer(entity: Entity): ContainerDocument | undefined {
  const container = entity.spec?.container;
  if (container && typeof container === 'object' && !Array.isArray(container)) {
    return container as ContainerDocument;
  }
  return undefined;
}
