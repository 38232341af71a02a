import {
  ContainerVersionSpec,
  deriveEolCycle,
  EolInfo,
  eolStateOn,
  isIsoDate,
} from '@dockyard/plugin-containers-common';
import { EndoflifeCycle } from './sources/endoflife';

/** `version.eol` as the engine reads it. */
export type EolSpec = NonNullable<ContainerVersionSpec['eol']>;

/** Cycles named in an "unknown cycle" message, at most: enough to spot a typo. */
const CYCLES_NAMED = 8;

/** What the join counts from: the day (UTC, `YYYY-MM-DD`) and the warning window. */
export interface EolJoinOptions {
  today: string;
  warningDays: number;
}

/** The `version.eol` of a target, when it names a product (the schema checked it; tokens resolved). */
export function eolSpecOf(
  version: ContainerVersionSpec | undefined,
): EolSpec | undefined {
  const eol = version?.eol;
  return eol && typeof eol.product === 'string' && eol.product !== ''
    ? eol
    : undefined;
}

/** An end of life that could not be looked up: `unknown`, with why. */
export function eolLookupFailed(spec: EolSpec, error: string): EolInfo {
  return {
    product: spec.product,
    cycle: spec.cycle ?? '',
    state: 'unknown',
    error,
  };
}

/**
 * Joins the version in use with its product's cycles: the cycle (`version.eol.cycle`, else
 * derived from `current`), its state on `today`, its end-of-life and end-of-support dates, and
 * the product's newest cycle still supported. A cycle the product does not list, or one without
 * a usable end-of-life value, is `unknown` with an error that says so.
 */
export function joinEolCycle(
  version: Pick<ContainerVersionSpec, 'current' | 'component' | 'filter'>,
  spec: EolSpec,
  cycles: EndoflifeCycle[],
  options: EolJoinOptions,
): EolInfo {
  const names = cycles.map(c => c.cycle);
  const current = String(version.current ?? '');
  const cycle =
    spec.cycle ??
    deriveEolCycle(current, names, {
      stripPrefix: version.filter?.strip_prefix,
      component: version.component,
    });
  const named = names.slice(0, CYCLES_NAMED).join(', ');
  const listed = `${named}${names.length > CYCLES_NAMED ? ', …' : ''}`;
  if (cycle === undefined) {
    return eolLookupFailed(
      spec,
      `cannot tell the ${spec.product} cycle of ${JSON.stringify(
        current,
      )} (cycles: ${listed || 'none'}) — set version.eol.cycle`,
    );
  }
  const newestSupported = cycles.find(c => {
    const { state } = eolStateOn(
      c.eol as string | boolean,
      options.today,
      options.warningDays,
    );
    return state === 'supported' || state === 'warning';
  })?.cycle;
  const found = cycles.find(c => c.cycle === cycle);
  if (!found) {
    return withoutUndefined({
      product: spec.product,
      cycle,
      state: 'unknown',
      latestCycle: newestSupported,
      error: `endoflife.date lists no cycle ${JSON.stringify(cycle)} of ${
        spec.product
      } (cycles: ${listed || 'none'})${
        spec.cycle === undefined
          ? ` — derived from ${JSON.stringify(
              current,
            )}; set version.eol.cycle if the product names it otherwise`
          : ''
      }`,
    });
  }
  const { state, daysToEol } = eolStateOn(
    found.eol as string | boolean,
    options.today,
    options.warningDays,
  );
  return withoutUndefined<EolInfo>({
    product: spec.product,
    cycle,
    state,
    eolDate: isIsoDate(found.eol) ? found.eol : undefined,
    daysToEol,
    supportedUntil: isIsoDate(found.support) ? found.support : undefined,
    latestCycle: newestSupported,
    error:
      state === 'unknown'
        ? `endoflife.date gives no end-of-life date for ${spec.product} ${cycle}`
        : undefined,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
