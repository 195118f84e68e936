import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type Article,
  AssistError,
  type RetrievalQuery,
  type TrainingProgress,
  evaluateIntents,
  evaluateRetrieval,
  evaluateSentiment,
  type IntentEvaluation,
  loadSentenceEncoder,
  readArticlesJsonl,
  type SentenceEncoder,
  readLabelledCsv,
  readQueriesJsonl,
} from '@switchboard/assist';
import { type Command, EXIT_OK, EXIT_USAGE, type Io, UsageError } from '../command.js';

const USAGE = `Usage:
  switchboard eval intents   --train FILE.csv --test FILE.csv [--oos-label LABEL]
                             [--threshold N | --validation FILE.csv] [--encoder none|use-lite|both]
  switchboard eval retrieval --articles FILE.jsonl --queries FILE.jsonl [--through-product]
  switchboard eval sentiment --train FILE.csv --test FILE.csv
  switchboard eval agent     --articles FILE.jsonl --queries FILE.jsonl [--threshold N] [--split even|odd]

Trains and scores the assist engine exactly as the product runs it, and prints the figures;
the last line is one JSON object with all of them.

  intents    CSV with a header; text in the first column, label in the second.
             --oos-label LABEL   the label of out-of-scope examples ("none of these"); adds
                                 in-scope accuracy and out-of-scope recall
             --threshold N       fixed "none of these" threshold (0..1) instead of the one
                                 chosen on held-out training examples
             --validation FILE   choose the threshold on this labelled CSV instead
             --encoder NAME      none (default): today's model; use-lite: the Universal Sentence
                                 Encoder lite's embeddings beside today's features (as the product
                                 trains); both: the two side by side (the JSON line is the encoder's,
                                 today's under "withoutEncoder")
  retrieval  articles: {"doc_id", "question", "answers": [...]} per line;
             queries:  {"query_id", "query", "doc_id"} per line. Prints recall@1, recall@5, MRR.
             --through-product   write and publish the articles in a temporary SQLite workspace
                                 through the article service (each answer a body paragraph) and
                                 ask the product's article finder, as the widget and console do
                                 (ranks beyond 50 count as not found)
  sentiment  CSV with columns "text" and "sentiment" (negative, neutral, positive).
  agent      the virtual agent: the same files as retrieval, published in a temporary SQLite
             workspace; each question goes through the product's article finder and the
             product's answer decision. Prints the answer rate (share of questions answered)
             at precision >= 0.9, and the precision and answer rate at the product's default
             confidence threshold (or --threshold N).
             --split even|odd    only the even- or odd-numbered questions (tune on one half,
                                 report on the other)

Common options:
  --no-word-vectors   skip the packaged GloVe vectors (faster start, lower accuracy)
  -h, --help          show this text`;

type Flags = Record<string, string | boolean | undefined>;

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): Flags {
  try {
    return parseArgs({
      args,
      options: { ...options, 'no-word-vectors': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values as Flags;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} FILE is required`);
  return value;
}

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new AssistError('BAD_FILE', `cannot read ${path}: ${why}`);
  }
}

/** Reports training progress on large inputs, at most every tenth of a stage. */
function progressReporter(io: Io, rows: number): ((p: TrainingProgress) => void) | undefined {
  if (rows < 2000) return undefined;
  let last = '';
  return (p) => {
    const step = Math.floor((10 * p.done) / p.total);
    const key = `${p.stage}:${step}`;
    if (key === last) return;
    last = key;
    const what = p.stage === 'features' ? 'reading examples' : p.stage === 'calibration' ? 'calibrating on held-out examples' : 'training';
    io.progress(`${what}: ${p.done}/${p.total}`);
  };
}

const fixed = (value: number | undefined, digits = 4): string => (value === undefined ? '-' : value.toFixed(digits));

function vectorsOption(flags: Flags, io: Io): null | 'packaged' {
  if (flags['no-word-vectors']) return null;
  io.progress('loading word vectors');
  return 'packaged';
}

async function intents(args: string[], io: Io): Promise<number> {
  const flags = parse(args, {
    train: { type: 'string' },
    test: { type: 'string' },
    'oos-label': { type: 'string' },
    threshold: { type: 'string' },
    validation: { type: 'string' },
    encoder: { type: 'string' },
  });
  if (flags.help) return help(io);
  const encoderChoice = flags.encoder ?? 'none';
  if (encoderChoice !== 'none' && encoderChoice !== 'use-lite' && encoderChoice !== 'both') {
    throw new UsageError('--encoder must be none, use-lite or both');
  }
  const trainPath = required(flags, 'train');
  const testPath = required(flags, 'test');
  const oos = typeof flags['oos-label'] === 'string' ? flags['oos-label'] : null;
  let threshold: number | 'auto' = 'auto';
  if (typeof flags.threshold === 'string') {
    threshold = Number(flags.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be a number from 0 to 1');
  }
  const validationPath = typeof flags.validation === 'string' ? flags.validation : null;
  if (validationPath !== null && typeof flags.threshold === 'string') throw new UsageError('give --threshold or --validation, not both');
  if (validationPath !== null && oos === null) throw new UsageError('--validation needs --oos-label');
  const csv = { textColumn: 0, labelColumn: 1 };
  const train = readLabelledCsv(await readInput(trainPath), { ...csv, source: trainPath });
  const test = readLabelledCsv(await readInput(testPath), { ...csv, source: testPath });
  const validation = validationPath === null ? undefined : readLabelledCsv(await readInput(validationPath), { ...csv, source: validationPath });
  const options = { outOfScopeLabel: oos, threshold, validation, wordVectors: vectorsOption(flags, io), onProgress: progressReporter(io, train.length) };
  const runs: IntentEvaluation[] = [];
  if (encoderChoice !== 'use-lite') runs.push(await evaluateIntents(train, test, options));
  let load: EncoderLoad | null = null;
  if (encoderChoice !== 'none') {
    load = await loadEncoder(io);
    runs.push(await evaluateIntents(train, test, { ...options, sentenceEncoder: load.encoder }));
  }
  const result = runs.at(-1)!;
  if (result.unseenTestLabels > 0) {
    io.err(`warning: ${result.unseenTestLabels} test example(s) carry labels the training file never uses; they count as errors`);
  }
  io.out(`intents: ${result.trainExamples} training examples, ${result.labels} intents; ${result.testExamples} test examples`);
  const row = (name: string, value: (r: IntentEvaluation) => string) =>
    io.out(
      `${name.padEnd(22)}${runs
        .map((r) => value(r).padEnd(20))
        .join('')
        .trimEnd()}`,
    );
  if (runs.length > 1) row('', (r) => (r.encoder ? `with ${r.encoder}` : 'without encoder'));
  else if (result.encoder) io.out(`encoder               ${result.encoder} (beside today's features)`);
  row('accuracy', (r) => fixed(r.accuracy));
  row('macro F1', (r) => fixed(r.macroF1));
  if (oos !== null) {
    row('in-scope accuracy', (r) => fixed(r.inScopeAccuracy));
    row('out-of-scope recall', (r) => fixed(r.outOfScopeRecall));
  }
  row('threshold', (r) => fixed(r.threshold, 3));
  row('training', (r) => `${r.trainSeconds.toFixed(1)} s`);
  row('prediction', (r) => `${r.predictMsPerText.toFixed(3)} ms per text`);
  // Resident memory of the whole process at the end (a difference around the load would mostly measure the collector).
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  if (load) io.out(`encoder load          ${load.seconds.toFixed(2)} s (the process holds ${rssMb} MB now)`);
  const extra = load ? { encoderLoadSeconds: load.seconds, rssMb } : {};
  io.out(JSON.stringify(runs.length > 1 ? { ...result, ...extra, withoutEncoder: runs[0] } : { ...result, ...extra }));
  return EXIT_OK;
}

interface EncoderLoad {
  encoder: SentenceEncoder;
  seconds: number;
}

async function loadEncoder(io: Io): Promise<EncoderLoad> {
  io.progress('loading the sentence encoder');
  const started = performance.now();
  const encoder = await loadSentenceEncoder();
  return { encoder, seconds: (performance.now() - started) / 1000 };
}

async function retrieval(args: string[], io: Io): Promise<number> {
  const flags = parse(args, { articles: { type: 'string' }, queries: { type: 'string' }, 'through-product': { type: 'boolean' } });
  if (flags.help) return help(io);
  const articlesPath = required(flags, 'articles');
  const queriesPath = required(flags, 'queries');
  const product = flags['through-product'] === true;
  if (product && flags['no-word-vectors']) throw new UsageError('--through-product runs the product as it is (with its word vectors): drop --no-word-vectors');
  const articles = readArticlesJsonl(await readInput(articlesPath), articlesPath);
  const queries = readQueriesJsonl(await readInput(queriesPath), queriesPath);
  const result = product
    ? await throughProduct(articles, queries, queriesPath, io)
    : await evaluateRetrieval(articles, queries, { wordVectors: vectorsOption(flags, io), source: queriesPath });
  io.out(`retrieval${product ? ' through the product' : ''}: ${result.articles} articles, ${result.queries} queries`);
  io.out(`recall@1              ${fixed(result.recallAt1)}`);
  io.out(`recall@5              ${fixed(result.recallAt5)}`);
  io.out(`MRR                   ${fixed(result.mrr)}`);
  io.out(`indexing              ${result.indexSeconds.toFixed(2)} s`);
  io.out(`search                ${result.queryMs.toFixed(3)} ms per query`);
  io.out(JSON.stringify(result));
  return EXIT_OK;
}

async function agent(args: string[], io: Io): Promise<number> {
  const flags = parse(args, { articles: { type: 'string' }, queries: { type: 'string' }, threshold: { type: 'string' }, split: { type: 'string' } });
  if (flags.help) return help(io);
  if (flags['no-word-vectors']) throw new UsageError('eval agent runs the product as it is (with its word vectors): drop --no-word-vectors');
  const articlesPath = required(flags, 'articles');
  const queriesPath = required(flags, 'queries');
  let threshold: number | undefined;
  if (typeof flags.threshold === 'string') {
    threshold = Number(flags.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be a number from 0 to 1');
  }
  const split = flags.split;
  if (split !== undefined && split !== 'even' && split !== 'odd') throw new UsageError('--split must be even or odd');
  const articles = readArticlesJsonl(await readInput(articlesPath), articlesPath);
  const all = readQueriesJsonl(await readInput(queriesPath), queriesPath);
  const queries = split === undefined ? all : all.filter((_, i) => i % 2 === (split === 'even' ? 0 : 1));
  io.progress('starting a temporary workspace');
  const { evaluateAgentThroughProduct } = await import('@switchboard/server');
  const r = await evaluateAgentThroughProduct(articles, queries, { source: queriesPath, threshold, onProgress: (line) => io.progress(line) });
  const pct = (v: number | null) => (v === null ? '-' : v.toFixed(4));
  io.out(`virtual agent through the product: ${r.articles} articles, ${r.queries} questions${split ? ` (${split} half)` : ''}`);
  io.out(`best article right    ${pct(r.bestArticleRight)}  (answering everything)`);
  if (r.atTarget)
    io.out(
      `answer rate @ p>=${r.targetPrecision}  ${pct(r.atTarget.answerRate)}  (threshold ${r.atTarget.threshold.toFixed(3)}, precision ${pct(r.atTarget.precision)})`,
    );
  else io.out(`answer rate @ p>=${r.targetPrecision}  0.0000  (no threshold reaches that precision)`);
  io.out(`threshold             ${r.atDefault.threshold.toFixed(3)}${threshold === undefined ? "  (the product's default)" : ''}`);
  io.out(`  precision           ${pct(r.atDefault.precision)}`);
  io.out(`  answer rate         ${pct(r.atDefault.answerRate)}`);
  io.out(`search                ${r.queryMs.toFixed(3)} ms per question`);
  io.out(JSON.stringify(r));
  return EXIT_OK;
}

/** The server is loaded only for this: the plain evaluations need the assist engine alone. */
async function throughProduct(articles: Article[], queries: RetrievalQuery[], source: string, io: Io) {
  io.progress('starting a temporary workspace');
  const { evaluateRetrievalThroughProduct } = await import('@switchboard/server');
  return evaluateRetrievalThroughProduct(articles, queries, { source, onProgress: (line) => io.progress(line) });
}

async function sentiment(args: string[], io: Io): Promise<number> {
  const flags = parse(args, { train: { type: 'string' }, test: { type: 'string' } });
  if (flags.help) return help(io);
  const trainPath = required(flags, 'train');
  const testPath = required(flags, 'test');
  const csv = { textColumn: 'text', labelColumn: 'sentiment' };
  const train = readLabelledCsv(await readInput(trainPath), { ...csv, source: trainPath });
  const test = readLabelledCsv(await readInput(testPath), { ...csv, source: testPath });
  const result = await evaluateSentiment(train, test, {
    wordVectors: vectorsOption(flags, io),
    onProgress: progressReporter(io, train.length),
  });
  io.out(`sentiment: ${result.trainExamples} training examples; ${result.testExamples} test examples`);
  io.out(`accuracy              ${fixed(result.accuracy)}`);
  io.out(`macro F1              ${fixed(result.macroF1)}`);
  io.out(`lexicon accuracy      ${fixed(result.lexiconAccuracy)}  (shipped default, learns nothing)`);
  io.out(`training              ${result.trainSeconds.toFixed(1)} s`);
  io.out(`prediction            ${result.predictMsPerText.toFixed(3)} ms per text`);
  io.out(JSON.stringify(result));
  return EXIT_OK;
}

function help(io: Io): number {
  io.out(USAGE);
  return EXIT_OK;
}

const TASKS: Record<string, (args: string[], io: Io) => Promise<number>> = { intents, retrieval, sentiment, agent };

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score the assist engine (intents, retrieval, sentiment) and the virtual agent on labelled files',
  usage: USAGE,
  async run(args, io) {
    const [task, ...rest] = args;
    if (!task || task === '--help' || task === '-h') {
      io.out(USAGE);
      return task ? EXIT_OK : EXIT_USAGE;
    }
    const handler = Object.hasOwn(TASKS, task) ? TASKS[task] : undefined;
    if (!handler) throw new UsageError(`unknown evaluation "${task}" (expected intents, retrieval, sentiment or agent)`);
    try {
      return await handler(rest, io);
    } catch (error) {
      if (error instanceof AssistError) {
        io.err(`switchboard eval ${task}: ${error.message}`);
        return EXIT_USAGE;
      }
      throw error;
    }
  },
};
