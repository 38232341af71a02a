import type {
  DriftRecord,
  ReleaseNote,
} from '@dockyard/plugin-containers-common';

/** What `withoutReleaseBodies` takes out of one release. */
type ReleaseBody = Pick<ReleaseNote, 'body' | 'bodyTruncated'>;

/**
 * The release notes' bodies of a record, by version: the main version's and each companion's (by
 * name). Stored apart from the rest of the record, which stays small enough to list.
 */
export interface ReleaseBodies {
  main?: Record<string, ReleaseBody>;
  companions?: Record<string, Record<string, ReleaseBody>>;
}

const hasBody = (note: ReleaseNote) => note.body !== undefined;

function withoutBodies(releases: ReleaseNote[]): ReleaseNote[] {
  return releases.map(({ body: _body, bodyTruncated: _cut, ...note }) => note);
}

function bodiesByVersion(
  releases: ReleaseNote[] | undefined,
): Record<string, ReleaseBody> | undefined {
  const noted = releases?.filter(hasBody) ?? [];
  if (noted.length === 0) return undefined;
  return Object.fromEntries(
    noted.map(note => [
      note.version,
      {
        body: note.body,
        ...(note.bodyTruncated && { bodyTruncated: note.bodyTruncated }),
      },
    ]),
  );
}

/**
 * A record without its release notes' bodies, for the main version and each companion; the
 * same object when it has none. The bodies are most of a stored record (up to 20 releases of
 * up to 20,000 characters each, per pinned version): `GET /drift` lists records without them,
 * and the store keeps them apart (see {@link releaseBodiesOf}).
 */
export function withoutReleaseBodies(record: DriftRecord): DriftRecord {
  const mainHas = record.releases?.some(hasBody) ?? false;
  const companionsHave =
    record.companions?.some(companion => companion.releases?.some(hasBody)) ??
    false;
  if (!mainHas && !companionsHave) return record;
  return {
    ...record,
    ...(mainHas && { releases: withoutBodies(record.releases!) }),
    ...(companionsHave && {
      companions: record.companions!.map(companion =>
        companion.releases?.some(hasBody)
          ? { ...companion, releases: withoutBodies(companion.releases) }
          : companion,
      ),
    }),
  };
}

/** The bodies `withoutReleaseBodies` takes out, by version; undefined when there are none. */
export function releaseBodiesOf(
  record: DriftRecord,
): ReleaseBodies | undefined {
  const main = bodiesByVersion(record.releases);
  const companions = Object.fromEntries(
    (record.companions ?? []).flatMap(companion => {
      const bodies = bodiesByVersion(companion.releases);
      return bodies ? [[companion.name, bodies]] : [];
    }),
  );
  const hasCompanions = Object.keys(companions).length > 0;
  if (!main && !hasCompanions) return undefined;
  return { ...(main && { main }), ...(hasCompanions && { companions }) };
}

function withBodies(
  releases: ReleaseNote[] | undefined,
  bodies: Record<string, ReleaseBody> | undefined,
): ReleaseNote[] | undefined {
  if (!releases || !bodies) return releases;
  return releases.map(note =>
    bodies[note.version] ? { ...note, ...bodies[note.version] } : note,
  );
}

/** The record with the bodies put back where `releaseBodiesOf` took them from. */
export function withReleaseBodies(
  record: DriftRecord,
  bodies: ReleaseBodies | undefined,
): DriftRecord {
  if (!bodies) return record;
  const { main, companions } = bodies;
  return {
    ...record,
    ...(main && { releases: withBodies(record.releases, main) }),
    ...(companions &&
      record.companions && {
        companions: record.companions.map(companion =>
          companion.releases
            ? {
                ...companion,
                releases: withBodies(
                  companion.releases,
                  companions[companion.name],
                ),
              }
            : companion,
        ),
      }),
  };
}
