import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_HISTORY_RETENTION_DAYS,
  readDriftHistoryConfig,
} from './historyConfig';

describe('readDriftHistoryConfig', () => {
  it('keeps 400 days by default', () => {
    expect(readDriftHistoryConfig(new ConfigReader({}))).toEqual({
      retentionDays: DEFAULT_HISTORY_RETENTION_DAYS,
    });
    expect(DEFAULT_HISTORY_RETENTION_DAYS).toBe(400);
  });

  it('takes containers.drift.history.retentionDays', () => {
    const config = new ConfigReader({
      containers: { drift: { history: { retentionDays: 30 } } },
    });
    expect(readDriftHistoryConfig(config)).toEqual({ retentionDays: 30 });
  });

  it.each([0, -5, 1.5])('refuses %s days, naming the key', days => {
    const config = new ConfigReader({
      containers: { drift: { history: { retentionDays: days } } },
    });
    expect(() => readDriftHistoryConfig(config)).toThrow(
      `containers.drift.history.retentionDays must be a whole number of days, at least 1, got ${days}`,
    );
  });

  it('refuses a value that is not a number, naming the key', () => {
    const config = new ConfigReader({
      containers: { drift: { history: { retentionDays: 'a year' } } },
    });
    expect(() => readDriftHistoryConfig(config)).toThrow(
      /containers\.drift\.history\.retentionDays/,
    );
  });
});
