// The consultation web page (web/), served from this service: no CDN, nothing from elsewhere.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../models/paths.js';

const web: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: resolve(REPO_ROOT, 'web'),
    prefix: '/',
    index: ['index.html'],
    cacheControl: true,
    maxAge: '5m',
    schemaHide: true,
    // one route per file in web/ (read at start), not a catch-all: any other path, /v1/... with '..' or
    // '//' included, gets the service's 404 problem+json instead of the file server's 403
    wildcard: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/v1/') || request.url.startsWith('/docs')) return;
    // The page loads only what this service serves.
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
};

export default web;
