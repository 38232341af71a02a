import { markdownCell, markdownText } from '../generator/markdown';
import type { BumpResult } from './types';

/** Options of {@link renderPullRequestBody}. */
export interface PullRequestBodyOptions {
  /**
   * Where the platform's files are browsed, for links to rollback notes
   * (`https://github.com/org/platform/blob/main/`); without it, links are relative to the
   * repository root, as in a Markdown file of the repository.
   */
  linkBase?: string;
  /** The command or job that made the bumps, named in the introduction. */
  madeBy?: string;
}

/** Shown in the title when one pull request carries several bumps (the platform's own title). */
export const UPSTREAM_UPDATES_TITLE = 'Upstream version updates';

/** A version as inline code, or as escaped text when it cannot be one. */
function code(value: string): string {
  return /^[^`|\r\n]+$/.test(value) ? `\`${value}\`` : markdownCell(value);
}

/** An http(s) URL safe inside `(…)` of a Markdown link, or undefined. */
function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.replace(/[()<> ]/g, c => encodeURIComponent(c));
  } catch {
    return undefined;
  }
}

function runbookLink(runbook: string, linkBase?: string): string {
  const absolute = safeUrl(runbook);
  if (absolute) return `[rollback notes](${absolute})`;
  const relative = runbook
    .split('/')
    .map(part =>
      encodeURIComponent(part).replace(/[()]/g, c =>
        c === '(' ? '%28' : '%29',
      ),
    )
    .join('/');
  const base = linkBase ? safeUrl(linkBase.replace(/\/*$/, '/')) : undefined;
  return `[rollback notes](${base ? `${base}${relative}` : relative}) (${code(
    runbook,
  )})`;
}

function bumpedLines(result: BumpResult, options: PullRequestBodyOptions) {
  const name = markdownText(result.name ?? result.slug);
  const change = result.change ? ` (${result.change})` : '';
  const notes = safeUrl(result.releaseNotesUrl);
  const lines = [
    `- **${name}** (${code(result.slug)}): ${code(result.from ?? '?')} → ${code(
      result.to ?? '?',
    )}${change}${notes ? ` · [release notes](${notes})` : ''}`,
  ];
  if (result.change === 'major') {
    lines.push(
      `  - ⚠️ **Major version bump**: read the release notes for breaking changes and migrations before merging.`,
    );
  }
  if (result.change === 'downgrade') {
    lines.push(
      `  - ⚠️ **Downgrade**: the new version is older than the current one.`,
    );
  }
  if (result.baseImage) {
    lines.push(
      `  - Base image: ${code(result.baseImage.from)} → ${code(
        result.baseImage.to,
      )}`,
    );
  }
  if (result.rollbackRunbook) {
    lines.push(
      `  - Way back: ${runbookLink(result.rollbackRunbook, options.linkBase)}`,
    );
  }
  return lines;
}

/**
 * The pull request's title: "Bump <name> from X to Y" for one bumped container, else
 * "Upstream version updates".
 */
export function renderPullRequestTitle(results: BumpResult[]): string {
  const bumped = results.filter(r => r.status === 'bumped');
  if (bumped.length === 1) {
    const [one] = bumped;
    return `Bump ${one.name ?? one.slug} from ${one.from} to ${one.to}`.replace(
      /[\r\n]+/g,
      ' ',
    );
  }
  return UPSTREAM_UPDATES_TITLE;
}

/**
 * The Markdown body of the pull request that carries bumps: an introduction, one line per bumped
 * container (from → to, major/minor/patch, its release notes), a warning on a major bump, the
 * base image when it moved, a link to the container's rollback notes when it has them, and the
 * containers that could not be bumped with the reason. Every value from a container.yaml is
 * escaped, so it renders as text and can open no link or HTML.
 */
export function renderPullRequestBody(
  results: BumpResult[],
  options: PullRequestBodyOptions = {},
): string {
  const bumped = results.filter(r => r.status === 'bumped');
  const failed = results.filter(r => r.status === 'error');
  const madeBy = options.madeBy ?? '`dockyard bump`';
  const lines: string[] = [`## ${UPSTREAM_UPDATES_TITLE}`, ''];
  if (bumped.length === 0) {
    lines.push(`No container was bumped by ${madeBy}.`);
  } else {
    lines.push(
      `${madeBy} moved ${bumped.length} container${
        bumped.length === 1 ? '' : 's'
      } to a newer upstream version. Each changes \`version.current\` in its container.yaml and what follows it (the Dockerfile's ARG defaults, a base image tag carrying the version, the README's container table); CI builds and tests each image. Read the release notes before merging.`,
      '',
      ...bumped.flatMap(result => bumpedLines(result, options)),
    );
  }
  if (failed.length > 0) {
    lines.push(
      '',
      '### Not bumped',
      '',
      ...failed.map(
        r =>
          `- ${code(r.slug)}${r.to ? ` to ${code(r.to)}` : ''}: ${markdownCell(
            r.error ?? 'refused',
          )}`,
      ),
    );
  }
  lines.push('', '<sub>Generated by Dockyard (`dockyard bump`).</sub>', '');
  return lines.join('\n');
}
