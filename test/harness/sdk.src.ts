// The SDK modules the portable suites run against, from src/ (Node, Bun and workerd runners): one import per
// package.json export, under the entry's name. tools/check-exports.mjs fails when this list and the exports
// map disagree. The imports are static so that bundlers (workerd) and browsers can follow them.

import * as timeback from '../../src/index.ts'
import * as identity from '../../src/services/identity/index.ts'
import * as oneroster from '../../src/services/oneroster/index.ts'
import * as caliper from '../../src/services/caliper/index.ts'
import * as webhooks from '../../src/services/webhooks/index.ts'
import * as masterytrack from '../../src/services/masterytrack/index.ts'
import * as powerpath from '../../src/services/powerpath/index.ts'
import * as edubridge from '../../src/services/edubridge/index.ts'
import * as qti from '../../src/services/qti/index.ts'
import * as caseEntry from '../../src/services/case/index.ts'
import * as clr from '../../src/services/clr/index.ts'
import * as openbadges from '../../src/services/openbadges/index.ts'
import * as errors from '../../src/errors.ts'
import * as edge from '../../src/edge/index.ts'
import * as testing from '../../src/testing/index.ts'

export const sdk = { timeback, identity, oneroster, caliper, webhooks, masterytrack, powerpath, edubridge, qti, case: caseEntry, clr, openbadges, errors, edge, testing }
