/**
 * Makes console output in a test a failure of that test, so a warning never scrolls by unread.
 *
 * Only the third-party warnings listed in {@link KNOWN_THIRD_PARTY_WARNINGS} are let through
 * (dropped, not printed), and only when the call comes from the named package: the same text from
 * Dockyard's own code still fails. Each entry says why it cannot be fixed here.
 */

/** A warning printed by a dependency, recognised by its text and by where it was raised. */
export interface KnownWarning {
  /** Text the message contains (React's `%s` placeholders filled in). */
  contains: string;
  /**
   * A path fragment of the package that raises it, found in the call's stack or in the
   * component stack React appends to the message.
   */
  raisedIn: string;
  /** Why it is there and why it cannot be fixed in this repository. */
  reason: string;
}

/** The dependencies' warnings let through, each with its reason. */
export const KNOWN_THIRD_PARTY_WARNINGS: KnownWarning[] = [
  {
    contains: 'findDOMNode is deprecated',
    raisedIn: '@material-ui/core/utils/useIsFocusVisible',
    reason:
      "React 18.3 deprecates findDOMNode; Material UI v4's focus-visible hook (every ButtonBase, " +
      "Link and Tooltip, which Backstage's core-components are built on) still calls it. " +
      'React prints it once per test file. It goes away with @backstage/ui, not with anything a test can do.',
  },
  {
    contains: '[JSS] processedRuleToParse is not defined',
    raisedIn: 'node_modules/jss/',
    reason:
      "jsdom's CSS parser (@acemir/cssom, 0.9.25 up to 0.10.1) assigns an undeclared variable " +
      'in CSSGroupingRule.insertRule, so every rule JSS inserts into an @media block throws and ' +
      'JSS reports it. Older parsers cannot read @backstage/ui stylesheets, so there is no version to pin.',
  },
  // The app's own test renders Backstage's catalog page, the landing page, and its app shell:
  {
    contains: 'The following icons were registered as IconComponent',
    raisedIn: 'src/apis/implementations/IconsApi/DefaultIconsApi',
    reason:
      "Backstage's app plugin registers its own default icons in the deprecated form and warns about them.",
  },
  {
    contains: 'Each child in a list should have a unique "key" prop',
    raisedIn: '@backstage/plugin-catalog/dist/alpha/pages',
    reason: "The catalog page's loader in @backstage/plugin-catalog/alpha renders a list without keys.",
  },
  {
    contains: '<h2> cannot appear as a child of <h5>',
    raisedIn: '@backstage/plugin-catalog/dist/components/CatalogTable/CatalogTableToolbar',
    reason: "The catalog table's toolbar nests its title's h2 inside an h5.",
  },
  {
    contains: 'Support for defaultProps will be removed',
    raisedIn: '@material-table/core',
    reason:
      "The table under Backstage's Table component (@material-table/core, with react-beautiful-dnd) " +
      'still uses defaultProps, which React 18.3 deprecates.',
  },
];

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];

function messageOf(args: unknown[]): string {
  const [first, ...rest] = args;
  const text =
    typeof first === 'string'
      ? // React formats its warnings printf-style: substitute %s so the text is readable.
        rest.reduce<string>(
          (acc, arg) => acc.replace(/%s/, String(arg)),
          first,
        )
      : String(first instanceof Error ? first.message : first);
  return text.replace(/^Warning: /, '');
}

const FRAMES_SHOWN = 8;

/** The message's first lines and where it came from, short enough to read in a failure. */
function describeCall(method: ConsoleMethod, args: unknown[], stack: string) {
  const [text, ...componentStack] = messageOf(args).split('\n');
  const callers = stack
    .split('\n')
    .slice(1)
    .filter(line => !/consoleGuard|react-dom|node_modules\/react\//.test(line));
  return [
    `console.${method}: ${text}`,
    ...componentStack.slice(0, FRAMES_SHOWN),
    '  called from:',
    ...callers.slice(0, FRAMES_SHOWN),
  ].join('\n');
}

/** Whether a console call is one of the known third-party warnings (exported for its test). */
export function isKnownThirdPartyWarning(
  args: unknown[],
  stack: string,
  known: KnownWarning[] = KNOWN_THIRD_PARTY_WARNINGS,
): boolean {
  const message = messageOf(args);
  return known.some(
    warning =>
      message.includes(warning.contains) &&
      (stack.includes(warning.raisedIn) || message.includes(warning.raisedIn)),
  );
}

/**
 * Installs the guard with jest's `beforeEach`/`afterEach`: call it once from a package's
 * `setupTests.ts`. A test that writes anything else to the console fails, with the output quoted.
 */
export function failTestsOnConsoleOutput(): void {
  const unexpected: string[] = [];
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();

  beforeEach(() => {
    unexpected.length = 0;
    for (const method of METHODS) {
      originals.set(method, console[method]);
      console[method] = (...args: unknown[]) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 40; // deep enough to reach the package that raised it
        const stack = new Error().stack ?? '';
        Error.stackTraceLimit = limit;
        if (isKnownThirdPartyWarning(args, stack)) return;
        unexpected.push(describeCall(method, args, stack));
      };
    }
  });

  afterEach(() => {
    for (const [method, original] of originals) console[method] = original;
    if (unexpected.length > 0) {
      const output = unexpected.splice(0).join('\n\n');
      throw new Error(
        `The test wrote to the console; fix the cause (or, for a dependency's warning that ` +
          `cannot be fixed here, add it to KNOWN_THIRD_PARTY_WARNINGS with the reason):\n\n${output}`,
      );
    }
  });
}
