/**
 * The Dockyard backend plugin `containers`: scheduled upstream drift checks of every container
 * entity, stored with the database service, served over a REST API.
 *
 * @packageDocumentation
 */
export {
  containersPlugin as default,
  DRIFT_FIRST_CHECK_TASK_ID,
  DRIFT_TASK_ID,
} from './plugin';
