import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_CURRENT_VERSION } from '@dockyard/plugin-containers-common';
import {
  DriftReadSources,
  readContainerEntity,
  servedRecords,
} from './containerReads';
import { entityRefInput, Zod } from './schemas';

/** What `version` of the Bump container template accepts (templates/bump-container). */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}$/;
const SCAFFOLDER_TIMEOUT_MS = 30_000;

export interface BumpContainerOptions extends DriftReadSources {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  /** The Bump container template's entity ref (`containers.actions.bumpTemplate`). */
  bumpTemplate: string;
  /** `app.baseUrl`, for a link to the task's page. */
  appBaseUrl?: string;
}

/** The first messages of a scaffolder refusal, joined. */
function scaffolderMessage(body: unknown): string | undefined {
  const { errors, error } = (body ?? {}) as {
    errors?: Array<{ message?: string; stack?: string }>;
    error?: { message?: string };
  };
  const messages = Array.isArray(errors)
    ? errors.slice(0, 5).map(e => e?.stack ?? e?.message)
    : [error?.message];
  const text = messages.filter(Boolean).join('; ');
  return text || undefined;
}

/**
 * Starts the Bump container template as the caller, through the scaffolder's REST API: the
 * scaffolder checks the caller's permission to create tasks and to read the template, and runs
 * it in their name, as when they press the drift card's button.
 */
async function startBumpTask(
  options: BumpContainerOptions,
  credentials: BackstageCredentials,
  values: { container: string; version: string; target: string },
): Promise<string> {
  const { auth, discovery, bumpTemplate } = options;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'scaffolder',
  });
  const response = await fetch(
    `${await discovery.getBaseUrl('scaffolder')}/v2/tasks`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ templateRef: bumpTemplate, values }),
      signal: AbortSignal.timeout(SCAFFOLDER_TIMEOUT_MS),
    },
  );
  if (response.ok) {
    const { id } = (await response.json()) as { id?: unknown };
    if (typeof id !== 'string') {
      throw new Error('The scaffolder started a task but gave no task id');
    }
    return id;
  }
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  const reason = scaffolderMessage(body) ?? response.statusText;
  switch (response.status) {
    case 400:
      throw new InputError(`The Bump container template refused: ${reason}`);
    case 401:
    case 403:
      throw new NotAllowedError(
        `The scaffolder did not let you start ${bumpTemplate}: ${reason}`,
      );
    case 404:
      throw new NotFoundError(
        `The scaffolder has no template ${bumpTemplate} you may read: ${reason}`,
      );
    default:
      throw await ResponseError.fromResponse(response);
  }
}

/**
 * `bump-container`: starts the Bump container template (a commit in the portal's checkout, or a
 * pull request) for one container, to the version given or to the latest in its lane.
 */
export function registerBumpContainerAction(options: BumpContainerOptions) {
  const { actionsRegistry, catalog, bumpTemplate, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'bump-container',
    title: 'Bump a container to a newer upstream version',
    description: `Starts the Bump container template (${bumpTemplate}) for one container image, in your name: it moves version.current in its container.yaml (and the Dockerfile, base image tag and README row that follow it) to the new version, as a commit on a branch of the portal's checkout (target local) or as a pull request (target pull-request). Without a version, it bumps to the latest release in the container's lane from its last drift check. Read get-container-drift first: on a major version, read the rollback notes. Answers the scaffolder task's id and page; the task runs on.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: (z: Zod) =>
        z.object({
          entityRef: entityRefInput(z),
          version: z
            .string()
            .regex(VERSION_PATTERN, {
              message:
                'must be a version as container.yaml writes it: letters, digits, . _ + ~ -, up to 128 characters ("478", "1.2.0-incubating")',
            })
            .optional()
            .describe(
              'version.current after the bump, as container.yaml writes it; default: the latest release in its lane',
            ),
          target: z
            .enum(['local', 'pull-request'])
            .describe(
              "local: one commit on a branch of the portal's checkout (the embedded default); pull-request: a pull request against the platform repository",
            ),
        }),
      output: (z: Zod) =>
        z.object({
          taskId: z.string(),
          taskUrl: z
            .string()
            .optional()
            .describe("The task's page in the portal: its log and result"),
          entityRef: z.string(),
          from: z.string().describe('version.current before the bump'),
          to: z.string(),
          target: z.enum(['local', 'pull-request']),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const { entity, entityRef } = await readContainerEntity(
        catalog,
        input.entityRef,
        credentials,
      );
      const record = (await servedRecords(options, [entityRef])).get(
        entityRef.toLowerCase(),
      );
      const from =
        record?.current ||
        entity.metadata.annotations?.[ANNOTATION_CURRENT_VERSION] ||
        '';
      const to =
        input.version ??
        (record?.status === 'behind' ? record.latest : undefined);
      if (!to) {
        throw new InputError(
          record?.status === 'up-to-date'
            ? `${entityRef} is up to date (${from}); give the version to bump to`
            : `${entityRef} has no newer release known from its last drift check (status ${
                record?.status ?? 'pending'
              }); give the version to bump to`,
        );
      }
      if (to === from) {
        throw new InputError(`${entityRef} is already at ${to}`);
      }
      const taskId = await startBumpTask(options, credentials, {
        container: entityRef,
        version: to,
        target: input.target,
      });
      logger.info(
        `Started ${bumpTemplate} task ${taskId}: ${entityRef} ${from} → ${to} (${input.target})`,
      );
      return {
        output: {
          taskId,
          taskUrl: appBaseUrl
            ? `${appBaseUrl.replace(
                /\/+$/,
                '',
              )}/create/tasks/${encodeURIComponent(taskId)}`
            : undefined,
          entityRef,
          from,
          to,
          target: input.target,
        },
      };
    },
  });
}
