/**
 * Tech Insights backend module: drift facts per container (status, versions and days behind,
 * days to end of life, base image rebuilds) and example checks for scorecards.
 *
 * @packageDocumentation
 */
export { techInsightsModuleContainers as default } from './module';
export { containerDriftChecks } from './checks';
export type { ContainerDriftCheck, ContainerDriftCondition } from './checks';
export { createContainerDriftFactRetriever } from './factRetriever';
export type { ContainerDriftFactRetrieverOptions } from './factRetriever';
export {
  CONTAINER_DRIFT_FACT_RETRIEVER_ID,
  containerDriftFactSchema,
  containerDriftFacts,
} from './facts';
export type { ContainerDriftFacts } from './facts';
