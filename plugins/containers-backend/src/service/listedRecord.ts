import type {
  DriftRecord,
  ReleaseNote,
} from '@dockyard/plugin-containers-common';

function withoutBodies(
  releases: ReleaseNote[] | undefined,
): ReleaseNote[] | undefined {
  return releases?.map(({ body: _body, bodyTruncated: _cut, ...note }) => note);
}

/**
 * A record as `GET /drift` lists it: its release notes without their bodies. The bodies are most
 * of a stored record (up to 20 releases of up to 20,000 characters each, for the main version
 * and each companion); the overview shows none of them, and the card reads one container's
 * record, bodies included, from `GET /drift/{namespace}/{kind}/{name}`.
 */
export function withoutReleaseBodies(record: DriftRecord): DriftRecord {
  if (
    !record.releases?.length &&
    !record.companions?.some(companion => companion.releases?.length)
  ) {
    return record;
  }
  return {
    ...record,
    ...(record.releases && { releases: withoutBodies(record.releases) }),
    ...(record.companions && {
      companions: record.companions.map(companion =>
        companion.releases
          ? { ...companion, releases: withoutBodies(companion.releases) }
          : companion,
      ),
    }),
  };
}
