// The query tester: builds the body of an endpoint cost, filtered cost map, filtered network map or
// endpoint property request from the form (addresses are typed as RFC 7285 wants them), lets the
// user edit it, sends it to the service the directory lists, and shows the answer as it came.

import { MediaTypes, exchange, typedAddress } from './alto.js';

/** The services the tester knows, each with how it builds its request from the form. */
const KINDS = [
  {
    label: 'Endpoint cost', mediaType: MediaTypes.ENDPOINT_COST, accepts: MediaTypes.ENDPOINT_COST_PARAMS, costs: true,
    build: form => withConstraints({
      'cost-type': form.costType,
      endpoints: { srcs: form.sources.map(typedAddress), dsts: form.destinations.map(typedAddress) },
    }, form.constraints),
  },
  {
    label: 'Filtered cost map', mediaType: MediaTypes.COST_MAP, accepts: MediaTypes.COST_MAP_FILTER, costs: true,
    build: form => withConstraints({
      'cost-type': form.costType,
      pids: { srcs: form.sources, dsts: form.destinations },
    }, form.constraints),
  },
  {
    label: 'Filtered network map', mediaType: MediaTypes.NETWORK_MAP, accepts: MediaTypes.NETWORK_MAP_FILTER, costs: false,
    build: form => ({ pids: form.sources }),
  },
  {
    label: 'Endpoint properties', mediaType: MediaTypes.ENDPOINT_PROP, accepts: MediaTypes.ENDPOINT_PROP_PARAMS, costs: false,
    build: (form, entry) => ({ properties: entry.capabilities?.['prop-types'] ?? [], endpoints: form.sources.map(typedAddress) }),
  },
];

function withConstraints(body, constraints) {
  return constraints.length > 0 ? { ...body, constraints } : body;
}

function lines(textarea) {
  return textarea.value.split('\n').map(line => line.trim()).filter(line => line.length > 0);
}

export class QueryTester {
  constructor(directory) {
    this.directory = directory;
    this.services = KINDS.flatMap(kind => directory.find(kind.mediaType, kind.accepts).map(entry => ({ kind, entry })));
    this.service = document.getElementById('query-service');
    this.costType = document.getElementById('query-cost-type');
    this.body = document.getElementById('query-body');
    this.target = document.getElementById('query-target');
    this.status = document.getElementById('query-status');
    this.answer = document.getElementById('query-answer');
    this.service.replaceChildren(...this.services.map((service, i) =>
      new Option(`${service.kind.label} (${service.entry.id})`, String(i))));
    this.service.addEventListener('change', () => {
      this.offerCostTypes();
      this.build();
    });
    this.costType.addEventListener('change', () => this.build());
    document.getElementById('query-build').addEventListener('click', () => this.build());
    document.getElementById('query-form').addEventListener('submit', event => {
      event.preventDefault();
      this.send();
    });
    this.offerCostTypes();
    this.build();
  }

  selected() {
    return this.services[Number(this.service.value)];
  }

  offerCostTypes() {
    const selected = this.selected();
    const types = selected?.kind.costs ? this.directory.costTypesOf(selected.entry) : [];
    this.costType.replaceChildren(...types.map(type => new Option(`${type.metric} (${type.mode})`, type.name)));
    this.costType.disabled = types.length === 0;
  }

  /** Fills the request body from the form. */
  build() {
    const selected = this.selected();
    if (!selected) {
      this.status.textContent = 'The directory lists no service this tester knows.';
      return;
    }
    const named = this.directory.costTypes[this.costType.value];
    const form = {
      costType: named && { 'cost-mode': named['cost-mode'], 'cost-metric': named['cost-metric'] },
      sources: lines(document.getElementById('query-sources')),
      destinations: lines(document.getElementById('query-destinations')),
      constraints: lines(document.getElementById('query-constraints')),
    };
    this.body.value = JSON.stringify(selected.kind.build(form, selected.entry), null, 2);
    this.target.textContent = `POST ${selected.entry.uri}, Content-Type: ${selected.kind.accepts}`;
  }

  /** Sends the body as it stands in the text area, and shows the answer. */
  async send() {
    const selected = this.selected();
    if (!selected) {
      return;
    }
    const started = performance.now();
    const answer = await exchange(this.directory.uriOf(selected.entry), {
      method: 'POST',
      accept: `${selected.kind.mediaType},${MediaTypes.ERROR}`,
      contentType: selected.kind.accepts,
      body: this.body.value,
    });
    const elapsed = performance.now() - started;
    this.status.dataset.status = answer.status;
    this.status.textContent = `HTTP ${answer.status}, ${answer.headers.get('Content-Type') ?? 'no content type'}, `
      + `${answer.text.length} bytes in ${elapsed.toFixed(0)} ms`;
    this.answer.textContent = answer.json ? JSON.stringify(answer.json, null, 2) : answer.text;
  }
}
