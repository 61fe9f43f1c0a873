// The emulated OIDC identity provider (standing in for Timeback's Cognito user pool), under `/oidc-host`: discovery,
// authorize (signs in the `login_hint` email, else the first seeded student, without a login page), token (codes
// single use, short-lived, PKCE S256 required and checked, client secret by Basic or form), userinfo and JWKS.
// Users come from OneRoster's store at request time (names); an email OneRoster lacks can still sign in, as a
// Cognito user with no Timeback record would. `emulator.oidc` forges bad id_tokens for tests.
import { base64url } from '../auth/jwt.js'
import { route } from '../context.js'
import { json } from '../http.js'
import { ONEROSTER_STORE, type OneRosterStore } from '../oneroster/index.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { createIdTokenSigner, type ForgedAlg } from './tokens.js'

/**
 * `emulator.oidc`: the provider's issuer and its one registered client, and switches that make the next id_token
 * wrong in a chosen way.
 *
 * @example
 * emulator.oidc.tamperNextIdToken({ claims: { aud: 'someone-else' } })
 * emulator.oidc.tamperNextIdToken({ alg: 'none' })
 */
export interface OidcControls {
  /** The issuer (`${origin}/oidc-host`): discovery is at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string
  /** The client the provider accepts (`emulator-sso-client` / `emulator-sso-secret`). */
  readonly client: { readonly clientId: string; readonly clientSecret: string }
  /** The next token response's id_token gets these claims merged in (`undefined` deletes one), or a forged algorithm. */
  tamperNextIdToken(change: { claims?: Record<string, unknown>; alg?: ForgedAlg }): void
  /** Codes issued and not yet redeemed. */
  pendingCodes(): number
}

interface Grant {
  readonly redirectUri: string
  readonly challenge: string
  readonly nonce: string | undefined
  readonly claims: Record<string, unknown>
  readonly expires: number
}

const CODE_TTL_MS = 60_000
const CLIENT = { clientId: 'emulator-sso-client', clientSecret: 'emulator-sso-secret' } as const
const oauthError = (error: string, description: string, status = 400) => json({ error, error_description: description }, status)
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)))

async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
}

/** The client's credentials, by HTTP Basic or in the form; undefined when they are missing or wrong. */
function clientOf(request: Request, form: URLSearchParams): string | undefined {
  const basic = request.headers.get('authorization')?.match(/^Basic\s+(.+)$/i)?.[1]
  let id = form.get('client_id') ?? undefined
  let secret = form.get('client_secret') ?? undefined
  if (basic) {
    try {
      const [i, s] = atob(basic).split(':').map(decodeURIComponent)
      id = i
      secret = s
    } catch {
      return undefined
    }
  }
  return id === CLIENT.clientId && secret === CLIENT.clientSecret ? id : undefined
}

/**
 * The OIDC provider module; `emulator.services.oidc` is its issuer.
 *
 * @example
 * const emulator = createEmulator()
 * await emulator.fetch(`${emulator.services.oidc}/.well-known/openid-configuration`)
 */
export const oidcService: EmulatedServiceModule = {
  name: 'oidc',
  create(env): EmulatedService {
    const prefix = '/oidc-host'
    const issuer = `${env.origin}${prefix}`
    const signer = createIdTokenSigner(`${issuer}/.well-known/jwks.json`)
    const codes = new Map<string, Grant>()
    const accessTokens = new Map<string, Record<string, unknown>>()
    const subs = new Map<string, string>()
    let tamper: { claims?: Record<string, unknown>; alg?: ForgedAlg } | undefined

    function userClaims(hint: string | null): Record<string, unknown> | undefined {
      const store = env.lookup<OneRosterStore>(ONEROSTER_STORE)
      const users = (store?.list('users') ?? []) as readonly Record<string, unknown>[]
      const email = hint ?? (users.find((u) => u.sourcedId === 'seed-student-1')?.email as string | undefined)
      if (!email) return undefined
      const found = users.find((u) => typeof u.email === 'string' && u.email.toLowerCase() === email.toLowerCase())
      if (!subs.has(email.toLowerCase())) subs.set(email.toLowerCase(), env.newId())
      const names = found ? { given_name: found.givenName, family_name: found.familyName } : {}
      return { sub: subs.get(email.toLowerCase()), email, email_verified: true, 'cognito:username': email, ...names }
    }

    return {
      prefix,
      auth: 'public',
      routes: () => [
        route('GET', '/.well-known/openid-configuration', 'getOpenIdConfiguration', () => json({
          issuer,
          authorization_endpoint: `${issuer}/oauth2/authorize`,
          token_endpoint: `${issuer}/oauth2/token`,
          userinfo_endpoint: `${issuer}/oauth2/userInfo`,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          scopes_supported: ['openid', 'email', 'profile'],
        })),
        route('GET', '/.well-known/jwks.json', 'getJwks', async () => json(await signer.jwks())),
        route('GET', '/oauth2/authorize', 'authorize', (ctx) => {
          const q = ctx.query
          const redirectUri = q.get('redirect_uri') ?? ''
          if (q.get('client_id') !== CLIENT.clientId) return oauthError('invalid_client', 'unknown client_id')
          if (!/^https?:\/\//.test(redirectUri)) return oauthError('invalid_request', 'redirect_uri must be an absolute http(s) URL')
          const back = new URL(redirectUri)
          const fail = (error: string, description: string) => {
            back.searchParams.set('error', error)
            back.searchParams.set('error_description', description)
            if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!)
            return new Response(null, { status: 302, headers: { location: back.href } })
          }
          if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'only code is supported')
          if (!(q.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope', "scope must include 'openid'")
          const challenge = q.get('code_challenge') ?? ''
          if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required')
          const claims = userClaims(q.get('login_hint'))
          if (!claims) return fail('access_denied', 'no user to sign in (seed a student or pass login_hint)')
          const code = random()
          codes.set(code, { redirectUri, challenge, nonce: q.get('nonce') ?? undefined, claims, expires: env.clock() + CODE_TTL_MS })
          back.searchParams.set('code', code)
          if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!)
          return new Response(null, { status: 302, headers: { location: back.href } })
        }),
        route('POST', '/oauth2/token', 'token', async (ctx) => {
          const form = new URLSearchParams(await ctx.request.text())
          if (!clientOf(ctx.request, form)) return oauthError('invalid_client', 'client authentication failed', 401)
          if (form.get('grant_type') !== 'authorization_code') return oauthError('unsupported_grant_type', 'only authorization_code is supported')
          const code = form.get('code') ?? ''
          const grant = codes.get(code)
          codes.delete(code) // single use: even a failed redemption burns it
          if (!grant || grant.expires < env.clock()) return oauthError('invalid_grant', 'the code is unknown, expired or already used')
          if (form.get('redirect_uri') !== grant.redirectUri) return oauthError('invalid_grant', 'redirect_uri differs from the authorize request')
          if ((await s256(form.get('code_verifier') ?? '')) !== grant.challenge) return oauthError('invalid_grant', 'code_verifier does not match the code_challenge')
          const now = Math.floor(env.clock() / 1000)
          const claims: Record<string, unknown> = { ...grant.claims, iss: issuer, aud: CLIENT.clientId, token_use: 'id', iat: now, auth_time: now, exp: now + 3600 }
          if (grant.nonce !== undefined) claims.nonce = grant.nonce
          const change = tamper
          tamper = undefined
          for (const [k, v] of Object.entries(change?.claims ?? {})) if (v === undefined) delete claims[k]; else claims[k] = v
          const accessToken = random()
          accessTokens.set(accessToken, grant.claims)
          const idToken = await signer.sign(claims, change?.alg, CLIENT.clientSecret)
          return json({ id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: 3600 }, 200, { 'cache-control': 'no-store' })
        }),
        route('GET', '/oauth2/userInfo', 'userInfo', (ctx) => {
          const token = ctx.request.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1] ?? ''
          const claims = accessTokens.get(token)
          return claims ? json(claims) : oauthError('invalid_token', 'unknown access token', 401)
        }),
      ],
      controls: {
        oidc: {
          issuer,
          client: CLIENT,
          tamperNextIdToken: (change) => { tamper = change },
          pendingCodes: () => codes.size,
        } satisfies OidcControls,
      },
      reset: () => {
        codes.clear()
        accessTokens.clear()
        subs.clear()
        tamper = undefined
      },
    }
  },
}
