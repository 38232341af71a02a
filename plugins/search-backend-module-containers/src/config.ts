import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where this module's settings live. */
export const COLLATOR_CONFIG_KEY = 'search.collators.dockyardContainers';

/**
 * Every 10 minutes, like Backstage's catalog collator; the first run waits for the catalog to
 * read the containers and for their first drift checks to start.
 */
export const DEFAULT_COLLATOR_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 30 },
  };

/** The schedule of `search.collators.dockyardContainers.schedule`, else the default. */
export function readCollatorSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const key = `${COLLATOR_CONFIG_KEY}.schedule`;
  if (!config.has(key)) return DEFAULT_COLLATOR_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig(key),
    );
  } catch (error) {
    throw new InputError(`${key}: ${error}`);
  }
}
