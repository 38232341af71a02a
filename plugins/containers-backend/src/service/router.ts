import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONTAINER_YAML,
  containersDriftRefreshPermission,
} from '@dockyard/plugin-containers-common';
import express from 'express';
import Router from 'express-promise-router';
import { ContainerFileReader } from './ContainerFileReader';
import {
  CONTAINER_ENTITY_FILTER,
  DriftChecker,
  isContainerEntity,
} from './DriftChecker';
import { DriftStore } from './DriftStore';
import { RefreshRateLimiter, TooManyRefreshesError } from './RefreshRateLimiter';

export interface RouterOptions {
  store: DriftStore;
  checker: DriftChecker;
  files: ContainerFileReader;
  catalog: CatalogService;
  scheduler: SchedulerService;
  taskId: string;
  limiter: RefreshRateLimiter;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
}

function readEntityRef(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(
      'entityRef must be an entity ref such as component:default/trino',
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind: 'component' }),
    );
  } catch (error) {
    throw new InputError(
      `entityRef ${JSON.stringify(value)} is not an entity ref: ${
        (error as Error).message
      }`,
    );
  }
}

/** Who is asking, for the refresh rate limit: a user's entity ref or a service's subject. */
function callerOf(auth: AuthService, credentials: BackstageCredentials): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'none';
}

/**
 * The REST API (described in src/schema/openapi.yaml): drift of every container, of one entity,
 * a refresh guarded by `containers.drift.refresh` and rate-limited per caller, and the files a
 * local container.yaml points at. Every route needs user or service credentials (the
 * httpRouter's default policy), and answers only about entities those credentials may read in
 * the catalog: the drift records are stored with the plugin's own credentials, so each answer is
 * filtered by the caller's.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    checker,
    files,
    catalog,
    scheduler,
    taskId,
    limiter,
    auth,
    httpAuth,
    permissions,
    auditor,
  } = options;
  const router = Router();
  router.use(express.json());

  router.get('/drift', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    // One catalog query for every container the caller may read, however many there are.
    const [records, { items: visible }] = await Promise.all([
      store.listRecords(),
      catalog.getEntities(
        {
          filter: CONTAINER_ENTITY_FILTER,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      ),
    ]);
    const readable = new Set(
      visible.map(entity => stringifyEntityRef(entity).toLowerCase()),
    );
    res.json({
      items: records.filter(record =>
        readable.has(record.entityRef.toLowerCase()),
      ),
    });
  });

  router.get('/drift/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const credentials = await httpAuth.credentials(req);
    const [entity, record] = await Promise.all([
      catalog.getEntityByRef(entityRef, { credentials }),
      store.getRecord(entityRef),
    ]);
    // Hidden and missing alike: the answer does not tell that a hidden entity exists.
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    if (!isContainerEntity(entity)) {
      throw new NotFoundError(`${entityRef} is not a container entity`);
    }
    if (!record) {
      throw new NotFoundError(`No drift check of ${entityRef} yet`);
    }
    res.json(record);
  });

  router.post('/drift/refresh', async (req, res) => {
    const body = (req.body ?? {}) as { entityRef?: unknown };
    const entityRef =
      body.entityRef === undefined ? undefined : readEntityRef(body.entityRef);
    const credentials = await httpAuth.credentials(req);
    const auditorEvent = await auditor.createEvent({
      eventId: 'drift-refresh',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef: entityRef ?? 'all' },
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: containersDriftRefreshPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError('Not allowed to refresh container drift');
      }
      // Each check spends the portal's upstream rate limits and credentials.
      await limiter.take(callerOf(auth, credentials));
      if (entityRef) {
        // The check runs with the plugin's credentials; the caller must be able to read the
        // entity, or the answer would show a hidden entity's drift.
        if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
          throw new NotFoundError(`No container entity ${entityRef}`);
        }
        const record = await checker.checkEntity(entityRef);
        await auditorEvent.success({ meta: { status: record.status } });
        res.json(record);
        return;
      }
      try {
        await scheduler.triggerTask(taskId);
      } catch (error) {
        // Already running: the refresh the caller asked for is under way.
        if (
          !(error instanceof ConflictError) &&
          (error as Error)?.name !== 'ConflictError'
        ) {
          throw error;
        }
      }
      await auditorEvent.success();
      res.status(202).json({ status: 'started' });
    } catch (error) {
      if (error instanceof TooManyRefreshesError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  // A file that a container.yaml read from the local disk points at (runbook, compose example,
  // ADR, config files): URL-located containers link to their files directly.
  router.get('/files/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const path = req.query.path;
    if (typeof path !== 'string' || !path) {
      throw new InputError(
        'Give the file as ?path=, relative to the container folder, e.g. ?path=../../docs/runbooks/rollback.md',
      );
    }
    const auditorEvent = await auditor.createEvent({
      eventId: 'file-read',
      severityLevel: 'low',
      request: req,
      meta: { entityRef, path },
    });
    try {
      // The caller's credentials: catalog permissions decide whether the entity is visible.
      const credentials = await httpAuth.credentials(req);
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef}`);
      }
      const containerYaml =
        entity.metadata.annotations?.[ANNOTATION_CONTAINER_YAML];
      if (!containerYaml) {
        throw new NotFoundError(
          `${entityRef} is not a container: it has no ${ANNOTATION_CONTAINER_YAML} annotation`,
        );
      }
      const file = await files.read(containerYaml, path);
      await auditorEvent.success();
      res.json(file);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
