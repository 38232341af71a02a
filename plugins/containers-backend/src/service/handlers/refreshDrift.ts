import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  toError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  containersDriftRefreshPermission,
  DriftRecord,
} from '@dockyard/plugin-containers-common';
import { DriftChecker } from '../DriftChecker';
import { DriftHistoryStore, withBehindSince } from '../DriftHistoryStore';
import {
  RefreshRateLimiter,
  TooManyRefreshesError,
} from '../RefreshRateLimiter';
import { OperationHandler } from './OperationHandler';

/** What a refresh uses: the checker, the scheduled task, and the guards in front of them. */
export interface RefreshDriftOptions {
  checker: DriftChecker;
  catalog: CatalogService;
  scheduler: SchedulerService;
  taskId: string;
  limiter: RefreshRateLimiter;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Where the answer's `behindSince` comes from, as for `GET /drift/{...}`. */
  history?: DriftHistoryStore;
}

/** The entity ref of a refresh request, in its full form (`component:default/trino`). */
export function readEntityRef(value: string): string {
  if (!value.trim()) {
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
        toError(error).message
      }`,
    );
  }
}

/** Who is asking, for the refresh rate limit: a user's entity ref or a service's subject. */
export function callerOf(
  auth: AuthService,
  credentials: BackstageCredentials,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'none';
}

/**
 * `POST /drift/refresh`: checks one container now, or starts the scheduled check of all. Needs
 * `containers.drift.refresh` and is rate-limited per caller: each check spends the portal's
 * upstream rate limits and credentials.
 */
export function refreshDrift(
  options: RefreshDriftOptions,
): OperationHandler<'/drift/refresh', 'post'> {
  const { auth, httpAuth, permissions, auditor, limiter } = options;
  return async (req, res) => {
    const requested = req.body?.entityRef;
    const entityRef =
      requested === undefined ? undefined : readEntityRef(requested);
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
      await limiter.take(callerOf(auth, credentials));
      if (entityRef) {
        const record = await checkOne(options, entityRef, credentials);
        await auditorEvent.success({ meta: { status: record.status } });
        res.json(record);
      } else {
        await startCheckOfAll(options);
        await auditorEvent.success();
        res.status(202).json({ status: 'started' });
      }
    } catch (error) {
      if (error instanceof TooManyRefreshesError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      await auditorEvent.fail({ error: toError(error) });
      throw error;
    }
  };
}

async function checkOne(
  { catalog, checker, history }: RefreshDriftOptions,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<DriftRecord> {
  // The check runs with the plugin's credentials; the caller must be able to read the entity,
  // or the answer would show a hidden entity's drift.
  if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
    throw new NotFoundError(`No container entity ${entityRef}`);
  }
  return withBehindSince(
    await checker.checkEntity(entityRef),
    await history?.behindSince([entityRef]),
  );
}

async function startCheckOfAll({
  scheduler,
  taskId,
}: RefreshDriftOptions): Promise<void> {
  try {
    await scheduler.triggerTask(taskId);
  } catch (error) {
    // Already running: the refresh the caller asked for is under way.
    const alreadyRunning =
      error instanceof ConflictError ||
      (isError(error) && error.name === 'ConflictError');
    if (!alreadyRunning) {
      throw error;
    }
  }
}
