/*
 * The drift overview in Chromium, timed from inside the page: Debian's Chromium through
 * playwright-core, launched as the browser journeys launch it (headless, --no-sandbox,
 * --disable-background-networking).
 *
 * A script added before any of the app's runs records, on the page's clock (ms since the
 * navigation started): when the table's first data row and the summary tiles enter the DOM, and
 * the animation frame after each (about when they are painted); the Resource Timing entries give
 * when the /drift and catalog responses ended, and their sizes; Event Timing gives each
 * keystroke's time from the key press to the next paint (what Chrome reports as INP).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../e2e/src/lib/browser';

/** One resource as Resource Timing saw it. */
export interface ResourceFigures {
  url: string;
  startMs: number;
  responseStartMs: number;
  responseEndMs: number;
  /** Bytes on the wire (headers and the body as sent, compressed or not). */
  transferBytes: number;
  /** The body as sent. */
  encodedBytes: number;
  /** The body after decompression. */
  decodedBytes: number;
}

export interface LoadFigures {
  /** The first data row of the table, and the frame after it. */
  rowsMs: number;
  rowsFrameMs: number;
  tilesMs: number;
  tilesFrameMs: number;
  drift: ResourceFigures;
  catalog: ResourceFigures;
  /** JS heap in use once the rows are shown. */
  heapMb: number;
}

export interface KeystrokeFigures {
  key: string;
  /** Key press to the next paint (Event Timing, 8 ms resolution; under 16 ms counts as 16). */
  inputToPaintMs: number;
  /** Key press to the frame after the last change the keystroke made to the table. */
  resultsShownMs: number;
  /** Rows the table says it has after the keystroke ("1–25 of 312" → 312). */
  matching: number;
}

declare global {
  interface Window {
    __bench: {
      marks: Record<string, number>;
      events: Array<{ name: string; start: number; duration: number }>;
      keydowns: number[];
      mutations: number[];
      frames: number[];
    };
  }
}

/** Runs in the page before the app: marks when the rows and tiles appear. */
function instrumentPage() {
  // The app loads hundreds of chunks; keep every entry.
  performance.setResourceTimingBufferSize(5000);
  const bench: Window['__bench'] = {
    marks: {},
    events: [],
    keydowns: [],
    mutations: [],
    frames: [],
  };
  window.__bench = bench;
  // The event's own time stamp: when the browser received the key, before any handler ran.
  document.addEventListener(
    'keydown',
    event => bench.keydowns.push(event.timeStamp),
    true,
  );
  const mark = (name: string) => {
    if (name in bench.marks) return;
    bench.marks[name] = performance.now();
    requestAnimationFrame(() => {
      bench.marks[`${name}Frame`] = performance.now();
    });
  };
  new MutationObserver(() => {
    if (
      document.querySelector(
        'table[aria-label="Container drift"] tbody tr td a',
      )
    ) {
      mark('rows');
    }
    if (document.querySelector('[role="group"][aria-label="Drift summary"]')) {
      mark('tiles');
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      bench.events.push({
        name: entry.name,
        start: entry.startTime,
        duration: entry.duration,
      });
    }
  }).observe({
    type: 'event',
    buffered: true,
    durationThreshold: 16,
  } as PerformanceObserverInit);
}

async function signIn(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click({ timeout: 60_000 });
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  await page
    .getByRole('link', { name: 'Container drift' })
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async error => {
      await page.screenshot({ path: 'bench/results/sign-in-failed.png' });
      throw error;
    });
  await page.close();
}

/** Opens the overview in a fresh tab and reads the figures of that load. */
async function load(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; figures: LoadFigures }> {
  const page = await context.newPage();
  await page.goto(`${url}/containers`);
  await page.waitForFunction(
    () =>
      window.__bench.marks.rowsFrame !== undefined &&
      window.__bench.marks.tilesFrame !== undefined,
    undefined,
    { timeout: 300_000, polling: 100 },
  );
  const figures = await page.evaluate(() => {
    const resource = (match: (name: string) => boolean) => {
      const entry = (
        performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      ).find(e => match(e.name));
      if (!entry) throw new Error('a request of the overview was not seen');
      return {
        url: entry.name,
        startMs: entry.startTime,
        responseStartMs: entry.responseStart,
        responseEndMs: entry.responseEnd,
        transferBytes: entry.transferSize,
        encodedBytes: entry.encodedBodySize,
        decodedBytes: entry.decodedBodySize,
      };
    };
    const { marks } = window.__bench;
    const memory = (performance as { memory?: { usedJSHeapSize: number } })
      .memory;
    return {
      rowsMs: marks.rows,
      rowsFrameMs: marks.rowsFrame,
      tilesMs: marks.tiles,
      tilesFrameMs: marks.tilesFrame,
      drift: resource(name => /\/api\/containers\/drift(\?|$)/.test(name)),
      catalog: resource(
        name =>
          name.includes('/api/catalog/entities?') &&
          name.includes('container-yaml'),
      ),
      heapMb: Math.round((memory?.usedJSHeapSize ?? 0) / 1024 / 1024),
    };
  });
  return { page, figures };
}

/** Types `text` into the search box one key at a time, each alone, and times each. */
async function typeSearch(
  page: Page,
  keys: string[],
): Promise<KeystrokeFigures[]> {
  const box = page.getByRole('textbox', { name: 'Search containers' });
  await box.click();
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const bench = window.__bench;
    // What shows the results: the table's rows and the pagination's count.
    const table = document.querySelector(
      'table[aria-label="Container drift"]',
    )!;
    const pagination = document.querySelector('.MuiTablePagination-root')!;
    const observer = new MutationObserver(() =>
      bench.mutations.push(performance.now()),
    );
    for (const element of [table, pagination]) {
      observer.observe(element, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    }
    const frame = () => {
      bench.frames.push(performance.now());
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const figures: KeystrokeFigures[] = [];
  for (const key of keys) {
    const pressedAt = await page.evaluate(() => performance.now());
    await page.keyboard.press(key);
    // Alone: the next key waits until this one's work is long done.
    await page.waitForTimeout(600);
    figures.push(
      await page.evaluate(
        ({ key, pressedAt: asked }) => {
          const bench = window.__bench;
          // The key event's own time stamp: when the browser had the key.
          const from = bench.keydowns.find(t => t >= asked) ?? asked;
          const to = from + 600;
          const within = (t: number) => t >= from && t < to;
          const inputToPaint = Math.max(
            16,
            ...bench.events.filter(e => within(e.start)).map(e => e.duration),
          );
          const lastChange = bench.mutations.filter(within).pop() ?? from;
          const shown =
            bench.frames.find(t => t > lastChange) ?? performance.now();
          const captions = document.querySelectorAll(
            '.MuiTablePagination-caption',
          );
          const label = captions[captions.length - 1]?.textContent ?? '';
          return {
            key,
            inputToPaintMs: inputToPaint,
            resultsShownMs: shown - from,
            matching: Number(
              /of (\d[\d,]*)/.exec(label)?.[1]?.replace(/,/g, '') ?? NaN,
            ),
          };
        },
        { key, pressedAt },
      ),
    );
  }
  return figures;
}

/**
 * `loads` fresh loads of the overview (after one sign-in, so the app's files are cached as for
 * anyone who used the portal before), then `keys` typed into its search box on the last one.
 */
export async function measureInChromium(
  url: string,
  options: { loads: number; keys: string[] },
): Promise<{ loads: LoadFigures[]; keystrokes: KeystrokeFigures[] }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    await context.addInitScript(instrumentPage);
    await signIn(context, url);
    const loads: LoadFigures[] = [];
    let last: Page | undefined;
    for (let i = 0; i < options.loads; i++) {
      await last?.close();
      const { page, figures } = await load(context, url);
      loads.push(figures);
      last = page;
    }
    const keystrokes = await typeSearch(last!, options.keys);
    return { loads, keystrokes };
  } finally {
    await browser.close();
  }
}
