/**
 * A file of the template folder.
 *
 * @public
 */
export interface TemplateFile {
  /** Path inside the template folder, `/`-separated: `tests/smoke.sh`. */
  path: string;
  content: Buffer;
  /** Whether the file is executable (shell scripts). */
  executable?: boolean;
}

/**
 * A rendered file of the new container folder.
 *
 * @public
 */
export interface RenderedFile {
  /** Path inside the container folder, `/`-separated. */
  path: string;
  content: string | Buffer;
  executable: boolean;
}

/**
 * A new container, rendered and validated, not written yet.
 *
 * @public
 */
export interface RenderedContainer {
  slug: string;
  /** `component:default/<slug>`: the catalog entity it becomes. */
  entityRef: string;
  files: RenderedFile[];
  /** Parser warnings (for example a base image not pinned by digest); they do not block. */
  warnings: string[];
}
