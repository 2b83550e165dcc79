// The dashboard's start: the request, BGP and readiness panels from /metrics and /ready; the
// directory, then the network, cost and query panels from the resources it lists. Every 30 s the
// network map is revalidated (a 304 while its ETag holds) and the heatmap's costs asked again; what
// changed is drawn again.

import { Directory } from './alto.js';
import { HeatmapPanel } from './heatmap-panel.js';
import { MetricsPanels, showReadiness } from './metrics-panels.js';
import { NetworkPanel } from './network-panel.js';
import { QueryTester } from './query-tester.js';

const METRICS_EVERY_MS = 5_000;
const NETWORK_MAP_EVERY_MS = 30_000;

/**
 * Runs {@code task} now and then every {@code ms} after it finished (not while the page is hidden),
 * until it returns false; when the server cannot be reached, {@code unreachable} says so and the
 * task is tried again later.
 */
function repeat(task, ms, unreachable) {
  const run = async () => {
    let again = true;
    try {
      again = document.hidden || (await task()) !== false;
    } catch (failure) {
      unreachable(`The server did not answer (${failure.message}); trying again.`);
    }
    if (again) {
      setTimeout(run, ms);
    }
  };
  run();
}

/** The panels that need only /metrics and /ready, which answer even where the ALTO resources do not. */
function startOperatorPanels() {
  const metrics = new MetricsPanels();
  const badge = document.getElementById('readiness');
  repeat(() => showReadiness(badge), METRICS_EVERY_MS, message => {
    badge.dataset.ready = 'unknown';
    badge.textContent = message;
  });
  repeat(() => metrics.refresh(), METRICS_EVERY_MS, message => { metrics.note.textContent = message; });
}

/** The panels drawn from the ALTO resources the directory lists. */
async function startAltoPanels() {
  const summary = document.getElementById('summary');
  let directory;
  try {
    directory = await Directory.load();
  } catch (failure) {
    summary.textContent = `This page needs the ALTO server's directory: ${failure.message}`;
    return;
  }
  summary.textContent = `${directory.resources.length} resources in the directory; default network map `
    + `${directory.defaultNetworkMap ?? 'not named'}.`;

  const network = new NetworkPanel(directory);
  const heatmap = new HeatmapPanel(directory);
  new QueryTester(directory);
  repeat(async () => {
    const map = await network.load();
    if (map) {
      await heatmap.show(map);
    }
  }, NETWORK_MAP_EVERY_MS, message => { network.status.textContent = message; });
}

startOperatorPanels();
startAltoPanels();
