import { createHash } from 'crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DriftRecord } from '@dockyard/plugin-containers-common';
import { HttpCache, HttpCacheEntry } from '@dockyard/plugin-containers-node';
import { Knex } from 'knex';
import {
  ReleaseBodies,
  releaseBodiesOf,
  withoutReleaseBodies,
  withReleaseBodies,
} from './listedRecord';

const RESULTS = 'containers_drift_results';
const HTTP_CACHE = 'containers_drift_http_cache';

const migrationsDir = resolvePackagePath(
  '@dockyard/plugin-containers-backend',
  'migrations',
);

interface ResultRow {
  entity_ref: string;
  slug: string;
  status: string;
  checked_at: string;
  last_success_at: string | null;
  /** The record without its release notes' bodies (rows written before they moved: with). */
  record: string;
  /** JSON {@link ReleaseBodies}, or null when the record has none. */
  release_bodies: string | null;
}

/** A stored record read back whole: its bodies put back into its release notes. */
function wholeRecord(row: Pick<ResultRow, 'record' | 'release_bodies'>) {
  const record: DriftRecord = JSON.parse(row.record);
  return row.release_bodies
    ? withReleaseBodies(record, JSON.parse(row.release_bodies) as ReleaseBodies)
    : record;
}

/** Drift records and HTTP validators in the plugin's database (SQLite or PostgreSQL). */
export class DriftStore implements HttpCache {
  static async create(database: DatabaseService): Promise<DriftStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DriftStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Every record, without the bodies of its release notes (rows written before they were kept
   * apart may still have them): the bodies are most of the stored bytes, and a list of thousands
   * of records is read, parsed and served without them.
   */
  async listRecords(): Promise<DriftRecord[]> {
    const rows = await this.db<ResultRow>(RESULTS)
      .select('record')
      .orderBy('slug');
    return rows.map(row => JSON.parse(row.record));
  }

  /** The entity refs (lower case) that have a record: cheap, for finding containers never checked. */
  async listEntityRefs(): Promise<Set<string>> {
    const rows = await this.db<ResultRow>(RESULTS).select('entity_ref');
    return new Set(rows.map(row => row.entity_ref));
  }

  async getRecord(entityRef: string): Promise<DriftRecord | undefined> {
    const row = await this.db<ResultRow>(RESULTS)
      .where({ entity_ref: entityRef.toLowerCase() })
      .first('record', 'release_bodies');
    return row ? wholeRecord(row) : undefined;
  }

  async getRecords(entityRefs: string[]): Promise<Map<string, DriftRecord>> {
    const records = new Map<string, DriftRecord>();
    const keys = entityRefs.map(ref => ref.toLowerCase());
    // Chunked to stay under SQLite's bound-parameter limit.
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db<ResultRow>(RESULTS)
        .whereIn('entity_ref', keys.slice(i, i + 500))
        .select('entity_ref', 'record', 'release_bodies');
      for (const row of rows) records.set(row.entity_ref, wholeRecord(row));
    }
    return records;
  }

  async saveRecords(records: DriftRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows: ResultRow[] = records.map(record => {
      const bodies = releaseBodiesOf(record);
      return {
        entity_ref: record.entityRef.toLowerCase(),
        slug: record.slug,
        status: record.status,
        checked_at: record.checkedAt,
        last_success_at: record.lastSuccessAt ?? null,
        record: JSON.stringify(withoutReleaseBodies(record)),
        // Null, not left out: a record that lost its notes must not keep the old bodies.
        release_bodies: bodies ? JSON.stringify(bodies) : null,
      };
    });
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += 100) {
        await tx<ResultRow>(RESULTS)
          .insert(rows.slice(i, i + 100))
          .onConflict('entity_ref')
          .merge();
      }
    });
  }

  /** Removes the records of entities that are gone from the catalog. */
  async deleteRecordsExcept(entityRefs: string[]): Promise<number> {
    const keep = new Set(entityRefs.map(ref => ref.toLowerCase()));
    const stored = await this.db<ResultRow>(RESULTS).select('entity_ref');
    const gone = stored
      .map(row => row.entity_ref)
      .filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += 500) {
      await this.db(RESULTS)
        .whereIn('entity_ref', gone.slice(i, i + 500))
        .delete();
    }
    return gone.length;
  }

  async get(url: string): Promise<HttpCacheEntry | undefined> {
    const row = await this.db(HTTP_CACHE)
      .where({ url_hash: hashUrl(url) })
      .first();
    if (!row) return undefined;
    return {
      etag: row.etag ?? undefined,
      lastModified: row.last_modified ?? undefined,
      link: row.link ?? undefined,
      body: row.body,
    };
  }

  async set(url: string, entry: HttpCacheEntry): Promise<void> {
    await this.db(HTTP_CACHE)
      .insert({
        url_hash: hashUrl(url),
        url,
        etag: entry.etag ?? null,
        last_modified: entry.lastModified ?? null,
        link: entry.link ?? null,
        body: entry.body,
        updated_at: new Date().toISOString(),
      })
      .onConflict('url_hash')
      .merge();
  }
}

function hashUrl(url: string) {
  return createHash('sha256').update(url).digest('hex');
}
