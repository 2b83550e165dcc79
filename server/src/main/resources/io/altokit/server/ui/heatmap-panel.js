// The cost heatmap panel. A full cost map grows with the square of the PIDs (1,700 PIDs: 2.9 million
// cells, 80+ MB of JSON), so the panel never downloads one blindly: it asks the filtered cost map
// service for the costs among the N PIDs with the most prefixes, which for a small network is all of
// them, and says which PIDs it shows.

import { MediaTypes, describeFailure, exchange } from './alto.js';
import { drawHeatmap, drawLegend } from './heatmap.js';

/** The most PIDs the heatmap shows: 10,000 cells. */
const PIDS_MAX = 100;

export class HeatmapPanel {
  constructor(directory) {
    this.directory = directory;
    // A single-cost service if there is one; an RFC 8189 multi-cost one answers single-cost requests too.
    const filtered = directory.find(MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER);
    this.filtered = filtered.find(entry => !entry.capabilities?.['max-cost-types']) ?? filtered[0];
    this.fullMaps = directory.find(MediaTypes.COST_MAP, undefined);
    this.select = document.getElementById('cost-type');
    this.size = document.getElementById('heatmap-size');
    this.note = document.getElementById('heatmap-note');
    this.svg = document.getElementById('heatmap');
    this.legend = document.getElementById('heatmap-legend');
    const types = this.filtered ? directory.costTypesOf(this.filtered)
      : this.fullMaps.flatMap(map => directory.costTypesOf(map));
    this.select.replaceChildren(...types.map(type => new Option(`${type.metric} (${type.mode})`, type.name)));
    document.getElementById('heatmap-controls').addEventListener('submit', event => {
      event.preventDefault();
      this.draw();
    });
  }

  /** Shows the costs of the selected type among the largest PIDs of {@code networkMap}, as they are now. */
  async show(networkMap) {
    this.networkMap = networkMap;
    await this.draw();
  }

  async draw() {
    const named = this.directory.costTypes[this.select.value];
    const type = named && { metric: named['cost-metric'], mode: named['cost-mode'] };
    if (!this.networkMap || !type) {
      this.note.textContent = type ? 'No network map to draw the costs of.' : 'The directory lists no cost map.';
      return;
    }
    const limit = Math.min(PIDS_MAX, Math.max(2, Number(this.size.value) || 2));
    const pids = this.networkMap.largest(limit);
    const answer = await this.costsAmong(pids, type);
    if (!answer) {
      return;
    }
    if (!answer.ok) {
      this.note.textContent = `Cost map ${this.select.value}: ${describeFailure(answer)}`;
      return;
    }
    // Asked again with each network map check, it is drawn again only when the costs changed.
    const drawn = `${this.select.value} ${pids.join(' ')} ${answer.text}`;
    if (drawn === this.drawn) {
      return;
    }
    this.drawn = drawn;
    drawLegend(this.legend, drawHeatmap(this.svg, pids, answer.json['cost-map'] ?? {}));
    this.svg.dataset.costType = this.select.value;
    const total = this.networkMap.pids.length;
    this.note.textContent = pids.length === total
      ? `All ${total} PIDs, ${type.metric} in ${type.mode} mode; rows are sources, columns destinations.`
      : `The ${pids.length} of ${total} PIDs with the most prefixes (a filtered cost map request: the full map has `
        + `${total * total} cells), ${type.metric} in ${type.mode} mode; rows are sources, columns destinations.`;
  }

  /** The answer holding the costs among {@code pids}: a filtered cost map, or a full map only when it covers no more PIDs. */
  costsAmong(pids, type) {
    const accept = `${MediaTypes.COST_MAP},${MediaTypes.ERROR}`;
    if (this.filtered) {
      return exchange(this.directory.uriOf(this.filtered), {
        method: 'POST',
        accept,
        contentType: MediaTypes.COST_MAP_FILTER,
        body: JSON.stringify({ 'cost-type': { 'cost-metric': type.metric, 'cost-mode': type.mode },
          pids: { srcs: pids, dsts: pids } }),
      });
    }
    const full = this.fullMaps.find(map => map.capabilities?.['cost-type-names']?.includes(this.select.value));
    if (pids.length < this.networkMap.pids.length || !full) {
      this.note.textContent = 'The directory lists no filtered cost map service, and the full cost map of '
        + `${this.networkMap.pids.length} PIDs is too big to download here.`;
      return undefined;
    }
    return exchange(this.directory.uriOf(full), { accept });
  }
}
