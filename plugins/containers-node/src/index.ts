export * from './discovery';
export * from './generator';
export * from './drift';
export * from './bump';
