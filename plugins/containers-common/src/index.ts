/**
 * container.yaml schema, parser, version logic and shared types for Dockyard (isomorphic).
 *
 * @packageDocumentation
 */
export * from './container';
export * from './drift/types';
export * from './drift/status';
export * from './entity';
export * from './files/types';
export * from './permissions';
export * from './refreshTopic';
export * from './slug';
export * from './version';
