import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DriftHistoryPoint,
  DriftRecord,
  DriftTrend,
  DriftTrendDay,
  EntityDriftHistory,
} from '@dockyard/plugin-containers-common';
import { Knex } from 'knex';
import { DriftHistoryConfig } from './historyConfig';
import {
  HistorySample,
  historySamples,
  LastSample,
  nextBehindSince,
  sampleFingerprint,
  shouldWriteSample,
} from './historySamples';

const HISTORY = 'containers_drift_history';
const HEADS = 'containers_drift_history_heads';
const DAY_MS = 86_400_000;

const migrationsDir = resolvePackagePath(
  '@dockyard/plugin-containers-backend',
  'migrations',
);

interface HistoryRow {
  entity_ref: string;
  kind: string;
  name: string | null;
  status: string;
  current: string | null;
  latest: string | null;
  behind_major: number | null;
  behind_minor: number | null;
  behind_patch: number | null;
  behind_releases: number | null;
  behind_days: number | null;
  overall_status: string;
  eol_state: string | null;
  checked_at: string;
  day: string;
  /** 1 on the last sample of its pinned version that day, else 0. */
  last_of_day: number;
}

interface HeadRow {
  entity_ref: string;
  behind_since: string | null;
  /** JSON of {@link Head.lastSamples}. */
  last_samples: string;
  updated_at: string;
}

interface Head {
  behindSince?: string;
  /** By {@link HistorySample.key}. */
  lastSamples: Record<string, LastSample>;
}

/** `YYYY-MM-DD` (UTC) of `daysBefore` days before `now`. */
function utcDay(now: Date, daysBefore = 0): string {
  return new Date(now.getTime() - daysBefore * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function hasCheckTime(record: DriftRecord): boolean {
  return !!record.checkedAt && !Number.isNaN(Date.parse(record.checkedAt));
}

/** A count or average as the driver returns it (PostgreSQL: bigint and numeric as text). */
function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function toRow(entityRef: string, sample: HistorySample): HistoryRow {
  const { behind } = sample;
  return {
    entity_ref: entityRef,
    kind: sample.kind,
    name: sample.name ?? null,
    status: sample.status,
    current: sample.current ?? null,
    latest: sample.latest ?? null,
    behind_major: behind?.major ?? null,
    behind_minor: behind?.minor ?? null,
    behind_patch: behind?.patch ?? null,
    behind_releases: behind?.releases ?? null,
    behind_days: behind?.days ?? null,
    overall_status: sample.overallStatus,
    eol_state: sample.eol ?? null,
    checked_at: sample.checkedAt,
    day: sample.day,
    last_of_day: 1,
  };
}

function toPoint(row: HistoryRow): DriftHistoryPoint {
  const point: DriftHistoryPoint = {
    checkedAt: row.checked_at,
    kind: row.kind as DriftHistoryPoint['kind'],
    status: row.status as DriftHistoryPoint['status'],
    overallStatus: row.overall_status as DriftHistoryPoint['overallStatus'],
  };
  if (row.name !== null) point.name = row.name;
  if (row.current !== null) point.current = row.current;
  if (row.latest !== null) point.latest = row.latest;
  if (row.behind_releases !== null) {
    point.behind = {
      major: toNumber(row.behind_major ?? 0),
      minor: toNumber(row.behind_minor ?? 0),
      patch: toNumber(row.behind_patch ?? 0),
      releases: toNumber(row.behind_releases),
      ...(row.behind_days !== null && { days: toNumber(row.behind_days) }),
    };
  }
  if (row.eol_state !== null) {
    point.eol = row.eol_state as DriftHistoryPoint['eol'];
  }
  return point;
}

/**
 * A served record with `behindSince`, when its container is behind.
 *
 * @param behindSince - from {@link DriftHistoryStore.behindSince}
 */
export function withBehindSince(
  record: DriftRecord,
  behindSince: Map<string, string> | undefined,
): DriftRecord {
  const since = behindSince?.get(record.entityRef.toLowerCase());
  return since ? { ...record, behindSince: since } : record;
}

/**
 * The drift history in the plugin's database (SQLite or PostgreSQL): a row per pinned version
 * per check when its result changed, and one a day at least, kept for
 * `containers.drift.history.retentionDays`. Per container, a head row holds what the next check
 * compares with and since when it has been behind, so writing and `behindSince` never scan the
 * history.
 */
export class DriftHistoryStore {
  static async create(options: {
    database: DatabaseService;
    config: DriftHistoryConfig;
    /** The clock that retention and the windows of the read methods count from. */
    now?: () => Date;
  }): Promise<DriftHistoryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DriftHistoryStore(
      client,
      options.config,
      options.now ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly config: DriftHistoryConfig,
    private readonly now: () => Date,
  ) {}

  /**
   * Writes the samples of these checks that differ from the last written ones of their pinned
   * versions, or are the first of their day, and moves each container's behind streak.
   * Records without a check time (never checked) are skipped.
   */
  async record(records: DriftRecord[]): Promise<void> {
    const checked = records.filter(hasCheckTime);
    if (checked.length === 0) return;
    await this.db.transaction(async tx => {
      const heads = await this.readHeads(
        checked.map(record => record.entityRef.toLowerCase()),
        tx,
      );
      const rows: HistoryRow[] = [];
      // Samples that follow a stored one of their pinned version on the same day.
      const later: Array<{ entityRef: string; sample: HistorySample }> = [];
      // This batch's row of each pinned version, for two checks of one in a batch.
      const batchRows = new Map<string, HistoryRow>();
      for (const record of checked) {
        const entityRef = record.entityRef.toLowerCase();
        const head = heads.get(entityRef);
        const samples = historySamples(record);
        const lastSamples: Record<string, LastSample> = {};
        for (const sample of samples) {
          const last = head?.lastSamples[sample.key];
          if (shouldWriteSample(sample, last)) {
            const row = toRow(entityRef, sample);
            const batchKey = `${entityRef} ${sample.key}`;
            const earlier = batchRows.get(batchKey);
            if (earlier?.day === sample.day) {
              earlier.last_of_day = 0;
            } else if (last?.day === sample.day) {
              later.push({ entityRef, sample });
            }
            batchRows.set(batchKey, row);
            rows.push(row);
            lastSamples[sample.key] = {
              fingerprint: sampleFingerprint(sample),
              day: sample.day,
            };
          } else if (last) {
            lastSamples[sample.key] = last;
          }
        }
        const [main] = samples;
        heads.set(entityRef, {
          behindSince: nextBehindSince(
            head?.behindSince,
            main.overallStatus,
            main.checkedAt,
          ),
          lastSamples,
        });
      }
      for (const { entityRef, sample } of later) {
        const earlier = tx<HistoryRow>(HISTORY).where({
          entity_ref: entityRef,
          kind: sample.kind,
          day: sample.day,
          last_of_day: 1,
        });
        if (sample.kind === 'companion') earlier.where('name', sample.name!);
        await earlier.update({ last_of_day: 0 });
      }
      for (let i = 0; i < rows.length; i += 50) {
        await tx<HistoryRow>(HISTORY).insert(rows.slice(i, i + 50));
      }
      const updatedAt = this.now().toISOString();
      const headRows: HeadRow[] = [
        ...new Set(checked.map(r => r.entityRef.toLowerCase())),
      ].map(entityRef => {
        const head = heads.get(entityRef)!;
        return {
          entity_ref: entityRef,
          behind_since: head.behindSince ?? null,
          last_samples: JSON.stringify(head.lastSamples),
          updated_at: updatedAt,
        };
      });
      for (let i = 0; i < headRows.length; i += 200) {
        await tx<HeadRow>(HEADS)
          .insert(headRows.slice(i, i + 200))
          .onConflict('entity_ref')
          .merge();
      }
    });
  }

  /**
   * Deletes samples from more than `retentionDays` days ago, and the heads of containers not
   * checked for as long (gone from the catalog). Returns how many samples went.
   */
  async prune(): Promise<number> {
    const now = this.now();
    const cutoffDay = utcDay(now, this.config.retentionDays);
    const deleted = await this.db(HISTORY)
      .where('day', '<', cutoffDay)
      .delete();
    await this.db(HEADS)
      .where(
        'updated_at',
        '<',
        new Date(
          now.getTime() - this.config.retentionDays * DAY_MS,
        ).toISOString(),
      )
      .delete();
    return deleted;
  }

  /**
   * When each container's current behind streak began, by lower-case entity ref: of these
   * containers, or of every container that is behind.
   */
  async behindSince(entityRefs?: string[]): Promise<Map<string, string>> {
    const since = new Map<string, string>();
    const read = async (keys?: string[]) => {
      const query = this.db<HeadRow>(HEADS)
        .whereNotNull('behind_since')
        .select('entity_ref', 'behind_since');
      if (keys) query.whereIn('entity_ref', keys);
      for (const row of await query) {
        since.set(row.entity_ref, row.behind_since!);
      }
    };
    if (!entityRefs) {
      await read();
      return since;
    }
    const keys = entityRefs.map(ref => ref.toLowerCase());
    // Chunked to stay under SQLite's bound-parameter limit.
    for (let i = 0; i < keys.length; i += 500) {
      await read(keys.slice(i, i + 500));
    }
    return since;
  }

  /** Every sample of one container over the last `days` days (today included), oldest first. */
  async entityHistory(
    entityRef: string,
    days: number,
  ): Promise<EntityDriftHistory> {
    const key = entityRef.toLowerCase();
    const from = utcDay(this.now(), days - 1);
    const [rows, since] = await Promise.all([
      this.db<HistoryRow>(HISTORY)
        .where('entity_ref', key)
        .where('day', '>=', from)
        .orderBy([
          { column: 'checked_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .select(),
      this.behindSince([key]),
    ]);
    return {
      entityRef,
      ...(since.has(key) && { behindSince: since.get(key) }),
      from,
      points: rows.map(toPoint),
    };
  }

  /**
   * Per day over the last `days` days (today included), the given containers counted by the
   * last check of their main version that day: behind, failing, past end of life, and the
   * median of `behind.days` of those whose main version was behind. Aggregated in the database.
   */
  async trend(entityRefs: string[], days: number): Promise<DriftTrend> {
    const now = this.now();
    const from = utcDay(now, days - 1);
    const to = utcDay(now);
    if (entityRefs.length === 0) return { from, to, days: [] };
    // The refs go in as one JSON array, however many: no bound-parameter limit to chunk under.
    const refs = JSON.stringify([
      ...new Set(entityRefs.map(ref => ref.toLowerCase())),
    ]);
    const readable = this.isPostgres()
      ? 'select json_array_elements_text(cast(? as json)) as entity_ref'
      : 'select value as entity_ref from json_each(?)';
    // The last sample of each container's main version per day, as flagged when written.
    const daily = `from ${HISTORY} history
      join readable on readable.entity_ref = history.entity_ref
      where kind = 'main' and last_of_day = 1 and day >= ? and day <= ?`;
    const behindWithDays = `status = 'behind' and behind_days is not null`;
    const bindings = [refs, from, to];
    const [counts, medians] = await Promise.all([
      this.db.raw(
        `with readable as (${readable})
        select day,
          count(*) as containers,
          sum(case when overall_status = 'behind' then 1 else 0 end) as behind,
          sum(case when overall_status = 'error' then 1 else 0 end) as failing,
          sum(case when eol_state = 'eol' then 1 else 0 end) as past_eol
        ${daily}
        group by day
        order by day`,
        bindings,
      ),
      this.db.raw(
        this.isPostgres()
          ? `with readable as (${readable})
            select day,
              percentile_cont(0.5) within group (order by behind_days) as median
            ${daily} and ${behindWithDays}
            group by day`
          : // SQLite has no percentile_cont: the average of the middle one or two values.
            `with readable as (${readable}),
            ranked as (
              select day, behind_days,
                row_number() over (partition by day order by behind_days) as position,
                count(*) over (partition by day) as total
              ${daily} and ${behindWithDays}
            )
            select day, avg(behind_days) as median
            from ranked
            where position in ((total + 1) / 2, (total + 2) / 2)
            group by day`,
        bindings,
      ),
    ]);
    const medianByDay = new Map(
      rowsOf(medians).map(row => [String(row.day), toNumber(row.median)]),
    );
    return {
      from,
      to,
      days: rowsOf(counts).map((row): DriftTrendDay => {
        const day = String(row.day);
        return {
          day,
          containers: toNumber(row.containers),
          behind: toNumber(row.behind),
          failing: toNumber(row.failing),
          pastEol: toNumber(row.past_eol),
          ...(medianByDay.has(day) && {
            medianDaysBehind: medianByDay.get(day),
          }),
        };
      }),
    };
  }

  private isPostgres(): boolean {
    return String(this.db.client.config.client).startsWith('pg');
  }

  private async readHeads(
    entityRefs: string[],
    db: Knex = this.db,
  ): Promise<Map<string, Head>> {
    const heads = new Map<string, Head>();
    const keys = [...new Set(entityRefs)];
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db<HeadRow>(HEADS)
        .whereIn('entity_ref', keys.slice(i, i + 500))
        .select('entity_ref', 'behind_since', 'last_samples');
      for (const row of rows) {
        heads.set(row.entity_ref, {
          behindSince: row.behind_since ?? undefined,
          lastSamples: JSON.parse(row.last_samples),
        });
      }
    }
    return heads;
  }
}

/** `knex.raw` answers `{ rows }` on PostgreSQL and the rows themselves on SQLite. */
function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return Array.isArray(result)
    ? result
    : (result as { rows: Array<Record<string, unknown>> }).rows;
}
