// The service log never names a client: /v1/clients/<ref> paths lose the reference, URLs their query.
import { describe, expect, it } from 'vitest';
import { loggedUrl, withoutClientRefs } from '../../../src/api/log-text.js';

describe('log text', () => {
  it('drops the query string and the client reference from a URL', () => {
    expect(loggedUrl('/v1/clients/P-1')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1/clients/file:2024%2F117/export?x=1')).toBe('/v1/clients/:clientRef/export');
    expect(loggedUrl('/v1/consultations?clientRef=P-1&limit=2')).toBe('/v1/consultations');
    expect(loggedUrl('/v1/consultations/abc/files/photo-0.jpg')).toBe('/v1/consultations/abc/files/photo-0.jpg');
    expect(loggedUrl('/v1/clients')).toBe('/v1/clients');
    // a reference sent with a raw '/' spans segments (a 404): none of it is logged
    expect(loggedUrl('/v1/clients/HOSP/77821')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1/clients/HOSP/77821/export')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1/clients/HOSP/')).toBe('/v1/clients/:clientRef');
    // an empty segment or an encoded slash moves the reference, which is still not logged
    expect(loggedUrl('/v1/clients//HOSP-77821')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1//clients/HOSP-77821')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1/clients%2FHOSP-55555')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/v1/clients%2FHOSP-55555/export')).toBe('/v1/clients/:clientRef/export');
  });

  it('decodes the path first, as the router does, so another spelling of the route is redacted too', () => {
    expect(loggedUrl('/v1/%63lients/P-3')).toBe('/v1/clients/:clientRef');
    expect(loggedUrl('/%761/clients/P-2/export')).toBe('/v1/clients/:clientRef/export');
    expect(loggedUrl('/V1/Clients/P-4')).toBe('/V1/Clients/:clientRef');
    expect(loggedUrl('/v1/clients/P-1%ZZ')).toBe('/v1/[undecodable path]');
  });

  it('replaces every client path in a message', () => {
    expect(withoutClientRefs('/v1/clients/P-1/export takes GET, not HEAD; see /v1/clients/P-2')).toBe('/v1/clients/:clientRef/export takes GET, not HEAD; see /v1/clients/:clientRef');
    expect(withoutClientRefs('no route GET /v1/other')).toBe('no route GET /v1/other');
    // spelled as the router also takes it, in the path a 405 quotes
    expect(withoutClientRefs('/v1/%63lients/P-1/export takes GET, not HEAD')).toBe('/v1/clients/:clientRef/export takes GET, not HEAD');
    expect(withoutClientRefs('a standard key cannot (DELETE /V1/Clients/P-9); use an admin key')).toBe('a standard key cannot (DELETE /V1/Clients/:clientRef); use an admin key');
    expect(withoutClientRefs('send multipart/form-data file parts')).toBe('send multipart/form-data file parts');
  });
});
