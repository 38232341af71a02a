import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, toError } from '@backstage/errors';
import type { DriftRecord } from '@dockyard/plugin-containers-common';

/** Time allowed for the drift API to answer; the index goes on without drift after it. */
const DRIFT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The last drift record of every container, by entity ref in lower case, from the containers
 * backend (`GET /api/containers/drift`, as this plugin's service). Empty, with a warning, when
 * that backend is missing, failing or answers something else: search keeps indexing containers,
 * without their status.
 */
export async function readDriftRecords(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<Map<string, DriftRecord>> {
  const { discovery, auth, logger } = deps;
  try {
    const baseUrl = await discovery.getBaseUrl('containers');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'containers',
    });
    const response = await fetch(`${baseUrl}/drift`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(DRIFT_REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body: unknown = await response.json();
    const items = (body as { items?: unknown })?.items;
    if (!Array.isArray(items)) {
      throw new Error('the answer has no items array');
    }
    const records = new Map<string, DriftRecord>();
    for (const item of items) {
      if (isDriftRecord(item)) records.set(item.entityRef.toLowerCase(), item);
    }
    return records;
  } catch (error) {
    logger.warn(
      `Indexing containers without their drift status: the containers backend's GET /drift failed: ${
        toError(error).message
      }`,
    );
    return new Map();
  }
}

/** Enough of a record to index: an entity ref and a status (a newer backend may add fields). */
function isDriftRecord(value: unknown): value is DriftRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { entityRef, status } = value as Record<string, unknown>;
  return typeof entityRef === 'string' && typeof status === 'string';
}
