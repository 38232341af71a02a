/**
 * A text file from a container's platform checkout, as the containers backend serves it
 * (`GET /api/containers/files/:namespace/:kind/:name?path=…`) for containers read from a local
 * folder, where there is no URL to link to.
 *
 * @public
 */
export interface ContainerFile {
  /** The path as written in container.yaml: relative to the container folder. */
  path: string;
  /** The file's text (UTF-8). */
  content: string;
  /**
   * The highlight.js language of the file, from its name: `markdown`, `yaml`, `properties`,
   * `dockerfile`, … and `plaintext` when unknown.
   */
  language: string;
}
