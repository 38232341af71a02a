/**
 * container.yaml schema, parser, version logic and shared types for Dockyard (isomorphic).
 *
 * @packageDocumentation
 */
export * from './container';
export * from './drift/types';
export * from './entity';
export * from './files/types';
export * from './permissions';
export * from './slug';
export * from './version';
