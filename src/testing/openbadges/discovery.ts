// The discovery document the emulated CLR and Open Badges services serve publicly: a small OpenAPI service
// description naming their routes and the OAuth2 client-credentials flow with the service's scopes.
import type { EmulatorEnv } from '../context.js'

/** The emulator's token endpoint (kernel constant, repeated here to keep modules free of the kernel's entry). */
const TOKEN_PATH = '/auth/oauth2/token'

/**
 * @example json(discoveryDocument(env, 'Open Badges 3.0', 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential', ['/ims/ob/v3p0/credentials/']))
 */
export function discoveryDocument(env: EmulatorEnv, title: string, scope: string, paths: readonly string[]): Record<string, unknown> {
  const scopes: Record<string, string> = {}
  for (const name of ['readonly', 'upsert', 'delete']) scopes[`${scope}.${name}`] = `Permission to ${name === 'readonly' ? 'read' : name} credentials`
  return {
    openapi: '3.0.1',
    info: { title, version: '1.0', description: 'Served by the Timeback emulator.' },
    servers: [{ url: env.origin }],
    paths: Object.fromEntries(paths.map((p) => [p, {}])),
    components: {
      securitySchemes: { OAuth2CC: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${env.origin}${TOKEN_PATH}`, scopes } } } },
    },
  }
}

