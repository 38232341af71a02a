import path from 'node:path';
import {
  formatContainerPath,
  formatProblem,
  isPlainVersion,
  parseContainerYaml,
  type ContainerParseResult,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import type { ReadmeContainer } from '../generator/readmeTable';
import { classifyBump } from './classifyBump';
import { changedBuildArgs, type BuildArgChange } from './dockerfileArgs';
import {
  formatImageReference,
  parseImageReference,
  replaceVersionInTag,
} from './imageReference';
import { pinTarget, type PinTarget } from './pinTarget';
import { planBaseImageRepin } from './baseImageRepin';
import { companionPin, quoted } from './companionPin';
import {
  BumpError,
  type BumpResult,
  type CompanionMove,
  type SkippedMove,
} from './types';
import {
  ContainerEditError,
  editContainerYaml,
  valueAt,
  type ContainerPin,
} from './yamlEdit';

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * What {@link planBump} needs: one container.yaml and what should move in it.
 *
 * @public
 */
export interface PlanBumpOptions {
  slug: string;
  /** The file as messages name it (`containers/trino/container.yaml`). */
  label: string;
  text: string;
  /** The new `version.current`; absent: it stays. */
  to?: string;
  /** Companions to move, by `version.companions[].name`, each to its new version. */
  companions?: Array<{ name: string; to: string; releaseNotesUrl?: string }>;
  /**
   * Re-pin the base image: to the digest its tag names now, or to `tag` (a newer tag of its
   * lane) and that tag's digest. Nothing to do when it moved with `version.current` already.
   */
  base?: { tag?: string };
  /**
   * For `behind` runs: a companion or base image that cannot move (no build arg pins it, a tag
   * that moves with the version, a registry that fails…) is listed in `skipped`, and the rest
   * of the bump goes ahead. Without it, any of these refuses the whole bump.
   */
  skipWhatCannotMove?: boolean;
  /** The digest of an image tag on its registry; asked only when a digest-pinned base image moves. */
  manifestDigest(image: { name: string; tag: string }): Promise<string>;
}

/**
 * A bump worked out in memory: the new file and what moved.
 *
 * @public
 */
export interface PlannedBump {
  status: 'bumped' | 'unchanged';
  name: string;
  from: string;
  to: string;
  /** container.yaml after the bump (the same text when unchanged). */
  text: string;
  /** The scalars set. */
  pins: ContainerPin[];
  /** The README table row of the bumped container. */
  readmeRow: ReadmeContainer;
  change?: BumpResult['change'];
  baseImage?: BumpResult['baseImage'];
  /** The companions moved. */
  companions: CompanionMove[];
  /** What could not move (only with `skipWhatCannotMove`). */
  skipped: SkippedMove[];
  rollbackRunbook?: string;
  /** Build arguments whose resolved values changed (their Dockerfile defaults follow). */
  buildArgs: BuildArgChange[];
  /** The Dockerfile, relative to the container folder (`build.context` + `build.dockerfile`). */
  dockerfile: string;
}

/**
 * Why a version cannot be `version.current`, or undefined when it can.
 *
 * @public
 */
export function versionProblem(value: string): string | undefined {
  return isPlainVersion(value)
    ? undefined
    : `${JSON.stringify(
        value.length > 60 ? `${value.slice(0, 60)}…` : value,
      )} is not a version: letters, digits and . _ + ~ - only (no spaces, quotes or line breaks), starting with a letter or digit, at most 128 characters, e.g. 4.0.1`;
}

function firstError(result: ContainerParseResult): string {
  const problem = result.problems.find(p => p.severity === 'error');
  return problem ? formatProblem(problem) : 'it could not be read';
}

/** The bumped container, or a refusal when the parser does not accept it. */
function validResult(result: ContainerParseResult, label: string) {
  if (!result.ok || !result.container || !result.resolved) {
    throw new BumpError(
      `the bumped ${label} would not be valid, so nothing was written: ${firstError(
        result,
      )}`,
    );
  }
  return { container: result.container, resolved: result.resolved };
}

function parse(text: string, options: PlanBumpOptions) {
  return parseContainerYaml(text, {
    file: options.label,
    folderName: options.slug,
  });
}

/** The container's Dockerfile, relative to its folder. */
function dockerfileOf(container: ContainerSpec): string {
  return path.posix.join(
    container.build?.context ?? '.',
    container.build?.dockerfile ?? 'Dockerfile',
  );
}

function readmeRow(container: ContainerSpec): ReadmeContainer {
  return {
    slug: container.slug,
    name: container.name,
    summary: container.summary,
    current: container.version.current,
    strategy: container.version.strategy,
  };
}

/** The base image's pin, when its written tag carries the old version. */
function baseImagePin(
  target: PinTarget | undefined,
  from: string,
  to: string,
): ContainerPin | undefined {
  if (!target) return undefined;
  const image = parseImageReference(target.raw);
  const tag =
    image.tag === undefined
      ? undefined
      : replaceVersionInTag(image.tag, from, to);
  return tag === undefined
    ? undefined
    : { path: target.path, value: formatImageReference({ ...image, tag }) };
}

/** Where `version.current` is set: itself, or the field its whole-string token names. */
function versionPinTarget(container: ContainerSpec, label: string): PinTarget {
  const target = pinTarget(container, ['version', 'current']);
  if (target.composed) {
    throw new BumpError(
      `${label}: ${formatContainerPath(target.path)} is ${JSON.stringify(
        target.raw,
      )}, a token inside a longer string, which a bump cannot set: write the version there by hand`,
    );
  }
  return target;
}

/**
 * The bumped container, once every pin, `version.current` and each moved companion read back as
 * set.
 */
function readBack(
  result: ReturnType<typeof validResult>,
  pins: ContainerPin[],
  to: string,
  companions: CompanionMove[],
  label: string,
) {
  for (const pin of pins) {
    if (valueAt(result.container, pin.path) !== pin.value) {
      throw new BumpError(
        `${label}: ${formatContainerPath(
          pin.path,
        )} did not read back as ${JSON.stringify(pin.value)} after the edit`,
      );
    }
  }
  if (result.resolved.version.current !== to) {
    throw new BumpError(
      `${label}: version.current reads ${JSON.stringify(
        result.resolved.version.current,
      )} after the edit, not ${JSON.stringify(to)}`,
    );
  }
  for (const moved of companions) {
    const now = result.resolved.version.companions?.find(
      c => c.name === moved.name,
    )?.current;
    if (now !== moved.to) {
      throw new BumpError(
        `${label}: companion ${quoted(moved.name)} reads ${quoted(
          now,
        )} after the edit, not ${quoted(moved.to)}`,
      );
    }
  }
  return result;
}

/**
 * The base image pinned to its new tag's digest, when the image moved and is pinned by digest;
 * undefined when it is not pinned. The digest must be written as such (not through a token).
 */
async function repinBaseImage(
  options: PlanBumpOptions,
  target: PinTarget,
  tagPin: ContainerPin | undefined,
  newImage: string | undefined,
): Promise<ContainerPin | undefined> {
  const moved = parseImageReference(newImage ?? '');
  if (moved.digest === undefined || moved.tag === undefined) return undefined;
  const written = parseImageReference(tagPin?.value ?? target.raw);
  if (!written.digest || !SHA256_DIGEST.test(written.digest)) {
    throw new BumpError(
      `${options.label}: ${formatContainerPath(
        target.path,
      )} is pinned by a digest that is not written as sha256:<64 hex> (${JSON.stringify(
        target.raw,
      )}): re-pin it by hand`,
    );
  }
  const digest = await options.manifestDigest({
    name: moved.name,
    tag: moved.tag,
  });
  return {
    path: target.path,
    value: formatImageReference({ ...written, digest }),
  };
}

/** A refusal's text with the line and column of the file when the edit knows them. */
function reasonText(error: unknown, label: string): string {
  if (error instanceof ContainerEditError && error.line !== undefined) {
    return `${label}:${error.line}:${error.column}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Adds a pin, or, when an earlier move sets the same field, refuses to set it twice. */
function addPin(
  pins: ContainerPin[],
  pin: ContainerPin,
  what: string,
  label: string,
) {
  const field = formatContainerPath(pin.path);
  const same = pins.find(p => formatContainerPath(p.path) === field);
  if (same && same.value !== pin.value) {
    throw new BumpError(
      `${label}: ${what} is written in ${field}, which this bump sets already for another move (${quoted(
        same.value,
      )}): move them one at a time, or by hand`,
    );
  }
  if (!same) pins.push(pin);
}

/** The companions asked for, each once and with a plain version. */
function checkedCompanions(options: PlanBumpOptions) {
  const seen = new Set<string>();
  for (const asked of options.companions ?? []) {
    if (seen.has(asked.name)) {
      throw new BumpError(
        `companion ${quoted(asked.name)} is asked more than once`,
      );
    }
    seen.add(asked.name);
    const problem = versionProblem(asked.to);
    if (problem) {
      throw new BumpError(`companion ${quoted(asked.name)}: ${problem}`);
    }
  }
  return options.companions ?? [];
}

/** A bump as it is worked out: the pins it sets and what a behind run leaves out. */
interface BumpDraft {
  options: PlanBumpOptions;
  /** The file as it is, parsed: valid, with its tokens resolved. */
  before: ContainerParseResult & {
    container: ContainerSpec;
    resolved: ContainerSpec;
  };
  from: string;
  to: string;
  pins: ContainerPin[];
  skipped: SkippedMove[];
}

/** Where the main version moves the base image: its field and the pin of its new tag. */
interface VersionMove {
  baseTarget?: PinTarget;
  /** The base image is the field `version.current` is written in (a whole-string token). */
  sameField: boolean;
  tagPin?: ContainerPin;
}

/** The file once edited, its parse, and how the base image moved. */
interface EditedBump {
  after: string;
  result: ReturnType<typeof validResult>;
  baseImage?: PlannedBump['baseImage'];
}

/**
 * Works out one container's bump without writing anything, and checks the result with the
 * container.yaml parser:
 * - `to`: sets `version.current` (or the field its whole-string token names), moves a
 *   `runtime.base_image` whose tag carries the old version to the new tag and, when it is
 *   pinned by digest, to that tag's digest on the registry (also when the tag moves through a
 *   `!version.current` token inside it);
 * - `companions`: sets the build arg each companion's `"!build.args.X"` token names;
 * - `base`: re-pins a digest-pinned base image to the digest its tag (or a newer tag of its
 *   lane) names on the registry now, unless it moved with the version already.
 * Throws {@link BumpError} with the reason when the file, a version or the result is not right,
 * and (without `skipWhatCannotMove`) when a companion or the base image cannot move.
 *
 * @public
 */
export async function planBump(options: PlanBumpOptions): Promise<PlannedBump> {
  const { label, text } = options;
  if (options.to !== undefined) {
    const problem = versionProblem(options.to);
    if (problem) throw new BumpError(problem);
  }
  const askedCompanions = checkedCompanions(options);
  const before = parse(text, options);
  if (!before.ok || !before.container || !before.resolved) {
    throw new BumpError(
      `${label} has problems, fix them first: ${firstError(before)}`,
    );
  }
  const from = String(before.resolved.version.current);
  const draft: BumpDraft = {
    options,
    before: {
      ...before,
      container: before.container,
      resolved: before.resolved,
    },
    from,
    to: options.to ?? from,
    pins: [],
    skipped: [],
  };

  const versionMove = pinVersion(draft);
  const companions = await moveCompanions(draft, askedCompanions);
  let edited = await editWithVersion(draft, versionMove);
  if (options.base && !edited.baseImage) {
    edited = await repinBaseImageAlone(draft, edited);
  }
  return plannedBump(draft, edited, companions);
}

/**
 * A move that cannot be made refuses the bump or, in a behind run (`skipWhatCannotMove`), is
 * listed in `skipped` and left out.
 */
async function orSkip<T>(
  draft: BumpDraft,
  what: string,
  target: string | undefined,
  step: () => Promise<T> | T,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!draft.options.skipWhatCannotMove) throw error;
    draft.skipped.push({
      what,
      ...(target !== undefined ? { to: target } : {}),
      reason: reasonText(error, draft.options.label),
    });
    return undefined;
  }
}

/** The main version's pin, and the pin of a base image tag that carries it. */
function pinVersion(draft: BumpDraft): VersionMove {
  const { from, to, pins } = draft;
  const { container } = draft.before;
  if (to === from) return { sameField: false };
  const versionTarget = versionPinTarget(container, draft.options.label);
  pins.push({ path: versionTarget.path, value: to });
  const baseTarget =
    container.runtime?.base_image === undefined
      ? undefined
      : pinTarget(container, ['runtime', 'base_image']);
  const sameField =
    !!baseTarget &&
    formatContainerPath(baseTarget.path) ===
      formatContainerPath(versionTarget.path);
  const tagPin = sameField ? undefined : baseImagePin(baseTarget, from, to);
  if (tagPin) pins.push(tagPin);
  return { baseTarget, sameField, tagPin };
}

/** Companions: the build arg each one's token names. */
async function moveCompanions(
  draft: BumpDraft,
  askedCompanions: NonNullable<PlanBumpOptions['companions']>,
): Promise<CompanionMove[]> {
  const companions: CompanionMove[] = [];
  for (const asked of askedCompanions) {
    const moved = await orSkip(draft, `companion ${asked.name}`, asked.to, () =>
      moveCompanion(draft, asked),
    );
    if (moved) companions.push(moved);
  }
  return companions;
}

/** One companion's pin, added to the draft; undefined when it is at that version already. */
function moveCompanion(
  draft: BumpDraft,
  asked: NonNullable<PlanBumpOptions['companions']>[number],
): CompanionMove | undefined {
  const { label, text } = draft.options;
  const { pins } = draft;
  const pinned = companionPin(draft.before.container, asked.name, label);
  const spec = draft.before.resolved.version.companions![pinned.index];
  const current = String(spec.current);
  if (current === asked.to) return undefined;
  const pin = { path: pinned.path, value: asked.to };
  addPin(pins, pin, `companion ${quoted(asked.name)}`, label);
  // An alias or a value the edit cannot write: found for this companion alone.
  try {
    editContainerYaml(text, [pin]);
  } catch (error) {
    pins.splice(pins.indexOf(pin), 1);
    throw error;
  }
  const move: CompanionMove = {
    name: asked.name,
    from: current,
    to: asked.to,
    buildArg: pinned.buildArg,
  };
  const change = classifyBump({ ...spec, current }, current, asked.to);
  if (change) move.change = change;
  if (asked.releaseNotesUrl) move.releaseNotesUrl = asked.releaseNotesUrl;
  return move;
}

/**
 * The file with the pins so far, checked before any registry is asked; then, when the version
 * moved a digest-pinned base image's tag, re-pinned to the new tag's digest and checked again.
 */
async function editWithVersion(
  draft: BumpDraft,
  versionMove: VersionMove,
): Promise<EditedBump> {
  const { options, pins, before } = draft;
  const { label, text } = options;
  let after = pins.length > 0 ? editContainerYaml(text, pins) : text;
  let result = validResult(
    pins.length > 0 ? parse(after, options) : before,
    label,
  );
  const oldImage = before.resolved.runtime?.base_image;
  const newImage = result.resolved.runtime?.base_image;
  const { baseTarget, sameField, tagPin } = versionMove;
  if (!baseTarget || sameField || !oldImage || newImage === oldImage) {
    return { after, result };
  }
  const repinned = await repinBaseImage(options, baseTarget, tagPin, newImage);
  if (repinned) {
    if (tagPin) pins[pins.indexOf(tagPin)] = repinned;
    else pins.push(repinned);
    after = editContainerYaml(text, pins);
    result = validResult(parse(after, options), label);
  }
  return {
    after,
    result,
    baseImage: {
      from: oldImage,
      to: result.resolved.runtime?.base_image ?? '',
      reason: 'version',
    },
  };
}

/** The base image on its own: its tag's digest now, or a newer tag of its lane. */
async function repinBaseImageAlone(
  draft: BumpDraft,
  edited: EditedBump,
): Promise<EditedBump> {
  const { options, pins } = draft;
  const { label, text } = options;
  const current = edited.result;
  const repin = await orSkip(draft, 'base image', options.base?.tag, () =>
    planBaseImageRepin({
      container: current.container,
      image: current.resolved.runtime?.base_image,
      version: draft.to,
      tag: options.base?.tag,
      label,
      manifestDigest: options.manifestDigest,
    }),
  );
  if (!repin) return edited;
  // Worked out on the edited file, so it replaces an earlier pin of the same field.
  const field = formatContainerPath(repin.pin.path);
  const same = pins.findIndex(p => formatContainerPath(p.path) === field);
  if (same === -1) pins.push(repin.pin);
  else pins[same] = repin.pin;
  const after = editContainerYaml(text, pins);
  const result = validResult(parse(after, options), label);
  return {
    after,
    result,
    baseImage: {
      from: draft.before.resolved.runtime?.base_image ?? '',
      to: result.resolved.runtime?.base_image ?? '',
      reason: repin.reason,
    },
  };
}

/** The bump, once every pin reads back as set. */
function plannedBump(
  draft: BumpDraft,
  edited: EditedBump,
  companions: CompanionMove[],
): PlannedBump {
  const { from, to, pins, skipped } = draft;
  const { resolved } = readBack(
    edited.result,
    pins,
    to,
    companions,
    draft.options.label,
  );
  return {
    status: pins.length > 0 ? 'bumped' : 'unchanged',
    name: resolved.name,
    from,
    to,
    text: edited.after,
    pins,
    readmeRow: readmeRow(resolved),
    ...(to !== from
      ? { change: classifyBump(resolved.version, from, to) }
      : {}),
    baseImage: edited.baseImage,
    companions,
    skipped,
    rollbackRunbook: resolved.catalog?.rollback?.runbook,
    buildArgs: changedBuildArgs(
      draft.before.resolved.build?.args,
      resolved.build?.args,
    ),
    dockerfile: dockerfileOf(resolved),
  };
}
