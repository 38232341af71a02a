import type { ContainerVersionSource } from '@dockyard/plugin-containers-common';

/**
 * `version.source` fields, as container.yaml has them; which ones apply depends on the strategy
 * (see {@link STRATEGY_SOURCE_FIELDS}).
 */
export type NewContainerSource = ContainerVersionSource;

/** A port the image listens on (`runtime.ports[]`). */
export interface NewContainerPort {
  name: string;
  port: number;
  protocol?: 'tcp' | 'udp';
  /** What the port serves; shown in the README. */
  description?: string;
}

/** An environment variable the image reads (`runtime.env[]`). */
export interface NewContainerEnv {
  name: string;
  default?: string;
  description?: string;
}

/** Catalog (Iceberg metastore) services, as in `catalog.uses[].type`. */
export type CatalogServiceType =
  | 'hive_metastore'
  | 'glue'
  | 'rest'
  | 'nessie'
  | 'jdbc';

/** Status of a catalog decision (`catalog.decision.status`). */
export type CatalogDecisionStatus =
  | 'proposed'
  | 'accepted'
  | 'superseded'
  | 'deprecated'
  | 'rejected';

/** The `catalog` stanza: the Iceberg catalog the image provides or uses. */
export interface NewContainerCatalog {
  role: 'provider' | 'consumer' | 'none';
  /** consumer: the catalog used; provider: the catalog served. */
  type?: CatalogServiceType;
  /** Where the catalog is reached: `thrift://hive-metastore:9083`. */
  uri?: string;
  /** consumer: the file that holds the catalog settings (relative to the folder). */
  configFile?: string;
  /** provider: a compose file that runs it (relative to the folder). */
  composeExample?: string;
  decision?: {
    adr?: string;
    status?: CatalogDecisionStatus;
    cloudService?: string;
    rationale?: string;
  };
  rollback?: {
    /** The catalog a rollback returns to. */
    previous?: CatalogServiceType;
    runbook?: string;
    /** Ordered steps. */
    steps?: string[];
  };
}

/** Everything a new container is made from. Only the first fields are required. */
export interface NewContainerInput {
  /** Folder name under `containers/` and catalog entity name. */
  slug: string;
  /** Human name ("Apache Spark Runtime"). Free text. */
  name: string;
  /** One sentence: what the container runs. Free text. */
  summary: string;
  /** Catalog owner: `group:default/data-platform-team`. */
  owner: string;
  version: {
    /** How upstream releases are found: one of the container.yaml strategies. */
    strategy: string;
    /** The upstream version this image packages. */
    current: string;
    /** The upstream component's name (`version.component`). */
    component?: string;
    source?: NewContainerSource;
    /** Where release notes live, what to check when upgrading. Free text. */
    notes?: string;
  };
  system?: string;
  lifecycle?: 'experimental' | 'production' | 'deprecated';
  /** Catalog tags. */
  tags?: string[];
  maintainers?: Array<{ name: string; email: string }>;
  links?: { homepage?: string; source?: string; documentation?: string };
  /** SPDX id of the packaged software. */
  license?: string;
  /** The base image, with a tag and/or digest (`runtime.base_image`). */
  baseImage?: string;
  ports?: NewContainerPort[];
  env?: NewContainerEnv[];
  publish?: {
    /** The image repository to push to; default `<registry>/<slug>`. */
    image?: string;
    /** Registry and namespace the default image name is built from. */
    registry?: string;
    /** Tags pushed besides the derived ones; tokens such as `!version.current` are allowed. */
    tags?: string[];
    provenance?: false | 'min' | 'max';
    sbom?: boolean;
    signing?: { method: 'cosign' | 'none'; keyless?: boolean; key?: string };
  };
  catalog?: NewContainerCatalog;
}

/** A file of the template folder. */
export interface TemplateFile {
  /** Path inside the template folder, `/`-separated: `tests/smoke.sh`. */
  path: string;
  content: Buffer;
  /** Whether the file is executable (shell scripts). */
  executable?: boolean;
}

/** A rendered file of the new container folder. */
export interface RenderedFile {
  /** Path inside the container folder, `/`-separated. */
  path: string;
  content: string | Buffer;
  executable: boolean;
}

/** A new container, rendered and validated, not written yet. */
export interface RenderedContainer {
  slug: string;
  /** `component:default/<slug>`: the catalog entity it becomes. */
  entityRef: string;
  files: RenderedFile[];
  /** Parser warnings (for example a base image not pinned by digest); they do not block. */
  warnings: string[];
}
