import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DriftNotificationsConfig } from '@dockyard/plugin-containers-node';
import { CheckedContainer } from './DriftChecker';
import { DriftEvent, driftEvents } from './driftEvents';
import { entityOwnerRefs, entityPagePath } from './entityOwners';

/** The notification topic of each event: people can turn each off in their settings. */
const TOPICS: Record<DriftEvent['type'], string> = {
  behind: 'Container behind upstream',
  eol: 'Container end of life',
  failing: 'Container drift checks failing',
};

/**
 * Tells each container's owner (through Backstage's notifications; a group's members each get
 * one) what a check found new: see {@link driftEvents}. Never throws: a notification that
 * cannot be sent is logged and does not fail the check.
 */
export class DriftNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      config: DriftNotificationsConfig;
    },
  ) {}

  async notify(checked: CheckedContainer[]): Promise<void> {
    const { config, notifications, logger } = this.options;
    const events = checked.flatMap(({ previous, record }) =>
      driftEvents(previous, record, config).map(event => ({
        entityRef: record.entityRef,
        event,
      })),
    );
    if (events.length === 0) return;
    let owners: Map<string, string[]>;
    try {
      owners = await this.ownersOf(events.map(e => e.entityRef));
    } catch (error) {
      logger.warn(
        `Could not read the owners of ${events.length} drift events: ${
          toError(error).message
        }`,
      );
      return;
    }
    for (const { entityRef, event } of events) {
      const recipients = owners.get(entityRef.toLowerCase()) ?? [];
      if (recipients.length === 0) {
        logger.warn(`No owner of ${entityRef} to tell: ${event.title}`);
        continue;
      }
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: event.title,
            description: event.description,
            link: entityPagePath(entityRef),
            severity: event.severity,
            topic: TOPICS[event.type],
            scope: event.scope,
          },
        });
        logger.info(`Notified ${recipients.join(', ')}: ${event.title}`);
      } catch (error) {
        logger.warn(
          `Could not notify the owner of ${entityRef} (${event.title}): ${
            toError(error).message
          }`,
        );
      }
    }
  }

  /** The owners of some entities, read from the catalog (lower-case ref → owner refs). */
  private async ownersOf(entityRefs: string[]): Promise<Map<string, string[]>> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: [...new Set(entityRefs)],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const owners = new Map<string, string[]>();
    for (const entity of items) {
      if (entity) {
        owners.set(
          stringifyEntityRef(entity).toLowerCase(),
          entityOwnerRefs(entity),
        );
      }
    }
    return owners;
  }
}
