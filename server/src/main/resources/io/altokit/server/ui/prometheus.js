// The Prometheus text exposition format (version 0.0.4), read into samples, and the two computations
// the dashboard makes from successive scrapes: rates of counters and quantiles of histograms.

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

/** Every sample of a scrape as {name, labels, value}; comments and blank lines are skipped. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      continue;
    }
    const match = SAMPLE.exec(trimmed);
    if (match) {
      samples.push({ name: match[1], labels: parseLabels(match[2] ?? ''), value: parseValue(match[3]) });
    }
  }
  return new Scrape(samples);
}

function parseLabels(text) {
  const labels = {};
  LABEL.lastIndex = 0;
  let match;
  while (LABEL.lastIndex < text.length && (match = LABEL.exec(text)) !== null) {
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, escaped) => (escaped === 'n' ? '\n' : escaped));
  }
  return labels;
}

function parseValue(text) {
  switch (text) {
    case '+Inf': return Infinity;
    case '-Inf': return -Infinity;
    default: return Number(text);
  }
}

/** One scrape's samples. */
export class Scrape {
  constructor(samples) {
    this.samples = samples;
  }

  /** The samples of one metric (a histogram's series have their own names: _bucket, _sum, _count). */
  named(name) {
    return this.samples.filter(sample => sample.name === name);
  }

  /** The sum of a metric's samples by the value of one label. */
  sumBy(name, label) {
    const sums = new Map();
    for (const sample of this.named(name)) {
      const key = sample.labels[label] ?? '';
      sums.set(key, (sums.get(key) ?? 0) + sample.value);
    }
    return sums;
  }

  /** By the value of {@code label}, a histogram's buckets summed over the other labels: Map(le -> count). */
  bucketsBy(histogram, label) {
    const byKey = new Map();
    for (const sample of this.named(`${histogram}_bucket`)) {
      const key = sample.labels[label] ?? '';
      const buckets = byKey.get(key) ?? new Map();
      const le = parseValue(sample.labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + sample.value);
      byKey.set(key, buckets);
    }
    return byKey;
  }
}

/**
 * The {@code q}-quantile of the observations a histogram's cumulative buckets counted between two
 * scrapes ({@code before} may be empty), interpolated linearly inside the bucket as PromQL's
 * histogram_quantile does; undefined when nothing was observed.
 */
export function histogramQuantile(q, after, before = new Map()) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map(le => after.get(le) - (before.get(le) ?? 0));
  const total = counts.at(-1);
  if (!(total > 0)) {
    return undefined;
  }
  const rank = q * total;
  const index = counts.findIndex(count => count >= rank);
  if (bounds[index] === Infinity) {
    return bounds[index - 1];
  }
  const lower = index === 0 ? 0 : bounds[index - 1];
  const countBelow = index === 0 ? 0 : counts[index - 1];
  const inBucket = counts[index] - countBelow;
  return inBucket === 0 ? bounds[index] : lower + (bounds[index] - lower) * ((rank - countBelow) / inBucket);
}
