/**
 * @module core/environments — the default hosts of the two Timeback environments, by host family. Services
 * say which family they live on (their descriptor); nothing here names a service. Every default can be
 * overridden per client (`baseUrl`, `auth.authUrl`) or by environment variable.
 */

/** The two Timeback environments. */
export type TimebackEnv = 'staging' | 'production'

/** The hosts Timeback's services share: most live on `api`; Caliper and Webhooks on `caliper`. */
export type HostFamily = 'api' | 'caliper' | 'qti' | 'masterytrack'

export interface EnvironmentHosts {
  /** OAuth2 client-credentials token endpoint (Cognito). */
  tokenUrl: string
  /** Base URL per host family; services append their own paths (`/ims/oneroster/...`). */
  hosts: Record<HostFamily, string>
}

// MasteryTrack publishes a single API Gateway URL and no staging host.
const MASTERYTRACK = 'https://l407b3xadi.execute-api.us-east-1.amazonaws.com/prod'

/**
 * Default hosts of an environment.
 * @example environmentHosts('staging').hosts.api // 'https://api.staging.alpha-1edtech.ai'
 */
export function environmentHosts(env: TimebackEnv): EnvironmentHosts {
  const prod = env === 'production'
  return {
    tokenUrl: `https://${prod ? 'prod' : 'staging'}-beyond-timeback-api-2-idp.auth.us-east-1.amazoncognito.com/oauth2/token`,
    hosts: {
      api: prod ? 'https://api.alpha-1edtech.ai' : 'https://api.staging.alpha-1edtech.ai',
      caliper: prod ? 'https://caliper.alpha-1edtech.ai' : 'https://caliper.staging.alpha-1edtech.ai',
      qti: prod ? 'https://qti.alpha-1edtech.ai/api' : 'https://qti-staging.alpha-1edtech.ai/api',
      masterytrack: MASTERYTRACK,
    },
  }
}

/**
 * True for `'staging'` and `'production'`.
 * @example isTimebackEnv(process.env.TIMEBACK_ENV)
 */
export function isTimebackEnv(value: unknown): value is TimebackEnv {
  return value === 'staging' || value === 'production'
}
