import { problemSchema } from './schemas.js';

/** A route as the server registered it: what the OpenAPI document describes. */
export interface RouteDescription {
  method: string;
  /** Fastify's form: `/api/v1/views/:noticeId`. */
  url: string;
  summary: string;
  access: string;
  schema: {
    params?: JsonSchemaObject;
    querystring?: JsonSchemaObject;
    headers?: JsonSchemaObject;
    body?: object;
    response?: Record<string, object>;
  };
}

interface JsonSchemaObject {
  properties?: Record<string, object>;
  required?: readonly string[];
}

/** `/api/v1/views/:noticeId` as OpenAPI writes it: `/api/v1/views/{noticeId}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(where: 'path' | 'query' | 'header', schema: JsonSchemaObject | undefined): object[] {
  return Object.entries(schema?.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema?.required ?? []).includes(name),
    schema: s,
  }));
}

const SECURITY: Record<string, object[]> = {
  public: [],
  session: [{ session: [] }],
  admin: [{ session: [] }],
};

const PROBES = ['/healthz', '/readyz', '/metrics'];

/** The routes of the API (under /api/, and the probes at the root), not the console's pages. */
export function isApiRoute(route: RouteDescription): boolean {
  return route.url.startsWith('/api/') || PROBES.includes(route.url);
}

/** The OpenAPI 3.1 document of the API's routes, from the schemas Fastify validates with. */
export function openApiDocument(routes: readonly RouteDescription[], info: { agency: string; version: string }): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes.filter(isApiRoute)) {
    const method = route.method.toLowerCase();
    if (method === 'head') continue;
    const path = openApiPath(route.url);
    const { schema } = route;
    const responses: Record<string, object> = {};
    for (const [status, body] of Object.entries(schema.response ?? {})) {
      responses[status] = { description: `${status}`, content: { 'application/json': { schema: body } } };
    }
    responses.default = { description: 'a refusal', content: { 'application/problem+json': { schema: problemSchema } } };
    paths[path] ??= {};
    paths[path][method] = {
      operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: route.summary,
      security: SECURITY[route.access] ?? [{ bearer: [] }, { session: [] }],
      parameters: [
        ...parameters('path', schema.params),
        ...parameters('query', schema.querystring),
        ...parameters('header', schema.headers),
      ],
      // A body schema with a default (`{}`) is a body that may be left out.
      ...(schema.body
        ? { requestBody: { required: !('default' in schema.body), content: { 'application/json': { schema: schema.body } } } }
        : {}),
      responses,
      'x-accord-access': route.access,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Accord agency node (${info.agency})`, version: info.version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token (accord node token create)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'accord_session',
          description: 'an officer session; state changes also need X-CSRF-Token',
        },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
