import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isError } from '@backstage/errors';
import {
  Browser,
  BrowserContext,
  chromium,
  Locator,
  Page,
} from 'playwright-core';
import { REPORT_DIR, sleep } from './processes';

/** Debian's Chromium; never a downloaded browser. CHROMIUM names another binary. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  try {
    await fs.access(CHROMIUM);
  } catch {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One user journey: its own page, numbered screenshots in e2e-test-report/<name>/, and, when it
 * fails, the page's HTML, the browser console and a last screenshot next to them.
 */
export class Journey {
  readonly dir: string;
  private readonly console: string[] = [];
  private shots = 0;

  private constructor(readonly name: string, readonly page: Page) {
    this.dir = join(REPORT_DIR, name);
    page.on('console', message =>
      this.console.push(
        `${new Date().toISOString()} [${message.type()}] ${message.text()}`,
      ),
    );
    page.on('pageerror', error =>
      this.console.push(
        `${new Date().toISOString()} [pageerror] ${error.stack ?? error}`,
      ),
    );
    page.on('requestfailed', request =>
      this.console.push(
        `${new Date().toISOString()} [requestfailed] ${request.method()} ${request.url()}: ${
          request.failure()?.errorText
        }`,
      ),
    );
  }

  static async open(name: string, context: BrowserContext): Promise<Journey> {
    const dir = join(REPORT_DIR, name);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return new Journey(name, page);
  }

  /** Saves `NN-<step>.png` of the page, or of one element. */
  async shot(step: string, element?: Locator): Promise<void> {
    this.shots += 1;
    const path = join(
      this.dir,
      `${String(this.shots).padStart(2, '0')}-${step}.png`,
    );
    // Lazy cards, entity names and fonts shift the layout for a moment after the data is there.
    await this.page.waitForLoadState('networkidle').catch(() => undefined);
    await sleep(300);
    if (element) {
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({ path });
    } else {
      await this.page.screenshot({ path, fullPage: true });
    }
  }

  /** Runs the journey's steps; on failure keeps what is needed to see why, then rethrows. */
  async run(steps: (journey: Journey) => Promise<void>): Promise<void> {
    try {
      await steps(this);
    } catch (error) {
      const page = this.page;
      const stack = isError(error) ? error.stack : undefined;
      await fs.writeFile(
        join(this.dir, 'failure.txt'),
        `${page.url()}\n\n${stack ?? error}\n`,
      );
      await fs
        .writeFile(join(this.dir, 'page.html'), await page.content())
        .catch(() => undefined);
      await page
        .screenshot({ path: join(this.dir, 'failure.png'), fullPage: true })
        .catch(() => undefined);
      throw error;
    } finally {
      await fs.writeFile(
        join(this.dir, 'console.log'),
        `${this.console.join('\n')}\n`,
      );
      await this.page.close();
    }
  }
}

/** The Backstage InfoCard whose header reads `title`. */
export function card(page: Page, title: string): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({
      has: page.locator('.MuiCardHeader-root', { hasText: title }),
    })
    .first();
}

/** The value next to `label` in a card's label/value list (`<dt>` / `<dd>`). */
export function fact(scope: Locator, label: string): Locator {
  return scope
    .locator('dt')
    .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** The visible text of an element, whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** A link's text as a person reads it (without the screen-reader note of external links). */
export async function linkText(locator: Locator): Promise<string> {
  return (await text(locator)).replace(/ ?, Opens in a new window$/, '');
}

/**
 * Retries `assertion` until it passes or `timeoutMs` runs out (then throws its last error): for
 * what the page shows once data arrives.
 */
export async function eventually<T>(
  assertion: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
