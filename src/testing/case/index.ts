// The emulated CASE service, under `/ims/case/v1p1` on the API host (the origin): documents, items and associations
// stored linked to their document, packages assembled from them at read time (state.ts), uploads (upload.ts), the
// package tree (groups.ts) and a seeded framework (seed.ts). Lists page by `limit`/`offset` (with the 1EdTech
// `filter`, `sort`/`orderBy` and `fields`) and answer only `{ CFDocuments }` / `{ CFItems }`: no total, as the spec.
// Errors are the kernel's imsx envelope (unknownobject on 404, invaliddata on 400/422).
import { route, type Ctx, type Route } from '../context.js'
import { json, notFound } from '../http.js'
import { fieldsParam, listResponse, project } from '../query.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { structuredContent } from './groups.js'
import { loadSeed, SEED_CASE } from './seed.js'
import { assemblePackage, clearState, createState, type CaseState, type Row } from './state.js'
import { storePackage } from './upload.js'

export { SEED_CASE }

const V = '/ims/case/v1p1'

/** One page of `rows`, without the totals the OneRoster envelope carries (the spec's lists have none). */
async function page(ctx: Ctx, many: string, rows: Map<string, Row>): Promise<Response> {
  const answer = (await listResponse(ctx.query, { many }, [...rows.values()], { shortPages: false }).json()) as Row
  return json({ [many]: answer[many] })
}

/** `rows.get(id)`, or a 404 naming what was asked for. */
function found(rows: Map<string, Row>, kind: string, id: string): Row {
  const row = rows.get(id)
  if (!row) throw notFound(`${kind} '${id}' not found.`)
  return row
}

function packageOf(state: CaseState, id: string) {
  const pkg = assemblePackage(state, id)
  if (!pkg) throw notFound(`CFPackage '${id}' not found (a package's sourcedId is its CFDocument's).`)
  return pkg
}

function caseRoutes(state: CaseState): Route[] {
  const one = (key: string, rows: Map<string, Row>) => (ctx: Ctx) => json({ [key]: project(found(rows, key, ctx.params.sourcedId!), fieldsParam(ctx.query)) })
  return [
    route('GET', `${V}/CFDocuments`, 'getAllCFDocuments', (ctx) => page(ctx, 'CFDocuments', state.documents)),
    route('GET', `${V}/CFDocuments/{sourcedId}`, 'getCFDocument', one('CFDocument', state.documents)),
    route('GET', `${V}/CFItems`, 'getAllCFItems', (ctx) => page(ctx, 'CFItems', state.items)),
    route('GET', `${V}/CFItems/{sourcedId}`, 'getCFItem', one('CFItem', state.items)),
    // The spec gives this read no `fields`.
    route('GET', `${V}/CFAssociations/{sourcedId}`, 'getCFAssociation', (ctx) => json({ CFAssociation: found(state.associations, 'CFAssociation', ctx.params.sourcedId!) })),
    route('POST', `${V}/CFPackages`, 'uploadCFPackage', async (ctx) => json(storePackage(state, ctx.env.origin, await ctx.body()), 201)),
    route('GET', `${V}/CFPackages/{sourcedId}`, 'getCFPackage', (ctx) => {
      const id = ctx.params.sourcedId!
      return json({ CFPackage: project({ sourcedId: id, ...packageOf(state, id) }, fieldsParam(ctx.query)) })
    }),
    route('GET', `${V}/CFPackages/{sourcedId}/groups`, 'getCFPackageWithGroups', (ctx) => {
      const id = ctx.params.sourcedId!
      const { CFDocument, CFItems, CFAssociations } = packageOf(state, id)
      const tree = { sourcedId: id, CFDocument, structuredContent: structuredContent(CFItems, CFAssociations) }
      return json({ CFPackageWithGroups: project(tree, fieldsParam(ctx.query)) })
    }),
  ]
}

/**
 * The CASE module of the emulator: `/ims/case/v1p1/…` at the origin, seeded with a small Grade 3 math framework
 * (`SEED_CASE`) unless the emulator is made with `seed: false`.
 *
 * @example
 * const emulator = createEmulator()
 * const client = new CaseClient({ baseUrl: emulator.services.case, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch })
 * await client.packages.get(SEED_CASE.document)
 */
export const caseService: EmulatedServiceModule = {
  name: 'case',
  create(env): EmulatedService {
    const state = createState()
    return {
      prefix: '',
      paths: ['/ims/case/'],
      routes: () => caseRoutes(state),
      reset: () => clearState(state),
      seed: () => loadSeed(state, env.origin),
    }
  },
}
