// All OneRoster 1.2 operations of the vendor spec (rostering, gradebook, resources) as one route table.
import type { Route } from './context.js'
import { classRoutes } from './classes.js'
import { courseRoutes } from './courses.js'
import { lineItemRoutes } from './lineitems.js'
import { orgRoutes } from './orgs.js'
import { resourceRoutes } from './resources.js'
import { resultRoutes } from './results.js'
import { sessionRoutes } from './sessions.js'
import { userRoutes } from './users.js'

/** Build the route table (called once per emulator; nothing is built at import time). */
export function onerosterRoutes(): Route[] {
  return [
    ...userRoutes(),
    ...orgRoutes(),
    ...classRoutes(),
    ...courseRoutes(),
    ...sessionRoutes(),
    ...lineItemRoutes(),
    ...resultRoutes(),
    ...resourceRoutes(),
  ]
}
