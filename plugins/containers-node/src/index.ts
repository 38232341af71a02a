export * from './discovery';
export * from './drift';
