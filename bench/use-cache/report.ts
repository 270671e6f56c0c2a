import { cpus, loadavg } from 'node:os';
import { updateResults } from '../results-sections';

/** One contender on one route, summed over the rounds. */
export interface Measured {
  requests: number;
  seconds: number;
  /** Each round's median latency. */
  p50Ms: number[];
  /** Non-200 answers, answers without the route's proof text, socket errors and timeouts. */
  wrong: number;
}

const SECTION = "## 'use cache' pages against the framework floor";
/** Route 0 is the floor; the targets of issue 14 name routes 1 (lesson) and 4 (speech). */
const TARGETS = [
  { route: 1, ratio: 0.5 },
  { route: 4, ratio: 0.9 },
];

const perSecond = (measured: Measured) => measured.requests / measured.seconds;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The section's markdown, also written into bench/RESULTS.md in place of any earlier one. */
export async function writeUseCacheResults(run: {
  command: string;
  contenders: readonly string[];
  routes: readonly string[];
  measured: (contender: number, route: number) => Measured;
  seconds: number;
  settleSeconds: number;
  rounds: number;
  connections: number;
  crashed: number[];
}): Promise<string> {
  const ratio = (contender: number, route: number) =>
    perSecond(run.measured(contender, route)) / perSecond(run.measured(contender, 0));
  const cells = (contender: number, route: number) => {
    const measured = run.measured(contender, route);
    return [
      perSecond(measured).toFixed(0),
      `${ratio(contender, route).toFixed(2)}×`,
      `${median(measured.p50Ms).toFixed(0)} ms`,
      String(measured.wrong),
    ];
  };
  const header = run.contenders.flatMap((name) => [`${name}: req/s`, 'vs floor', 'p50', 'wrong']);
  const rows = run.routes.map(
    (route, index) =>
      `| ${route} | ${run.contenders.flatMap((_, contender) => cells(contender, index)).join(' | ')} |`,
  );
  const wrong = run.routes.reduce(
    (sum, _, route) =>
      sum +
      run.contenders.reduce(
        (inner, __, contender) => inner + run.measured(contender, route).wrong,
        0,
      ),
    0,
  );
  const lines = [
    SECTION,
    '',
    `- Command: \`${run.command}\``,
    `- Date: ${new Date().toISOString()}; ${cpus().length} cores shared with other work (load average after: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')})`,
    `- Two production servers (\`next start\`) started side by side by the bench, one per contender, on the seeded curriculum in a database of their own, each with its own CACHE_PREFIX on the shared Redis, espeak-ng as the voice. ${run.connections} autocannon connections; after an unmeasured warm-up of every route (first renders, the phrase's one synthesis), ${run.rounds} rounds of ${run.seconds} s per route and contender, the contenders alternating which goes first, each window preceded by ${run.settleSeconds} s of the same route, unmeasured, so that what one route leaves behind (a page render's garbage) is not billed to the next. Requests carry one of 100 signed learner cookies in turn, so the per-learner parts (progress, display settings) are read per request.`,
    '- "vs floor" is the route\'s requests/s over the floor\'s on the same server in the same run: `GET /api/ping`, a route handler that answers a constant JSON body per request and touches nothing. "wrong" counts answers that were not 200 or lacked the route\'s own content (phrase cards, the lesson list, the login form, a speech URL): such answers would flatter a route.',
    "- lib/cache handler: the app as deployed (`'use cache'` renders in lib/cache's L1 + Redis). Next's in-memory handler: the same build with `USE_CACHE_HANDLER=memory`, which leaves Next's default handler in place (one process, nothing shared, no Redis on that path).",
    "- Community contender: `@fortedigital/nextjs-cache-handler` 3.3.0 (the newest; peer `next >=16.1.5`) installs from the registry, but implements Next's older `cacheHandler` (ISR, `unstable_cache`) only: its README lists `cacheHandlers` and `'use cache'` as \"Not yet supported\", so it cannot store these renders and is not measured.",
    '',
    `| route | ${header.join(' | ')} |`,
    `|---|${header.map(() => '---:').join('|')}|`,
    ...rows,
    '',
    '### Targets (issue 14, lib/cache handler)',
    '',
    ...TARGETS.map(({ route, ratio: wanted }) => {
      const measured = ratio(0, route);
      return `- ${measured >= wanted ? '✅ met' : '❌ MISSED'}: ${run.routes[route]} at least ${wanted}× the floor: ${measured.toFixed(2)}×`;
    }),
    `- ${wrong === 0 ? '✅ met' : '❌ MISSED'}: every answer was the real page or lookup: ${wrong} wrong`,
    `- ${run.crashed.length === 0 ? '✅ met' : '❌ MISSED'}: servers still up afterwards${run.crashed.length ? `: ports ${run.crashed.join(', ')} exited` : ''}`,
    '',
  ];
  const section = lines.join('\n');
  await updateResults(section);
  return section;
}
