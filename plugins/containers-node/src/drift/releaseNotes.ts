import {
  boundReleaseBody,
  ContainerVersionSpec,
  MAX_RELEASE_NAME_LENGTH,
  MAX_RELEASE_NOTES,
  ReleaseNote,
  releaseHighlights,
  releaseNotesLink,
  VersionDrift,
  VersionStep,
} from '@dockyard/plugin-containers-common';

/** What a version's answer says about release notes. */
export interface ReleaseNotesAnswer {
  /** The release notes of `latest`. */
  releaseNotesUrl?: string;
  /** The releases after `current` up to `latest`, newest first. */
  releases?: ReleaseNote[];
}

/** A feed's link, when it is a web link (feeds are written by others). */
function webLink(url: string | undefined): string | undefined {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url)
    ? url
    : undefined;
}

/** Text from a feed, when it is text with something in it. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function publishedAt(value: unknown): string | undefined {
  return typeof value === 'string' && Number.isFinite(Date.parse(value))
    ? value
    : undefined;
}

function releaseNote(
  step: VersionStep,
  from: string,
  template: string | undefined,
): ReleaseNote {
  const { upstream } = step;
  const note: ReleaseNote = { version: step.version };
  const name = textOf(upstream.name)?.trim();
  if (name) note.name = name.slice(0, MAX_RELEASE_NAME_LENGTH);
  const date = publishedAt(upstream.releasedAt);
  if (date) note.publishedAt = date;
  const url =
    (template && releaseNotesLink(template, step.version)) ||
    webLink(upstream.releaseNotesUrl);
  if (url) note.url = url;
  const body = textOf(upstream.body);
  if (body) {
    const bounded = boundReleaseBody(body);
    note.body = bounded.body;
    if (bounded.truncated) note.bodyTruncated = true;
  }
  const highlights = releaseHighlights(from, note);
  if (highlights.length > 0) note.highlights = highlights;
  return note;
}

/**
 * The release notes of a compared version: the link of `latest` (from `version.release_notes`
 * when set, else the feed's), and the releases in between, newest first, at most
 * {@link MAX_RELEASE_NOTES} (`behind.releases` counts them all), each with its name, date, link
 * and notes as the feed gives them, the notes cut to their bound, and its highlights (a major
 * step is counted from the release before it, or from `current` for the oldest). No releases
 * when the feed and the template give none of them anything but its version.
 */
export function releaseNotesOf(
  spec: Pick<ContainerVersionSpec, 'current' | 'release_notes'>,
  drift: Pick<VersionDrift, 'latest' | 'releaseNotesUrl' | 'between'>,
): ReleaseNotesAnswer {
  const template =
    typeof spec.release_notes === 'string' ? spec.release_notes : undefined;
  const answer: ReleaseNotesAnswer = {};
  const latestUrl =
    (template && drift.latest && releaseNotesLink(template, drift.latest)) ||
    webLink(drift.releaseNotesUrl);
  if (latestUrl) answer.releaseNotesUrl = latestUrl;
  const between = drift.between ?? [];
  const releases = between
    .slice(0, MAX_RELEASE_NOTES)
    .map((step, i) =>
      releaseNote(
        step,
        between[i + 1]?.version ?? String(spec.current ?? ''),
        template,
      ),
    );
  // Bare version numbers (a Maven or registry feed without release_notes) tell nothing that
  // `latest` and `behind` do not: they are left out of the result.
  if (releases.some(r => r.url || r.name || r.publishedAt || r.body)) {
    answer.releases = releases;
  }
  return answer;
}
