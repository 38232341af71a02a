import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { ContainersEntityProvider } from './ContainersEntityProvider';
import { refreshTargets, targetOf } from './refresh';

/**
 * `POST /containers/refresh` (under the catalog's base URL), body `{ "target"?: string }`: reads
 * the target(s) now and answers with what was found. Any signed-in user or backend service may
 * call it; it only re-reads what the schedule would read anyway.
 */
export function createContainersRefreshRouter(options: {
  providers: ContainersEntityProvider[];
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}): express.Router {
  const router = Router();
  // Body parsing on this route only: the router sits in front of the catalog's own routes.
  router.post('/containers/refresh', express.json(), async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const target = targetOf(req.body);
    const event = await options.auditor.createEvent({
      eventId: 'containers-refresh',
      request: req,
      meta: { target: target ?? 'all' },
    });
    try {
      const results = await refreshTargets(options.providers, target);
      await event.success();
      res.json({ results });
    } catch (error) {
      await event.fail({ error: toError(error) });
      throw error;
    }
  });
  return router;
}
