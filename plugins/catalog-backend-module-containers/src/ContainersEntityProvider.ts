import {
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  CONTAINERS_REFRESH_TOPIC,
  formatProblem,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import { isContainerFolderName } from '@dockyard/plugin-containers-node';
import { readContainersTargets, type ContainersTarget } from './config';
import {
  UnparsedContainerYaml,
  readLocalContainerFiles,
  readUrlContainerFiles,
} from './containerFiles';
import {
  ContainerYamlReport,
  ingestContainerFiles,
  ParseCache,
} from './ingest';
import {
  GITHUB_PUSH_TOPIC,
  PUSH_BATCH_WINDOW_MS,
  pushChangesTarget,
  summarizePush,
} from './githubPush';
import { batchCalls, targetOf, unknownTargetError } from './refresh';
import { SlugClaims } from './SlugClaims';

/**
 * What one run of a provider did.
 *
 * @public
 */
export interface ContainersRefreshSummary {
  target: string;
  /** False when a URL target had not changed since the last run. */
  changed: boolean;
  files: number;
  /** Container entities (not counting API and Resource entities). */
  containers: number;
  /** Files that could not become an entity (their errors show in the catalog). */
  failed: number;
  durationMs: number;
}

/**
 * Reads every container.yaml of one target (a local folder or a repository URL) on a schedule
 * and replaces the target's entities in the catalog with what it found (a full mutation, so a
 * deleted folder disappears). It also reads at once on the events topic
 * {@link @dockyard/plugin-containers-common#CONTAINERS_REFRESH_TOPIC}, and a URL target on a
 * GitHub push to the branch it reads (topic `github.push`, from
 * `@backstage/plugin-events-backend-module-github`); the schedule stays the fallback.
 *
 * @public
 */
export class ContainersEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private current?: Promise<ContainersRefreshSummary>;
  private next?: Promise<ContainersRefreshSummary>;
  private etag?: string;
  private readonly lastGood = new Map<string, ContainerSpec>();
  private readonly loggedProblems = new Map<string, string>();
  private readonly slugClaims: SlugClaims;
  private readonly parseCache: ParseCache = new Map();
  private readonly refreshAfterPush: () => void;

  /**
   * One provider per target of `catalog.providers.containers`, in config order. They share one
   * record of slug claims, so a slug lives in one target only (the target listed first keeps it).
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      urlReader: UrlReaderService;
      /** Where the refresh topic is received; without it only the schedule reads. */
      events?: EventsService;
    },
  ): ContainersEntityProvider[] {
    const targets = readContainersTargets(config);
    const integrations = ScmIntegrations.fromConfig(config);
    const slugClaims = new SlugClaims(targets.map(t => t.id));
    options.logger.info(`Containers targets: ${describeTargets(targets)}`);
    return targets.map(
      target =>
        new ContainersEntityProvider(target, {
          ...options,
          logger: options.logger.child({ target: target.id }),
          integrations,
          slugClaims,
        }),
    );
  }

  /** Prefer {@link ContainersEntityProvider.fromConfig}; this builds one target made in code. */
  constructor(
    readonly target: ContainersTarget,
    private readonly deps: {
      logger: LoggerService;
      scheduler: SchedulerService;
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      events?: EventsService;
      /** Slugs held by the targets of this module, so a slug lives in one target only. */
      slugClaims?: SlugClaims;
      /** Pushes within this many milliseconds share one read; default 2 seconds. */
      pushBatchWindowMs?: number;
    },
  ) {
    this.slugClaims = deps.slugClaims ?? new SlugClaims([target.id]);
    this.refreshAfterPush = batchCalls(
      deps.pushBatchWindowMs ?? PUSH_BATCH_WINDOW_MS,
      () => {
        this.refresh().catch(error =>
          this.deps.logger.warn(
            `Reading target '${this.target.id}' after a push failed; the schedule will retry`,
            error,
          ),
        );
      },
    );
  }

  getProviderName(): string {
    return `ContainersEntityProvider:${this.target.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.events?.subscribe({
      id: this.getProviderName(),
      // Only a repository URL changes on a push; a local folder changes on disk.
      topics:
        this.target.source.type === 'url'
          ? [CONTAINERS_REFRESH_TOPIC, GITHUB_PUSH_TOPIC]
          : [CONTAINERS_REFRESH_TOPIC],
      onEvent: params => this.onEvent(params),
    });
    await this.deps.scheduler.scheduleTask({
      id: `${this.getProviderName()}:refresh`,
      ...this.target.schedule,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /**
   * Reads the target now. A call while a run is under way starts one more run after it, so that
   * a folder written just before the call is always seen; concurrent calls share that run.
   */
  refresh(): Promise<ContainersRefreshSummary> {
    if (!this.current) {
      this.current = this.run().finally(() => {
        this.current = undefined;
      });
      return this.current;
    }
    if (!this.next) {
      this.next = this.current
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.refresh();
        });
    }
    return this.next;
  }

  /**
   * Handles {@link @dockyard/plugin-containers-common#CONTAINERS_REFRESH_TOPIC}: reads this
   * target when the event names it or no target. The first target also answers for an id that
   * no target has (a NotFoundError, which the events service logs), so a mistyped id is seen once.
   * A GitHub push (`github.push`) to the repository and branch a URL target reads schedules one
   * read shortly after, shared by the pushes that follow within that window; it returns at once,
   * so the webhook is answered without waiting for the read.
   */
  async onEvent(params: EventParams): Promise<void> {
    if (params.topic === GITHUB_PUSH_TOPIC) {
      this.onPush(params.eventPayload);
      return;
    }
    const target = targetOf(params.eventPayload);
    if (!target || target === this.target.id) {
      await this.refresh();
      return;
    }
    const { targetIds } = this.slugClaims;
    if (targetIds[0] === this.target.id && !targetIds.includes(target)) {
      throw unknownTargetError(target, targetIds);
    }
  }

  private onPush(payload: unknown) {
    if (!pushChangesTarget(payload, this.target.source)) return;
    const push = summarizePush(payload)!;
    this.deps.logger.info(
      `Push to ${push.repository} branch ${push.branch}${
        push.after ? ` (${push.after.slice(0, 12)})` : ''
      }: reading target '${this.target.id}'`,
    );
    this.refreshAfterPush();
  }

  /** Reads, parses and maps the target without touching the catalog (also used by bench/). */
  async read(): Promise<
    | { changed: false }
    | {
        changed: true;
        result: { entities: DeferredEntity[]; reports: ContainerYamlReport[] };
        files: UnparsedContainerYaml[];
      }
  > {
    const { source, browseUrl } = this.target;
    let files: UnparsedContainerYaml[];
    let targetLocation: string;
    if (source.type === 'path') {
      files = await readLocalContainerFiles(source.path, browseUrl);
      targetLocation = `file:${source.path}`;
    } else {
      const tree = await readUrlContainerFiles(
        this.deps.urlReader,
        this.deps.integrations,
        source.url,
        { etag: this.etag, isContainerFolder: isContainerFolderName },
      );
      if (!tree) {
        return { changed: false };
      }
      this.etag = tree.etag;
      files = tree.files;
      targetLocation = `url:${source.url}`;
    }
    const result = ingestContainerFiles(files, {
      defaults: this.target.defaults,
      targetLocation,
      lastGood: this.lastGood,
      parseCache: this.parseCache,
      slugClaimedElsewhere: slug =>
        this.slugClaims.claimedBefore(this.target.id, slug),
    });
    return { changed: true, result, files };
  }

  private async run(): Promise<ContainersRefreshSummary> {
    if (!this.connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const started = Date.now();
    const outcome = await this.read();
    if (!outcome.changed) {
      return {
        target: this.target.id,
        changed: false,
        files: 0,
        containers: 0,
        failed: 0,
        durationMs: Date.now() - started,
      };
    }
    const { result, files } = outcome;
    await this.connection.applyMutation({
      type: 'full',
      entities: result.entities,
    });

    this.remember(result.reports);
    const containers = result.reports.filter(r => r.container).length;
    const summary = {
      target: this.target.id,
      changed: true,
      files: files.length,
      containers,
      failed: files.length - containers,
      durationMs: Date.now() - started,
    };
    this.deps.logger.debug(
      `Read ${summary.files} container.yaml files of target '${summary.target}': ${summary.containers} containers, ${summary.failed} with errors, in ${summary.durationMs} ms`,
    );
    return summary;
  }

  /** Keeps last good containers and claimed slugs; logs each file's problems once per change. */
  private remember(reports: ContainerYamlReport[]) {
    const claimed = new Map<string, string>();
    const seen = new Set<string>();
    for (const report of reports) {
      const key = report.file.source.location;
      seen.add(key);
      if (report.container) {
        this.lastGood.set(key, report.container);
        claimed.set(report.container.slug, report.file.displayPath);
      }
      const lines = report.problems.map(formatProblem);
      const fingerprint = lines.join('\n');
      if (this.loggedProblems.get(key) === fingerprint) continue;
      this.loggedProblems.set(key, fingerprint);
      for (const [i, line] of lines.entries()) {
        const problem = report.problems[i];
        const accepted = report.container ? 'still ingested' : 'not ingested';
        this.deps.logger.warn(
          `container.yaml ${problem.severity} (${accepted}): ${line}`,
        );
      }
    }
    for (const key of [...this.lastGood.keys()]) {
      if (!seen.has(key)) this.lastGood.delete(key);
    }
    for (const key of [...this.loggedProblems.keys()]) {
      if (!seen.has(key)) this.loggedProblems.delete(key);
    }
    this.slugClaims.set(this.target.id, claimed);
  }
}

/** `local (/srv/containers), platform (https://…)`, for the startup log. */
function describeTargets(targets: ContainersTarget[]): string {
  const described = targets.map(
    t => `${t.id} (${t.source.type === 'path' ? t.source.path : t.source.url})`,
  );
  return described.join(', ') || 'none configured';
}
