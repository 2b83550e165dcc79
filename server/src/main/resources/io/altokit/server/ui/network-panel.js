// The network map panel: every PID with its prefix counts, and an address search that asks the
// server's endpoint property service for the address's PID (the server does the longest-prefix match).

import { MediaTypes, describeFailure, exchange, typedAddress } from './alto.js';
import { row } from './dom.js';

/** Rows beyond this are not drawn (a big network has thousands of PIDs); the filter narrows them. */
const TABLE_ROWS_MAX = 300;

/** A network map as the dashboard uses it: PIDs with their prefix counts, most prefixes first. */
export class NetworkMap {
  constructor(json, bytes) {
    this.vtag = json.meta?.vtag ?? {};
    this.bytes = bytes;
    this.pids = Object.entries(json['network-map'] ?? {})
      .map(([name, families]) => ({
        name,
        ipv4: families.ipv4?.length ?? 0,
        ipv6: families.ipv6?.length ?? 0,
      }))
      .sort((a, b) => b.ipv4 + b.ipv6 - (a.ipv4 + a.ipv6) || a.name.localeCompare(b.name));
    this.prefixes = this.pids.reduce((sum, pid) => sum + pid.ipv4 + pid.ipv6, 0);
  }

  /** The {@code count} PIDs with the most prefixes, in name order. */
  largest(count) {
    return this.pids.slice(0, count).map(pid => pid.name).sort();
  }
}

export class NetworkPanel {
  constructor(directory) {
    this.directory = directory;
    this.entry = directory.networkMap();
    this.status = document.getElementById('network-status');
    this.filter = document.getElementById('pid-filter');
    this.rows = document.querySelector('#pid-table tbody');
    this.tableNote = document.getElementById('pid-table-note');
    this.result = document.getElementById('address-result');
    this.filter.addEventListener('input', () => this.renderTable());
    document.getElementById('address-search').addEventListener('submit', event => {
      event.preventDefault();
      this.lookUp(document.getElementById('address').value);
    });
  }

  /** Loads the network map (revalidated by its ETag) and returns it, or undefined when it cannot be read. */
  async load() {
    if (!this.entry) {
      this.status.textContent = 'The directory lists no network map this client may read.';
      return undefined;
    }
    const answer = await exchange(this.directory.uriOf(this.entry), { accept: `${MediaTypes.NETWORK_MAP},${MediaTypes.ERROR}` });
    if (!answer.ok) {
      this.status.textContent = `Network map ${this.entry.id}: ${describeFailure(answer)}`;
      return undefined;
    }
    const etag = answer.headers.get('ETag');
    if (this.map && etag && etag === this.etag) {
      return this.map;
    }
    this.etag = etag;
    this.map = new NetworkMap(answer.json, answer.text.length);
    this.status.textContent = `${this.entry.id}: ${this.map.pids.length} PIDs, ${this.map.prefixes} prefixes, `
      + `vtag ${this.map.vtag.tag} (${size(this.map.bytes)} of JSON).`;
    this.renderTable();
    return this.map;
  }

  renderTable() {
    if (!this.map) {
      return;
    }
    const wanted = this.filter.value.trim().toLowerCase();
    const matching = this.map.pids.filter(pid => pid.name.toLowerCase().includes(wanted));
    const shown = matching.slice(0, TABLE_ROWS_MAX);
    this.rows.replaceChildren(...shown.map(pid => row([pid.name, pid.ipv4, pid.ipv6])));
    this.tableNote.textContent = matching.length > shown.length
      ? `The ${shown.length} of ${matching.length} PIDs with the most prefixes; filter to see others.`
      : `${matching.length} PIDs, most prefixes first.`;
  }

  /** Asks the endpoint property service for the PID of {@code address} and shows it. */
  async lookUp(address) {
    const lookup = this.entry && this.directory.pidLookup(this.entry.id);
    if (!lookup) {
      this.result.textContent = 'The directory lists no endpoint property service with the PID property.';
      return;
    }
    const endpoint = typedAddress(address);
    const answer = await exchange(this.directory.uriOf(lookup.service), {
      method: 'POST',
      accept: `${MediaTypes.ENDPOINT_PROP},${MediaTypes.ERROR}`,
      contentType: MediaTypes.ENDPOINT_PROP_PARAMS,
      body: JSON.stringify({ properties: [lookup.property], endpoints: [endpoint] }),
    });
    if (!answer.ok) {
      this.result.textContent = `${endpoint}: ${describeFailure(answer)}`;
      return;
    }
    const properties = Object.values(answer.json['endpoint-properties'] ?? {})[0] ?? {};
    const pid = properties[lookup.property];
    this.result.dataset.pid = pid ?? '';
    this.result.textContent = pid ? `${endpoint} is in PID ${pid}` : `${endpoint}: the server named no PID`;
  }
}

/** A byte count in kB or MB. */
function size(bytes) {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
