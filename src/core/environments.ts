// The hosts of every Timeback service per environment. Each entry can be overridden per client (baseUrl,
// auth.authUrl) or by environment variable; these are only defaults.

/** The two Timeback environments. */
export type TimebackEnv = 'staging' | 'production'

/** The services the SDK knows; used as keys of the environments table and of env var prefixes. */
export type ServiceName =
  | 'oneroster' | 'edubridge' | 'caliper' | 'qti' | 'powerpath' | 'case' | 'clr' | 'masterytrack' | 'webhooks'

export interface EnvironmentHosts {
  /** OAuth2 client-credentials token endpoint (Cognito). */
  tokenUrl: string
  /** Base URL per service; paths such as `/ims/oneroster/...` are appended by the clients. */
  services: Record<ServiceName, string>
}

const API = { production: 'https://api.alpha-1edtech.ai', staging: 'https://api.staging.alpha-1edtech.ai' }
const CALIPER = { production: 'https://caliper.alpha-1edtech.ai', staging: 'https://caliper.staging.alpha-1edtech.ai' }
const QTI = { production: 'https://qti.alpha-1edtech.ai/api', staging: 'https://qti-staging.alpha-1edtech.ai/api' }
// MasteryTrack publishes a single API Gateway URL and no staging host.
const MASTERYTRACK = 'https://l407b3xadi.execute-api.us-east-1.amazonaws.com/prod'

function hostsFor(env: TimebackEnv): EnvironmentHosts {
  return {
    tokenUrl:
      env === 'production'
        ? 'https://prod-beyond-timeback-api-2-idp.auth.us-east-1.amazoncognito.com/oauth2/token'
        : 'https://staging-beyond-timeback-api-2-idp.auth.us-east-1.amazoncognito.com/oauth2/token',
    services: {
      oneroster: API[env],
      edubridge: API[env],
      powerpath: API[env],
      case: API[env],
      clr: API[env],
      caliper: CALIPER[env],
      webhooks: CALIPER[env],
      qti: QTI[env],
      masterytrack: MASTERYTRACK,
    },
  }
}

/**
 * Default hosts of an environment.
 * @example environmentHosts('staging').services.oneroster // 'https://api.staging.alpha-1edtech.ai'
 */
export function environmentHosts(env: TimebackEnv): EnvironmentHosts {
  return hostsFor(env)
}

export function isTimebackEnv(value: unknown): value is TimebackEnv {
  return value === 'staging' || value === 'production'
}
