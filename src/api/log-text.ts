// What the service log may say about a request. The log outlives an erasure (DELETE /v1/clients/:ref
// cannot reach it), so it never names a client: the clinic's reference in a /v1/clients path is
// replaced by the route's own placeholder, and the query string (clientRef filters) is left out.

// A path inside a message (an error's detail quotes the path as sent): a '/' that starts a word, up to
// the next space, quote or bracket.
const PATH_IN_TEXT = /(^|[\s("'])(\/[^\s"'()]*)/g;

/**
 * A request URL as logged: the path without its query string or the client's reference. Each segment
 * is percent-decoded first, as the router decodes it (/v1/%63lients/P-1 reaches the client route too);
 * an encoded slash stays inside its segment, as it does in a clientRef such as file:2024%2F117.
 */
export function loggedUrl(url: string): string {
  const segments = url.split('?')[0].split('/');
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    // Not valid percent-encoding (the router refuses it): nothing of it is logged after /v1/.
    return segments.slice(0, 2).join('/') + '/[undecodable path]';
  }
  // Everything after /v1/clients/ may be the reference, however the path is spelled: one sent with a raw
  // '/' (HOSP/77821) spans two segments and 404s, an empty segment (/v1/clients//HOSP, /v1//clients/HOSP)
  // shifts it, an encoded one (/v1/clients%2FHOSP) joins it to 'clients'. Only the route's own /export
  // is kept.
  const words = decoded.filter((w) => w !== '');
  const head = words[1]?.toLowerCase() ?? '';
  if (words[0]?.toLowerCase() === 'v1' && (head === 'clients' || head.startsWith('clients/'))) {
    const rest = head === 'clients' ? words.slice(2) : [words[1].slice('clients/'.length), ...words.slice(2)].filter((w) => w !== '');
    if (rest.length > 0) {
      const exported = rest.length === 2 && rest[1].toLowerCase() === 'export';
      return `/${words[0]}/${words[1].slice(0, 'clients'.length)}/:clientRef${exported ? '/export' : ''}`;
    }
  }
  return decoded.map((s) => s.replaceAll('/', '%2F')).join('/');
}

/** Text (an error's detail) with every path in it as loggedUrl logs it: no client's reference, however spelled. */
export function withoutClientRefs(text: string): string {
  return text.replace(PATH_IN_TEXT, (_, before: string, path: string) => before + loggedUrl(path));
}
