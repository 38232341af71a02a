/*
 * The platform's layout, shared by everything that reads or writes containers (discovery, the
 * catalog module, the generator, bump, the scaffolder actions, the CLI): one folder per container
 * under `containers/`, each described by its `container.yaml`.
 */

/**
 * The folder of a platform checkout that holds one folder per container.
 *
 * @public
 */
export const CONTAINERS_FOLDER_NAME = 'containers';
/**
 * The file every container folder holds.
 *
 * @public
 */
export const CONTAINER_FILE_NAME = 'container.yaml';
