// The panels fed by the server's Prometheus metrics (/metrics): request rate, errors and latency per
// resource, worked out from the difference between two scrapes as PromQL's rate() would, and the BGP
// sessions with their route counts.

import { describeFailure, exchange, serverUri } from './alto.js';
import { row } from './dom.js';
import { histogramQuantile, parseMetrics } from './prometheus.js';

const REQUESTS = 'alto_http_requests_total';
const LATENCY = 'alto_http_request_duration_seconds';
const SESSION_STATE = 'alto_bgp_session_state';
const ROUTES = 'alto_bgp_routes';
/** Points of the request-rate sparkline: five minutes of 5 s scrapes. */
const SPARKLINE_POINTS = 60;

/** One scrape and when it was taken. */
class Reading {
  constructor(scrape, at) {
    this.at = at;
    this.requests = scrape.sumBy(REQUESTS, 'resource');
    this.errors = new Map();
    for (const sample of scrape.named(REQUESTS)) {
      if (Number(sample.labels.status) >= 400) {
        const resource = sample.labels.resource ?? '';
        this.errors.set(resource, (this.errors.get(resource) ?? 0) + sample.value);
      }
    }
    this.latencySum = scrape.sumBy(`${LATENCY}_sum`, 'resource');
    this.latencyCount = scrape.sumBy(`${LATENCY}_count`, 'resource');
    this.buckets = scrape.bucketsBy(LATENCY, 'resource');
  }
}

export class MetricsPanels {
  constructor() {
    this.note = document.getElementById('traffic-note');
    this.trafficRows = document.querySelector('#traffic-table tbody');
    this.sparkline = document.getElementById('rate-sparkline');
    this.bgpNote = document.getElementById('bgp-note');
    this.bgpRows = document.querySelector('#bgp-table tbody');
    this.rates = [];
  }

  /**
   * Scrapes /metrics once and shows it; false when the metrics cannot be read (not offered, or
   * refused to this client), which the page then stops asking for.
   */
  async refresh() {
    const answer = await exchange(serverUri('/metrics'), { accept: 'text/plain' });
    if (!answer.ok) {
      const reason = `Metrics are not available to this page (${describeFailure(answer)}).`;
      this.note.textContent = reason;
      this.bgpNote.textContent = reason;
      return false;
    }
    const scrape = parseMetrics(answer.text);
    const reading = new Reading(scrape, performance.now());
    this.showTraffic(reading, this.previous);
    this.showBgp(scrape);
    this.previous = reading;
    return true;
  }

  showTraffic(now, before) {
    const seconds = before ? (now.at - before.at) / 1000 : undefined;
    const sinceBefore = (series, resource) => (series(now).get(resource) ?? 0) - (before ? series(before).get(resource) ?? 0 : 0);
    const resources = [...now.requests.keys()].sort();
    this.trafficRows.replaceChildren(...resources.map(resource => {
      const count = sinceBefore(reading => reading.latencyCount, resource);
      const sum = sinceBefore(reading => reading.latencySum, resource);
      const p95 = histogramQuantile(0.95, now.buckets.get(resource) ?? new Map(), before?.buckets.get(resource));
      const tr = row([
        resource,
        now.requests.get(resource),
        seconds && round(sinceBefore(reading => reading.requests, resource) / seconds, 2),
        seconds && round(sinceBefore(reading => reading.errors, resource) / seconds, 2),
        count > 0 ? round(1000 * sum / count, 2) : undefined,
        p95 === undefined ? undefined : round(1000 * p95, 2),
      ]);
      tr.dataset.resource = resource;
      return tr;
    }));
    this.note.textContent = before
      ? `Rates and latency over the last ${seconds.toFixed(1)} s, read from /metrics every 5 s.`
      : 'Totals since the server started; rates follow with the next reading of /metrics.';
    if (seconds) {
      const total = [...now.requests.values()].reduce((a, b) => a + b, 0)
        - [...before.requests.values()].reduce((a, b) => a + b, 0);
      this.rates = [...this.rates, total / seconds].slice(-SPARKLINE_POINTS);
      this.drawSparkline();
    }
  }

  drawSparkline() {
    const width = 300;
    const height = 40;
    const highest = Math.max(...this.rates, 1e-9);
    const points = this.rates.map((rate, i) =>
      `${(i * width / (SPARKLINE_POINTS - 1)).toFixed(1)},${(height - rate / highest * (height - 2) - 1).toFixed(1)}`);
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.join(' '));
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `total request rate: now ${this.rates.at(-1).toFixed(2)}/s, highest ${highest.toFixed(2)}/s`;
    this.sparkline.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.sparkline.replaceChildren(title, line);
  }

  showBgp(scrape) {
    const states = new Map();
    for (const sample of scrape.named(SESSION_STATE)) {
      if (sample.value > 0) {
        states.set(sample.labels.peer, sample.labels.state);
      }
    }
    const routes = scrape.sumBy(ROUTES, 'peer');
    const peers = [...new Set([...states.keys(), ...routes.keys()])].sort();
    this.bgpRows.replaceChildren(...peers.map(peer => row([peer, states.get(peer), routes.get(peer)])));
    this.bgpNote.textContent = peers.length === 0
      ? 'No BGP sessions: this server takes its prefixes from files.'
      : `${peers.length} BGP peers; ${[...states.values()].filter(state => state === 'established').length} established.`;
  }
}

function round(value, digits) {
  return value === undefined || !Number.isFinite(value) ? undefined : Number(value.toFixed(digits));
}

/** The readiness badge, from /ready: its JSON says whether the server is ready and why not (shown on hover). */
export async function showReadiness(badge) {
  const answer = await exchange(serverUri('/ready'), { accept: 'application/json' });
  const ready = answer.json?.ready;
  badge.dataset.ready = typeof ready === 'boolean' ? String(ready) : 'unknown';
  if (typeof ready === 'boolean') {
    badge.textContent = ready ? 'ready' : 'not ready';
    badge.title = answer.text;
  } else {
    badge.textContent = `readiness: ${describeFailure(answer)}`;
  }
}
