// OpenAPI 3.1 generated from the routes' zod schemas, at /openapi.json, with Swagger UI at /docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { BINARY_RESPONSE_DOCS } from '../schemas/binary-docs.js';
import { MULTIPART_DOCS } from '../schemas/multipart-docs.js';

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'SMP consultation analyzer',
          version: '1',
          description:
            'Scalp photos in; hair / skin / scar masks, hair-loss stage, skin tone, pigment recommendation and a dot-by-dot plan out. Errors are RFC 9457 application/problem+json.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'clinic API key (smp_...) or upload token (smpu_...)' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: (documentObject) => {
        const doc = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject;
        // Multipart bodies are parsed by streaming (not by a body schema), so their shape is documented here.
        const paths = (doc as { paths?: Record<string, Record<string, Record<string, unknown>>> }).paths ?? {};
        for (const [path, method, body] of MULTIPART_DOCS) {
          if (paths[path]?.[method]) paths[path][method].requestBody = body;
        }
        // So are the answers that are bytes, not JSON.
        for (const [path, method, ok] of BINARY_RESPONSE_DOCS) {
          const op = paths[path]?.[method];
          if (op) op.responses = { ...(op.responses as Record<string, unknown>), 200: ok };
        }
        return doc as never;
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
