import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import {
  parseContainerYaml,
  unreadableFileProblem,
  type ContainerProblem,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import {
  MetastoreInterface,
  metastoreInterfaceEntity,
  metastoreRelationsOf,
  interfaceRef,
} from './metastoreInterfaces';
import type { ContainerEntityDefaults } from './config';
import type { UnparsedContainerYaml } from './containerFiles';
import { toEntityName } from './entityName';
import { containerToEntity, ownerOf, problemEntity } from './mapping';

/** Location key of the API and Resource entities every target may emit alike. */
export const METASTORE_INTERFACES_LOCATION_KEY =
  'dockyard-containers:catalog-interfaces';

/**
 * What became of one container.yaml.
 *
 * @public
 */
export interface ContainerYamlReport {
  file: UnparsedContainerYaml;
  /** The ref of the entity emitted for it, if any. */
  entityRef?: string;
  /** The parsed container (tokens unresolved) when the file is usable. */
  container?: ContainerSpec;
  /** Every problem: parser errors and warnings, and duplicate slugs. */
  problems: ContainerProblem[];
}

export interface IngestOptions {
  defaults: ContainerEntityDefaults;
  /** Location ref of the target itself, for the API and Resource entities. */
  targetLocation: string;
  /**
   * The file of another target that already holds this slug, if any (targets listed earlier in
   * the config win).
   */
  slugClaimedElsewhere?: (slug: string) => string | undefined;
  /** Last good container per file location, so a broken file keeps its relations' targets. */
  lastGood?: ReadonlyMap<string, ContainerSpec>;
  /** Largest file the parser accepts. */
  maxBytes?: number;
  /**
   * Parse results by file location, reused while a file's content is unchanged: parsing is
   * most of the cost of a run, and most files are unchanged between two runs.
   */
  parseCache?: ParseCache;
}

/** Parse results of the previous run, by file location. */
export type ParseCache = Map<string, { hash: string; result: ParseOutcome }>;
type ParseOutcome = {
  container?: ContainerSpec;
  /** `container` with its tokens resolved. */
  resolved?: ContainerSpec;
  problems: ContainerProblem[];
};

/**
 * Parses container files and maps them to what the provider hands to the catalog: one entity
 * per file (the container's Component, or a stand-in carrying its problems) and the API and
 * Resource entities the containers relate to. Files are taken in the given (stable) order; for a
 * duplicate slug the first file wins.
 */
export function ingestContainerFiles(
  files: UnparsedContainerYaml[],
  options: IngestOptions,
): { entities: DeferredEntity[]; reports: ContainerYamlReport[] } {
  const claims: IngestClaims = {
    fileBySlug: new Map(),
    fileByRef: new Map(),
    referencing: [],
  };
  const reports = new Array<ContainerYamlReport>(files.length);
  const byIndex = new Array<DeferredEntity | undefined>(files.length);
  for (const { file, result, index } of inClaimOrder(
    parseFiles(files, options),
  )) {
    const report: ContainerYamlReport = {
      file,
      problems: [...result.problems],
    };
    reports[index] = report;
    const entity = entityOfFile(report, result, claims, options);
    if (entity && claimEntityRef(report, entity, claims)) {
      byIndex[index] = { entity, locationKey: file.source.location };
    }
  }
  const entities = byIndex.filter((e): e is DeferredEntity => Boolean(e));
  entities.push(...interfaceEntities(claims.referencing, options));
  return { entities, reports };
}

/** What the files taken so far hold, by slug and by entity ref. */
interface IngestClaims {
  fileBySlug: Map<string, string>;
  fileByRef: Map<string, string>;
  /** Containers whose relations need their API and Resource entities. */
  referencing: ContainerSpec[];
}

type ParsedFile = { file: UnparsedContainerYaml; result: ParseOutcome };

/** Parses every file (through the cache) and forgets cached files that are gone. */
function parseFiles(
  files: UnparsedContainerYaml[],
  options: IngestOptions,
): ParsedFile[] {
  const parsed = files.map(file => ({
    file,
    result: parseFile(file, options),
  }));
  if (options.parseCache) {
    const present = new Set(files.map(f => f.source.location));
    for (const key of options.parseCache.keys()) {
      if (!present.has(key)) options.parseCache.delete(key);
    }
  }
  return parsed;
}

/** A file whose slug names its own folder claims that slug before a copy elsewhere does. */
function inClaimOrder(
  parsed: ParsedFile[],
): Array<ParsedFile & { index: number }> {
  return parsed
    .map((item, index) => ({ ...item, index }))
    .sort(
      (a, b) =>
        Number(!ownsFolder(a)) - Number(!ownsFolder(b)) || a.index - b.index,
    );
}

/**
 * The container's entity when its slug is free, else the stand-in carrying its problems (a
 * duplicate slug is added to them); nothing when that stand-in would take another target's
 * entity. Records the slug and the containers whose relations need interface entities.
 */
function entityOfFile(
  report: ContainerYamlReport,
  { container, resolved }: ParseOutcome,
  claims: IngestClaims,
  options: IngestOptions,
): Entity | undefined {
  const { file } = report;
  const elsewhere = container
    ? options.slugClaimedElsewhere?.(container.slug)
    : undefined;
  const earlier = container
    ? claims.fileBySlug.get(container.slug) ?? elsewhere
    : undefined;
  if (container && earlier) {
    report.problems.push(
      duplicateSlug(file.displayPath, container.slug, earlier),
    );
    if (
      elsewhere &&
      toEntityName(file.folderName) === toEntityName(container.slug)
    ) {
      // Its stand-in would take the other target's entity: report it, emit nothing.
      return undefined;
    }
  }
  if (container && !earlier) {
    report.container = container;
    claims.referencing.push(container);
    claims.fileBySlug.set(container.slug, file.displayPath);
    return containerToEntity(
      container,
      file.source,
      options.defaults,
      resolved,
    );
  }
  const previous = options.lastGood?.get(file.source.location);
  if (previous) claims.referencing.push(previous);
  return problemEntity(
    file.folderName,
    file.source,
    options.defaults,
    report.problems.filter(p => p.severity === 'error'),
  );
}

/**
 * Takes the entity's ref for the file, unless an earlier file made the same entity: the first
 * keeps it, never overwritten, and this file reports the clash.
 */
function claimEntityRef(
  report: ContainerYamlReport,
  entity: Entity,
  claims: IngestClaims,
): boolean {
  const ref = stringifyEntityRef(entity);
  const holder = claims.fileByRef.get(ref);
  if (holder) {
    if (!report.problems.some(p => p.rule === 'duplicate-slug')) {
      report.problems.push(
        duplicateSlug(report.file.displayPath, entity.metadata.name, holder),
      );
    }
    return false;
  }
  claims.fileByRef.set(ref, report.file.displayPath);
  report.entityRef = ref;
  return true;
}

/**
 * One API or Resource entity per interface the containers mention, owned by the configured
 * default owner, else by the owner of the first container that provides it (or mentions it).
 */
function interfaceEntities(
  containers: ContainerSpec[],
  options: IngestOptions,
): DeferredEntity[] {
  const found = new Map<
    string,
    { iface: MetastoreInterface; owner: string; provided: boolean }
  >();
  for (const container of containers) {
    const relations = metastoreRelationsOf(container);
    const provided = new Set(relations.providesApis);
    for (const iface of relations.interfaces) {
      const ref = interfaceRef(iface);
      const isProvider = provided.has(ref);
      const known = found.get(ref);
      if (!known || (isProvider && !known.provided)) {
        found.set(ref, {
          iface,
          owner: options.defaults.owner ?? ownerOf(container, options.defaults),
          provided: isProvider || Boolean(known?.provided),
        });
      }
    }
  }
  return [...found.values()]
    .sort((a, b) => (a.iface.name < b.iface.name ? -1 : 1))
    .map(({ iface, owner }) => ({
      entity: metastoreInterfaceEntity(iface, {
        owner,
        system: options.defaults.system,
        location: options.targetLocation,
      }),
      locationKey: METASTORE_INTERFACES_LOCATION_KEY,
    }));
}

function parseFile(
  file: UnparsedContainerYaml,
  options: IngestOptions,
): ParseOutcome {
  if (Array.isArray(file.content)) {
    return { problems: file.content };
  }
  if (typeof file.content !== 'string') {
    return {
      problems: [unreadableFileProblem(file.displayPath, file.content)],
    };
  }
  const key = file.source.location;
  const hash = createHash('sha1')
    .update(file.folderName)
    .update('\0')
    .update(file.content)
    .digest('hex');
  const cached = options.parseCache?.get(key);
  if (cached && cached.hash === hash) {
    return cached.result;
  }
  const { container, resolved, problems } = parseContainerYaml(file.content, {
    file: file.displayPath,
    folderName: file.folderName,
    maxBytes: options.maxBytes,
  });
  const result = { container, resolved, problems };
  options.parseCache?.set(key, { hash, result });
  return result;
}

function ownsFolder(item: ParsedFile): boolean {
  return item.result.container?.slug === item.file.folderName;
}

function duplicateSlug(
  file: string,
  slug: string,
  firstFile: string,
): ContainerProblem {
  return {
    file,
    line: 0,
    column: 0,
    path: 'slug',
    message: `slug "${slug}" is already used by ${firstFile}, which keeps it; give this container its own slug (and folder)`,
    severity: 'error',
    rule: 'duplicate-slug',
  };
}
