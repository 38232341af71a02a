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
import { BumpError, type BumpResult } from './types';
import { editContainerYaml, valueAt, type ContainerPin } from './yamlEdit';

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** What {@link planBump} needs: one container.yaml and the version it should move to. */
export interface PlanBumpOptions {
  slug: string;
  /** The file as messages name it (`containers/trino/container.yaml`). */
  label: string;
  text: string;
  to: string;
  /** The digest of an image tag on its registry; asked only when a digest-pinned base image moves. */
  manifestDigest(image: { name: string; tag: string }): Promise<string>;
}

/** A bump worked out in memory: the new file and what moved. */
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
  rollbackRunbook?: string;
  /** Build arguments whose resolved values changed (their Dockerfile defaults follow). */
  buildArgs: BuildArgChange[];
  /** The Dockerfile, relative to the container folder (`build.context` + `build.dockerfile`). */
  dockerfile: string;
}

/** Why a version cannot be `version.current`, or undefined when it can. */
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

/** The bumped container, once every pin and `version.current` read back as set. */
function readBack(
  result: ReturnType<typeof validResult>,
  pins: ContainerPin[],
  to: string,
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

/**
 * Works out one container's bump without writing anything: sets `version.current` (or the
 * field its whole-string token names), moves a `runtime.base_image` whose tag carries the old
 * version to the new tag and, when it is pinned by digest, to that tag's digest on the registry
 * (also when the tag moves through a `!version.current` token inside it), and checks the result
 * with the container.yaml parser. Throws {@link BumpError} with the reason when the file, the
 * version or the result is not right.
 */
export async function planBump(options: PlanBumpOptions): Promise<PlannedBump> {
  const { label, text, to } = options;
  const problem = versionProblem(to);
  if (problem) throw new BumpError(problem);
  const before = parse(text, options);
  if (!before.ok || !before.container || !before.resolved) {
    throw new BumpError(
      `${label} has problems, fix them first: ${firstError(before)}`,
    );
  }
  const container = before.container;
  const from = String(before.resolved.version.current);
  const name = before.resolved.name;
  if (to === from) {
    return {
      status: 'unchanged',
      name,
      from,
      to,
      text,
      pins: [],
      readmeRow: readmeRow(before.resolved),
      buildArgs: [],
      dockerfile: dockerfileOf(before.resolved),
    };
  }

  const versionTarget = versionPinTarget(container, label);
  const pins: ContainerPin[] = [{ path: versionTarget.path, value: to }];
  const baseTarget =
    container.runtime?.base_image === undefined
      ? undefined
      : pinTarget(container, ['runtime', 'base_image']);
  const sameField =
    baseTarget &&
    formatContainerPath(baseTarget.path) ===
      formatContainerPath(versionTarget.path);
  const tagPin = sameField ? undefined : baseImagePin(baseTarget, from, to);
  if (tagPin) pins.push(tagPin);

  let after = editContainerYaml(text, pins);
  // Checked before any registry is asked, and again once the digest is in.
  let result = validResult(parse(after, options), label);
  const oldImage = before.resolved.runtime?.base_image;
  const newImage = result.resolved.runtime?.base_image;
  let baseImage: PlannedBump['baseImage'];
  if (baseTarget && !sameField && oldImage && newImage !== oldImage) {
    const repinned = await repinBaseImage(
      options,
      baseTarget,
      tagPin,
      newImage,
    );
    if (repinned) {
      if (tagPin) pins[pins.length - 1] = repinned;
      else pins.push(repinned);
      after = editContainerYaml(text, pins);
      result = validResult(parse(after, options), label);
    }
    baseImage = {
      from: oldImage,
      to: result.resolved.runtime?.base_image ?? '',
    };
  }

  const { resolved } = readBack(result, pins, to, label);
  return {
    status: 'bumped',
    name: resolved.name,
    from,
    to,
    text: after,
    pins,
    readmeRow: readmeRow(resolved),
    change: classifyBump(resolved.version, from, to),
    baseImage,
    rollbackRunbook: resolved.catalog?.rollback?.runbook,
    buildArgs: changedBuildArgs(
      before.resolved.build?.args,
      resolved.build?.args,
    ),
    dockerfile: dockerfileOf(resolved),
  };
}
