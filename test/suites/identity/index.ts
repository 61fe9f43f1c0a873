// The identity suites (registered in test/suites/index.ts).
import type { Suite } from '../../harness/types.ts'
import flow from './flow.ts'
import hostileProvider from './hostile-provider.ts'
import rejections from './rejections.ts'
import signOut from './sign-out.ts'
import varsAndGuard from './vars-and-guard.ts'

export const identitySuites: { name: string; suite: Suite }[] = [
  { name: 'identity/flow', suite: flow },
  { name: 'identity/rejections', suite: rejections },
  { name: 'identity/hostile-provider', suite: hostileProvider },
  { name: 'identity/sign-out', suite: signOut },
  { name: 'identity/vars-and-guard', suite: varsAndGuard },
]
