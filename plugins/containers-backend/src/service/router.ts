import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { ContainerFileReader } from './ContainerFileReader';
import { DriftChecker } from './DriftChecker';
import { DriftHistoryStore } from './DriftHistoryStore';
import { DriftStore } from './DriftStore';
import { getContainerFile, requireFilePath } from './handlers/containerFile';
import { getDrift, listDrift } from './handlers/drift';
import { getDriftHistory } from './handlers/driftHistory';
import { refreshDrift } from './handlers/refreshDrift';
import { RefreshRateLimiter } from './RefreshRateLimiter';

export interface RouterOptions {
  store: DriftStore;
  history: DriftHistoryStore;
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
  /** `containers.drift.eol.warningDays` (default 90). */
  eolWarningDays?: number;
}

/**
 * The REST API of src/schema/openapi.yaml: drift of every container, of one entity, its history
 * and the platform's daily trend, a refresh guarded by `containers.drift.refresh` and
 * rate-limited per caller, and the files a local container.yaml points at. The router is
 * generated from the spec: it validates each request's path parameters, query and body against it
 * before a handler runs, and types the handlers.
 * Every route needs user or service credentials (the httpRouter's default policy), and answers
 * only about entities those credentials may read in the catalog.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: [express.json(), requireFilePath()],
    validatorOptions: {
      validateRequests: {
        coerceTypes: false,
        // Query parameters the spec does not name are ignored, as they always were.
        allowUnknownQueryParameters: true,
      },
    },
  });
  router.get('/drift', listDrift(options));
  router.get('/drift/history', getDriftHistory(options));
  router.get('/drift/:namespace/:kind/:name', getDrift(options));
  router.post('/drift/refresh', refreshDrift(options));
  router.get('/files/:namespace/:kind/:name', getContainerFile(options));
  return router;
}
