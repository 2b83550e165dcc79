// A cost map as an SVG heatmap: one cell per (source, destination) PID pair, coloured by the rank of
// its cost among the distinct costs shown, so that a few far-away PIDs (an "external" PID costing
// ten times the rest) do not wash out the differences between the others. Every cell carries its
// PIDs and cost as data attributes and a tooltip.

import { span } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const LABELLED_MAX = 60;
/** Viridis at nine stops: perceptually uniform, readable in grey and by most colour-blind readers. */
const PALETTE = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

/** The colour for a position {@code t} in [0, 1] along the palette. */
export function colourAt(t) {
  const scaled = Math.min(Math.max(t, 0), 1) * (PALETTE.length - 1);
  const index = Math.min(Math.floor(scaled), PALETTE.length - 2);
  const mix = scaled - index;
  const [from, to] = [PALETTE[index], PALETTE[index + 1]].map(hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)));
  return `rgb(${from.map((channel, i) => Math.round(channel + (to[i] - channel) * mix)).join(',')})`;
}

/**
 * Draws {@code costs} (source PID -> destination PID -> cost, as in an RFC 7285 cost map) for
 * {@code pids} into {@code svg}; a pair the map has no cost for stays an empty, outlined cell.
 * Returns the distinct costs drawn, sorted, for the legend.
 */
export function drawHeatmap(svg, pids, costs) {
  const values = [...new Set(pids.flatMap(src => pids.map(dst => costs[src]?.[dst]).filter(Number.isFinite)))]
    .sort((a, b) => a - b);
  const rankOf = new Map(values.map((value, rank) => [value, rank]));
  const position = value => (values.length > 1 ? rankOf.get(value) / (values.length - 1) : 0.5);
  // Cells from 28 px for a few PIDs down to 8 px, about 640 px across.
  const pitch = Math.max(8, Math.min(28, Math.floor(640 / Math.max(pids.length, 1))));
  const labelled = pids.length <= LABELLED_MAX;
  const margin = labelled ? 8 + 7 * Math.max(...pids.map(pid => pid.length)) : 4;
  const side = margin + pitch * pids.length;

  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('width', side);
  svg.setAttribute('height', side);
  svg.dataset.pids = pids.length;
  pids.forEach((src, row) => {
    if (labelled) {
      // Labels sit on the middle of their row, and (turned upright) of their column.
      const middle = margin + pitch * row + pitch / 2 + 3;
      svg.append(label(src, margin - 4, middle, 'end'));
      const heading = label(src, 0, 0, 'start');
      heading.setAttribute('transform', `translate(${middle},${margin - 4}) rotate(-90)`);
      svg.append(heading);
    }
    pids.forEach((dst, column) => {
      const cost = costs[src]?.[dst];
      const cell = document.createElementNS(SVG, 'rect');
      cell.setAttribute('x', margin + pitch * column);
      cell.setAttribute('y', margin + pitch * row);
      cell.setAttribute('width', pitch - 1);
      cell.setAttribute('height', pitch - 1);
      cell.dataset.src = src;
      cell.dataset.dst = dst;
      const title = document.createElementNS(SVG, 'title');
      if (Number.isFinite(cost)) {
        cell.dataset.cost = cost;
        cell.setAttribute('fill', colourAt(position(cost)));
        title.textContent = `${src} → ${dst}: ${cost}`;
      } else {
        cell.setAttribute('class', 'no-cost');
        title.textContent = `${src} → ${dst}: no cost`;
      }
      cell.append(title);
      svg.append(cell);
    });
  });
  return values;
}

function label(text, x, y, anchor) {
  const element = document.createElementNS(SVG, 'text');
  element.setAttribute('x', x);
  element.setAttribute('y', y);
  element.setAttribute('text-anchor', anchor);
  element.textContent = text;
  return element;
}

/** The legend: the palette from the lowest to the highest cost shown, with both ends and the median named. */
export function drawLegend(element, values) {
  element.replaceChildren();
  if (values.length === 0) {
    return;
  }
  const bar = document.createElement('span');
  bar.className = 'legend-bar';
  bar.style.background = `linear-gradient(to right, ${PALETTE.join(', ')})`;
  const median = values[Math.floor((values.length - 1) / 2)];
  element.append(span(values[0]), bar, span(values.at(-1)),
    span(`colour by rank among ${values.length} distinct costs; median ${median}`, 'note'));
}
