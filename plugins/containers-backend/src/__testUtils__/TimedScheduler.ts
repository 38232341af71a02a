import {
  SchedulerService,
  SchedulerServiceTaskDescriptor,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

function milliseconds(duration: unknown): number | undefined {
  if (!duration || typeof duration !== 'object') return undefined;
  if ('cron' in duration || 'trigger' in duration) return undefined;
  return durationToMilliseconds(duration as HumanDuration);
}

/**
 * A scheduler that runs each task on its own schedule in real time — after `initialDelay`, then
 * every `frequency` (never two runs of a task at once) — unlike the mock scheduler, which runs
 * tasks only when told. For tests of what a backend does by itself seconds after it starts.
 * Cron and manual schedules only run when triggered.
 */
export class TimedScheduler implements SchedulerService {
  private readonly tasks = new Map<
    string,
    { task: Task; run: () => Promise<void> }
  >();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly abort = new AbortController();

  async scheduleTask(task: Task): Promise<void> {
    let running: Promise<void> | undefined;
    const run = () => {
      running ??= Promise.resolve(task.fn(this.abort.signal))
        .catch(() => {
          // A failing run waits for the next, as Backstage's scheduler does.
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    };
    this.tasks.set(task.id, { task, run });
    const every = milliseconds(task.frequency);
    if (every === undefined) return;
    const start = setTimeout(() => {
      void run();
      this.timers.add(setInterval(() => void run(), every));
    }, milliseconds(task.initialDelay) ?? 0);
    this.timers.add(start);
  }

  async triggerTask(id: string): Promise<void> {
    await this.tasks.get(id)?.run();
  }

  async cancelTask(): Promise<void> {}

  createScheduledTaskRunner(
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): SchedulerServiceTaskRunner {
    return { run: task => this.scheduleTask({ ...task, ...schedule }) };
  }

  async getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]> {
    return [...this.tasks.values()].map(({ task }) => ({
      id: task.id,
      scope: task.scope ?? 'global',
      settings: { version: 1 },
    }));
  }

  /** Stops every timer and aborts running tasks (the backend's shutdown). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.abort.abort();
  }
}
