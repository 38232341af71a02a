/**
 * container.yaml schema, parser, version logic and shared types for Dockyard (isomorphic).
 *
 * @packageDocumentation
 */
export * from './container';
export * from './drift/types';
export * from './drift/status';
export {
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  describeDistance,
  describeLag,
  describeStatusCounts,
  describeStep,
  pinnedStatusLabel,
  plural,
  shortDigest,
} from './drift/wording';
export type { DriftTone } from './drift/wording';
export * from './entity';
export * from './files/types';
export * from './layout';
export * from './permissions';
export * from './refreshTopic';
export * from './slug';
export * from './upstream';
export * from './version';
