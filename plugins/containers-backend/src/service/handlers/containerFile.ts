import {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError, toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_CONTAINER_YAML } from '@dockyard/plugin-containers-common';
import express from 'express';
import { ContainerFileReader } from '../ContainerFileReader';
import { OperationHandler } from './OperationHandler';

/** What the file route uses: the reader, and the catalog asked as the caller. */
export interface ContainerFileOptions {
  files: ContainerFileReader;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

const FILE_ROUTE = '/files/:namespace/:kind/:name';

/**
 * Refuses a file request without `?path=` in words that say what to give. The spec requires the
 * parameter, and the request validator would refuse it in its own words ("request/query must
 * have required property 'path'"); this runs before the validator.
 */
export function requireFilePath(): express.Router {
  const router = express.Router();
  router.get(FILE_ROUTE, (req, _res, next) => {
    const path = req.query.path;
    if (typeof path !== 'string' || !path) {
      throw new InputError(
        'Give the file as ?path=, relative to the container folder, e.g. ?path=../../docs/runbooks/rollback.md',
      );
    }
    next();
  });
  return router;
}

/**
 * `GET /files/{namespace}/{kind}/{name}?path=`: a file that a container.yaml read from the local
 * disk points at (runbook, compose example, ADR, config files); URL-located containers link to
 * their files directly.
 */
export function getContainerFile(
  options: ContainerFileOptions,
): OperationHandler<'/files/{namespace}/{kind}/{name}', 'get'> {
  const { files, catalog, httpAuth, auditor } = options;
  return async (req, res) => {
    const entityRef = stringifyEntityRef(req.params);
    const path = req.query.path;
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
      await auditorEvent.fail({ error: toError(error) });
      throw error;
    }
  };
}
