// What the service log may say about a request. The log outlives an erasure (DELETE /v1/clients/:ref
// cannot reach it), so it never names a client: the clinic's reference in a /v1/clients path is
// replaced by the route's own placeholder, and the query string (clientRef filters) is left out.

const CLIENT_PATH = /(\/v1\/clients\/)[^/\s?#"']+/g;

/** A request URL as logged: the path without its query string or the client's reference. */
export function loggedUrl(url: string): string {
  return withoutClientRefs(url.split('?')[0]);
}

/** Text (an error's detail) with every /v1/clients/<ref> path's reference replaced by `:clientRef`. */
export function withoutClientRefs(text: string): string {
  return text.replace(CLIENT_PATH, '$1:clientRef');
}
