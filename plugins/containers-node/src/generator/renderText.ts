import { markdownText } from './markdown';

/**
 * Values for the template's `${{ values.<name> }}` placeholders, by how safe they are.
 */
export interface TemplateValues {
  /** Values that passed a strict pattern: safe as written in any file (Dockerfile, shell…). */
  verbatim: Record<string, string>;
  /** Free text: allowed in container.yaml (quoted) and in Markdown (escaped), nowhere else. */
  text: Record<string, string>;
  /** Markdown the generator assembled from escaped parts: allowed in Markdown files only. */
  markdown: Record<string, string>;
}

/** How a template file is rendered. */
export type TemplateFileKind = 'markdown' | 'plain';

/**
 * A template file that cannot be rendered: a bug in the template, not in the inputs.
 *
 * @public
 */
export class TemplateError extends Error {
  name = 'TemplateError';
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const VALUE_REFERENCE = /^\s*values\.([A-Za-z][A-Za-z0-9]*)\s*$/;

/** The file kind of a template path: Markdown by extension, everything else plain. */
export function templateFileKind(path: string): TemplateFileKind {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'plain';
}

/**
 * Replaces every `${{ values.<name> }}` in one pass: a substituted value is never read again, so a
 * value that itself contains `${{ … }}` is written literally. In plain files (Dockerfile, shell)
 * only pattern-checked values may appear; in Markdown free text is escaped.
 *
 * @param file - the template path, for error messages
 */
export function renderTemplateText(
  content: string,
  file: string,
  values: TemplateValues,
  kind: TemplateFileKind = templateFileKind(file),
): string {
  return content.replace(EXPRESSION, (expression, inner: string) => {
    const match = VALUE_REFERENCE.exec(inner);
    if (!match) {
      throw new TemplateError(
        `${file}: unsupported template expression ${expression} (only \${{ values.<name> }} is supported)`,
      );
    }
    const name = match[1];
    if (Object.hasOwn(values.verbatim, name)) {
      return values.verbatim[name];
    }
    if (Object.hasOwn(values.text, name)) {
      if (kind !== 'markdown') {
        throw new TemplateError(
          `${file}: values.${name} is free text and can only be placed in container.yaml or Markdown`,
        );
      }
      return markdownText(values.text[name]);
    }
    if (Object.hasOwn(values.markdown, name)) {
      if (kind !== 'markdown') {
        throw new TemplateError(
          `${file}: values.${name} is Markdown and can only be placed in a Markdown file`,
        );
      }
      return values.markdown[name];
    }
    throw new TemplateError(`${file}: unknown template value values.${name}`);
  });
}
