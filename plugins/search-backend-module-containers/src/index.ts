/**
 * Search backend module for Dockyard: container fields (summary, upstream, current version, image,
 * Iceberg metastore role) and drift status in Backstage search.
 *
 * @packageDocumentation
 */
export { searchModuleContainersCollator as default } from './module';
export { ContainerCollatorFactory } from './ContainerCollatorFactory';
