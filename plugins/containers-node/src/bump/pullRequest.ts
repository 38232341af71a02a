import { markdownCell, markdownText } from '../generator/markdown';
import { parseImageReference } from './imageReference';
import type { BaseImageMove, BumpResult, CompanionMove } from './types';

/**
 * Options of {@link renderPullRequestBody}.
 *
 * @public
 */
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

/**
 * Shown in the title when one pull request carries several bumps (the platform's own title).
 *
 * @public
 */
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

/** Whether a result moved `version.current` (a companion or base image may move alone). */
function versionMoved(result: BumpResult): boolean {
  return result.from !== result.to;
}

/** Whether a result moved `version.current` and only what follows it. */
function onlyTheVersion(result: BumpResult): boolean {
  const reason = result.baseImage?.reason ?? 'version';
  return versionMoved(result) && !result.companions && reason === 'version';
}

/** A digest as a pull request shows it: `sha256:` and its first 12 hex digits. */
function shortDigest(digest: string | undefined): string {
  if (!digest) return 'none';
  return /^sha256:[0-9a-f]{64}$/.test(digest)
    ? `${digest.slice(0, 19)}…`
    : digest;
}

function companionLine(move: CompanionMove): string {
  const notes = safeUrl(move.releaseNotesUrl);
  const major =
    move.change === 'major'
      ? ' · ⚠️ **major version bump**: read its release notes before merging'
      : '';
  return `  - Companion **${markdownText(move.name)}** (build arg ${code(
    move.buildArg,
  )}): ${code(move.from)} → ${code(move.to)}${
    move.change ? ` (${move.change})` : ''
  }${notes ? ` · [release notes](${notes})` : ''}${major}`;
}

function baseImageLine(move: BaseImageMove): string {
  if (move.reason === 'rebuilt') {
    const from = parseImageReference(move.from);
    const to = parseImageReference(move.to);
    return `  - Base image rebuilt upstream: ${code(
      `${from.name}:${from.tag ?? ''}`,
    )} digest ${code(shortDigest(from.digest))} → ${code(
      shortDigest(to.digest),
    )}`;
  }
  const lane = move.reason === 'newer-tag' ? ', a newer tag of its lane' : '';
  return `  - Base image${lane}: ${code(move.from)} → ${code(move.to)}`;
}

function bumpedLines(result: BumpResult, options: PullRequestBodyOptions) {
  const name = markdownText(result.name ?? result.slug);
  const change = result.change ? ` (${result.change})` : '';
  const notes = safeUrl(result.releaseNotesUrl);
  const lines = [
    versionMoved(result)
      ? `- **${name}** (${code(result.slug)}): ${code(
          result.from ?? '?',
        )} → ${code(result.to ?? '?')}${change}${
          notes ? ` · [release notes](${notes})` : ''
        }`
      : `- **${name}** (${code(result.slug)}) stays at ${code(
          result.from ?? '?',
        )}; what it pins moves:`,
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
  lines.push(...(result.companions ?? []).map(companionLine));
  if (result.baseImage) lines.push(baseImageLine(result.baseImage));
  for (const skipped of result.skipped ?? []) {
    lines.push(
      `  - Not moved: ${markdownText(skipped.what)}${
        skipped.to ? ` to ${code(skipped.to)}` : ''
      }: ${markdownCell(skipped.reason)}`,
    );
  }
  if (result.rollbackRunbook) {
    lines.push(
      `  - Way back: ${runbookLink(result.rollbackRunbook, options.linkBase)}`,
    );
  }
  return lines;
}

/** The title of one container's bump. */
function titleOf(result: BumpResult): string {
  const name = result.name ?? result.slug;
  const companions = result.companions ?? [];
  const base = result.baseImage;
  if (versionMoved(result)) {
    return `Bump ${name} from ${result.from} to ${result.to}`;
  }
  if (companions.length === 1 && !base) {
    const [one] = companions;
    return `Bump ${one.name} in ${name} from ${one.from} to ${one.to}`;
  }
  if (companions.length === 0 && base?.reason === 'rebuilt') {
    return `Re-pin the base image of ${name} (rebuilt upstream)`;
  }
  if (companions.length === 0 && base) {
    const tag = parseImageReference(base.to).tag;
    return `Bump the base image of ${name}${tag ? ` to ${tag}` : ''}`;
  }
  return `Bump the pinned versions of ${name}`;
}

/**
 * The pull request's title for one bumped container: "Bump <name> from X to Y", or, when only
 * what it pins moved, "Bump <companion> in <name> from X to Y", "Re-pin the base image of
 * <name> (rebuilt upstream)" and the like; "Upstream version updates" for several.
 *
 * @public
 */
export function renderPullRequestTitle(results: BumpResult[]): string {
  const bumped = results.filter(r => r.status === 'bumped');
  if (bumped.length === 1) {
    return titleOf(bumped[0]).replace(/[\r\n]+/g, ' ');
  }
  return UPSTREAM_UPDATES_TITLE;
}

/**
 * The Markdown body of the pull request that carries bumps: an introduction, one line per bumped
 * container (from → to, major/minor/patch, its release notes), a warning on a major bump, the
 * base image when it moved, a link to the container's rollback notes when it has them, and the
 * containers that could not be bumped with the reason. Every value from a container.yaml is
 * escaped, so it renders as text and can open no link or HTML.
 *
 * @public
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
    const containers = `${bumped.length} container${
      bumped.length === 1 ? '' : 's'
    }`;
    lines.push(
      bumped.every(onlyTheVersion)
        ? `${madeBy} moved ${containers} to a newer upstream version. Each changes \`version.current\` in its container.yaml and what follows it (the Dockerfile's ARG defaults, a base image tag carrying the version, the README's container table); CI builds and tests each image. Read the release notes before merging.`
        : `${madeBy} moved what ${containers} pin${
            bumped.length === 1 ? 's' : ''
          }: \`version.current\`, a companion's build arg, the base image's tag or digest, each in its container.yaml, and what follows them (the Dockerfile's ARG defaults, the README's container table); CI builds and tests each image. Read the release notes before merging.`,
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
