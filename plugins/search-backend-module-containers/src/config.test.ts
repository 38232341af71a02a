import { ConfigReader } from '@backstage/config';
import { DEFAULT_COLLATOR_SCHEDULE, readCollatorSchedule } from './config';

const configWith = (dockyardContainers: object) =>
  new ConfigReader({ search: { collators: { dockyardContainers } } });

describe('readCollatorSchedule', () => {
  it('defaults to every 10 minutes, the first run 30 seconds after start', () => {
    expect(readCollatorSchedule(new ConfigReader({}))).toEqual(
      DEFAULT_COLLATOR_SCHEDULE,
    );
    expect(DEFAULT_COLLATOR_SCHEDULE).toMatchObject({
      frequency: { minutes: 10 },
      initialDelay: { seconds: 30 },
    });
  });

  it('reads search.collators.dockyardContainers.schedule', () => {
    expect(
      readCollatorSchedule(
        configWith({
          schedule: {
            frequency: { minutes: 2 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
          },
        }),
      ),
    ).toEqual({
      frequency: { minutes: 2 },
      timeout: { minutes: 1 },
      initialDelay: { seconds: 5 },
    });
  });

  it('names the key of a schedule it cannot read', () => {
    expect(() =>
      readCollatorSchedule(
        configWith({
          schedule: { frequency: 'often', timeout: { minutes: 1 } },
        }),
      ),
    ).toThrow(/^search\.collators\.dockyardContainers\.schedule: /);
  });
});
