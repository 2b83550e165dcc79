// Talking to the ALTO server the page is served by: its information resource directory (RFC 7285
// section 9) and requests to the resources it lists. Every URI is resolved against the page, so the
// dashboard works behind a proxy that mounts the server under a path.

export const MediaTypes = Object.freeze({
  DIRECTORY: 'application/alto-directory+json',
  NETWORK_MAP: 'application/alto-networkmap+json',
  NETWORK_MAP_FILTER: 'application/alto-networkmapfilter+json',
  COST_MAP: 'application/alto-costmap+json',
  COST_MAP_FILTER: 'application/alto-costmapfilter+json',
  ENDPOINT_PROP: 'application/alto-endpointprop+json',
  ENDPOINT_PROP_PARAMS: 'application/alto-endpointpropparams+json',
  ENDPOINT_COST: 'application/alto-endpointcost+json',
  ENDPOINT_COST_PARAMS: 'application/alto-endpointcostparams+json',
  ERROR: 'application/alto-error+json',
});

/** The server's own URI for a path next to /ui/ (/directory, /metrics, /ready). */
export function serverUri(path) {
  return new URL(`..${path}`, document.baseURI).href;
}

/**
 * One HTTP exchange. Resolves with the status, the header fields and the body as text (and as JSON
 * when it is JSON); rejects only when no answer came at all.
 */
export async function exchange(uri, { method = 'GET', accept = '*/*', contentType, body, cache = 'no-cache' } = {}) {
  const headers = { Accept: accept };
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(uri, { method, headers, body, cache });
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  let json;
  return {
    ok: response.ok,
    status: response.status,
    headers: response.headers,
    text,
    /** The body parsed, on first use (a big network map is not parsed again when its ETag did not change). */
    get json() {
      if (json === undefined && type.includes('json') && text.length > 0) {
        json = JSON.parse(text);
      }
      return json;
    },
  };
}

/** A failed exchange in words: the ALTO error code and field when the server sent an error object. */
export function describeFailure(answer) {
  const meta = answer.json?.meta;
  if (meta?.code) {
    return `HTTP ${answer.status} ${meta.code}${meta.field ? ` (${meta.field})` : ''}`;
  }
  return `HTTP ${answer.status}${answer.text ? `: ${answer.text.trim()}` : ''}`;
}

/** "10.1.2.3" and "2001:db8::1" as RFC 7285 typed endpoint addresses; typed ones stay as they are. */
export function typedAddress(text) {
  const address = text.trim();
  if (/^ipv[46]:/i.test(address)) {
    return address.toLowerCase();
  }
  return address.includes(':') ? `ipv6:${address}` : `ipv4:${address}`;
}

/** The information resource directory, with the questions the dashboard asks of it. */
export class Directory {
  constructor(json) {
    this.costTypes = json.meta?.['cost-types'] ?? {};
    this.defaultNetworkMap = json.meta?.['default-alto-network-map'];
    this.resources = Object.entries(json.resources ?? {}).map(([id, entry]) => ({ id, ...entry }));
  }

  static async load() {
    const answer = await exchange(serverUri('/directory'), { accept: `${MediaTypes.DIRECTORY},${MediaTypes.ERROR}` });
    if (!answer.ok || !answer.json) {
      throw new Error(`the directory at ${serverUri('/directory')} answered ${describeFailure(answer)}`);
    }
    return new Directory(answer.json);
  }

  /** The resources of one media type (and, for services, of one request media type). */
  find(mediaType, accepts) {
    return this.resources.filter(entry => entry['media-type'] === mediaType && entry.accepts === accepts);
  }

  /** The network map the other resources use: the directory's default, else the first one listed. */
  networkMap() {
    const maps = this.find(MediaTypes.NETWORK_MAP, undefined);
    return maps.find(map => map.id === this.defaultNetworkMap) ?? maps[0];
  }

  /** The endpoint property service offering the PID property of {@code networkMapId}, with that property's name. */
  pidLookup(networkMapId) {
    const property = `${networkMapId}.pid`;
    const service = this.find(MediaTypes.ENDPOINT_PROP, MediaTypes.ENDPOINT_PROP_PARAMS)
      .find(entry => (entry.capabilities?.['prop-types'] ?? []).includes(property));
    return service && { service, property };
  }

  /** The cost types a service or map offers, by name, as {name, metric, mode}. */
  costTypesOf(entry) {
    return (entry.capabilities?.['cost-type-names'] ?? [])
      .filter(name => this.costTypes[name])
      .map(name => ({ name, metric: this.costTypes[name]['cost-metric'], mode: this.costTypes[name]['cost-mode'] }));
  }

  /** An absolute URI for a resource's (possibly relative) uri. */
  uriOf(entry) {
    return new URL(entry.uri, document.baseURI).href;
  }
}
