import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { catalogModuleContainers } from '../module';

/** The kinds the Dockyard backend allows (app-config.yaml). */
const CATALOG_RULES = [
  {
    allow: [
      'Component',
      'System',
      'API',
      'Resource',
      'Location',
      'Group',
      'User',
      'Domain',
      'Template',
    ],
  },
];

export interface TestCatalog {
  baseUrl: string;
  /** Events service as another plugin (the scaffolder) sees it. */
  events: EventsService;
  request(path: string, init?: RequestInit): Promise<Response>;
  entities(filter: string): Promise<Entity[]>;
  entity(ref: string): Promise<Entity | undefined>;
  /**
   * Entities the catalog could not process yet, with their errors: the unprocessed-entities
   * page's "Pending" tab. (Its "Failed" tab lists stitched rows without an entity, which the
   * catalog no longer creates, so a broken new entity shows here.)
   */
  pendingWithErrors(): Promise<
    Array<{ entity_ref: string; errors: Array<{ message: string }> }>
  >;
  /** Polls until `check` returns a value (not undefined/false) or the timeout passes. */
  waitFor<T>(
    check: () => Promise<T | undefined | false>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  stop(): Promise<void>;
}

/** Options of {@link startTestCatalog}. */
export interface TestCatalogOptions {
  containers?: JsonObject;
  config?: JsonObject;
  features?: BackendFeature[];
  /** Use the real scheduler (periodic runs) instead of the mock one (one run at startup). */
  realScheduler?: boolean;
  /** A database from TestDatabases (PostgreSQL or SQLite); default: SQLite in memory. */
  database?: Awaited<ReturnType<TestDatabases['init']>>;
}

/**
 * A backend with the real catalog (on the given database, else in-memory SQLite), the
 * unprocessed-entities module and this module, configured with the given `catalog.providers.containers`.
 */
export async function startTestCatalog(
  options: TestCatalogOptions,
): Promise<TestCatalog> {
  const probe = scaffolderEventsProbe();
  const backend = await startTestBackend({
    features: [...catalogFeatures(options), probe.module],
  });
  const client = catalogClient(`http://localhost:${backend.server.port()}`);
  return { ...client, events: probe.events(), stop: () => backend.stop() };
}

/** A scaffolder module that hands out its events service: publishing like the scaffolder would. */
function scaffolderEventsProbe() {
  let events: EventsService | undefined;
  const module = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'events-probe',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init(deps) {
          events = deps.events;
        },
      });
    },
  });
  return { module, events: () => events! };
}

/** The config, services and plugins of the test backend. */
function catalogFeatures(options: TestCatalogOptions): BackendFeature[] {
  const { catalog: catalogConfig, ...restConfig } = options.config ?? {};
  const features: Array<BackendFeature | Promise<{ default: BackendFeature }>> =
    [
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          ...restConfig,
          catalog: {
            rules: CATALOG_RULES,
            ...(catalogConfig as JsonObject | undefined),
            providers: { containers: options.containers ?? {} },
          },
        },
      }),
      eventsServiceFactory,
      catalogPlugin,
      catalogModuleUnprocessedEntities,
      catalogModuleContainers,
      ...(options.features ?? []),
    ];
  if (options.database) {
    features.push(mockServices.database.factory({ knex: options.database }));
  }
  if (options.realScheduler) {
    features.push(schedulerServiceFactory);
  }
  return features as BackendFeature[];
}

/** Signed-in requests to the test backend and the catalog reads the tests make. */
function catalogClient(baseUrl: string): Omit<TestCatalog, 'events' | 'stop'> {
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: mockCredentials.user.header(),
        'content-type': 'application/json',
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const json = async (path: string) => {
    const response = await request(path);
    if (!response.ok) {
      throw new Error(
        `GET ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return response.json();
  };

  return {
    baseUrl,
    request,
    async entities(filter) {
      const body = await json(
        `/api/catalog/entities/by-query?filter=${encodeURIComponent(
          filter,
        )}&limit=10000`,
      );
      return body.items as Entity[];
    },
    async entity(ref) {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const response = await request(
        `/api/catalog/entities/by-name/${kind}/${namespace}/${encodeURIComponent(
          name,
        )}`,
      );
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`GET ${ref}: ${response.status}`);
      return response.json();
    },
    async pendingWithErrors() {
      const body = await json('/api/catalog/entities/unprocessed/pending');
      // The module's rows leave entity_ref empty: name them from the entity itself.
      return body.entities
        .filter((row: { errors?: unknown[] }) => row.errors?.length)
        .map((row: { unprocessed_entity: Entity; errors: unknown[] }) => ({
          ...row,
          entity_ref: stringifyEntityRef(row.unprocessed_entity),
        }));
    },
    waitFor: pollUntil,
  };
}

/** Polls until `check` returns a value (not undefined/false) or the timeout passes. */
async function pollUntil<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

/** The processing errors the catalog shows on an entity (EntityProcessingErrorsPanel reads these). */
export function processingErrors(entity: Entity | undefined): string[] {
  const items = (entity as any)?.status?.items ?? [];
  return items
    .filter((i: any) => i.type === 'backstage.io/catalog-processing')
    .map((i: any) => String(i.error?.message ?? ''));
}
