// The same modules as sdk.src.ts, from the built dist/ (Deno and Chromium runners; run `npm run build` first).
// One import per package.json export; tools/check-exports.mjs keeps it in step with the exports map.
// Typed as the src/ modules (the build's .d.ts are rolled up from the same sources; with `#private` fields TS
// would call the two class types unrelated, hence the cast through unknown).

import type { Sdk } from './types.ts'
// @ts-ignore -- exists only after a build
import * as timeback from '../../dist/index.js'
// @ts-ignore
import * as identity from '../../dist/identity.js'
// @ts-ignore
import * as oneroster from '../../dist/oneroster.js'
// @ts-ignore
import * as caliper from '../../dist/caliper.js'
// @ts-ignore
import * as webhooks from '../../dist/webhooks.js'
// @ts-ignore
import * as masterytrack from '../../dist/masterytrack.js'
// @ts-ignore
import * as powerpath from '../../dist/powerpath.js'
// @ts-ignore
import * as edubridge from '../../dist/edubridge.js'
// @ts-ignore
import * as qti from '../../dist/qti.js'
// @ts-ignore
import * as caseEntry from '../../dist/case.js'
// @ts-ignore
import * as clr from '../../dist/clr.js'
// @ts-ignore
import * as openbadges from '../../dist/openbadges.js'
// @ts-ignore
import * as errors from '../../dist/errors.js'
// @ts-ignore
import * as edge from '../../dist/edge.js'
// @ts-ignore
import * as testing from '../../dist/testing.js'

export const sdk = { timeback, identity, oneroster, caliper, webhooks, masterytrack, powerpath, edubridge, qti, case: caseEntry, clr, openbadges, errors, edge, testing } as unknown as Sdk
