// Bulk test assignments: a list of items, or a published Google Sheet tab read as CSV (the emulator has no network:
// `emulator.powerpath.publishSheet(url, sheet, csv)` serves one). All or nothing: every row is checked first; any
// bad row answers 400 with every error (`{ success: false, results: [], errors[{row, message}] }`, rows from 0) and creates
// nothing.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, json } from '../http.js'
import { roster, type PP } from './catalog.js'
import { needString, readBody } from './request.js'
import { key, SUBJECTS } from './state.js'
import { checkItem, created, createAssignment, type NewAssignment } from './test-assignments.js'

type RowError = { row: number; message: string }
/** Most rows one bulk or import call takes (the spec's page cap; a larger list is refused before any row is read). */
const MAX_ROWS = 3000

function commit(pp: PP, checked: readonly (NewAssignment | string)[]): Response {
  const errors: RowError[] = checked.flatMap((c, row) => (typeof c === 'string' ? [{ row, message: c }] : []))
  // The spec's 400 body is exactly { success, results, errors } (additionalProperties: false): no imsx fields.
  if (errors.length > 0) return json({ success: false, results: [], errors }, 400)
  const results = (checked as NewAssignment[]).map((input) => created(createAssignment(pp, input)))
  return json({ success: true, results, errors: [] })
}

async function bulk(pp: PP, ctx: Ctx): Promise<Response> {
  const items = (await readBody(ctx)).items
  if (!Array.isArray(items) || items.length === 0) throw badRequest("Missing or invalid body field 'items' (a non-empty list of { student, subject, grade, testName? } is required).")
  if (items.length > MAX_ROWS) throw badRequest(`Too many items: ${items.length} (at most ${MAX_ROWS} per call).`)
  return commit(pp, items.map((item) => checkItem(pp, item)))
}

/** RFC 4180-ish CSV: quoted fields with doubled quotes, CRLF or LF rows; blank rows dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field), rows.push(row), (row = []), (field = '')
    } else field += c
  }
  row.push(field)
  rows.push(row)
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol)
  } catch {
    return false
  }
}

async function importSheet(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const url = needString(body, 'spreadsheetUrl')
  const sheet = needString(body, 'sheet')
  if (!isHttpUrl(url)) throw badRequest(`Invalid body field 'spreadsheetUrl': '${url}' is not an http(s) URL.`)
  const csv = pp.state.sheets.get(key(url, sheet))
  if (csv === undefined) throw badRequest(`Could not read tab '${sheet}' of ${url}: the sheet must be public ("Anyone with the link") and the tab name exact.`)
  const [header = [], ...rows] = parseCsv(csv)
  if (rows.length > MAX_ROWS) throw badRequest(`Tab '${sheet}' has ${rows.length} rows (at most ${MAX_ROWS} per import).`)
  const names = header.map((h) => h.trim().toLowerCase())
  const missing = ['student', 'subject', 'grade'].filter((c) => !names.includes(c))
  if (missing.length) throw badRequest(`Tab '${sheet}' lacks the column(s) ${missing.join(', ')} (needed: student, subject, grade).`)
  const col = (r: string[], name: string) => (names.indexOf(name) < 0 ? undefined : r[names.indexOf(name)]?.trim())
  const users = roster(pp)?.list('users') ?? []
  const checked = rows.map((r) => {
    const who = col(r, 'student') ?? ''
    // A student may be given by sourcedId or by email.
    const user = users.find((u) => u.sourcedId === who) ?? users.find((u) => typeof u.email === 'string' && u.email.toLowerCase() === who.toLowerCase())
    const subject = SUBJECTS.find((s) => s.toLowerCase() === (col(r, 'subject') ?? '').toLowerCase()) ?? col(r, 'subject')
    if (!user && who !== '') return `Student '${who}' not found (by sourcedId or email).`
    return checkItem(pp, { student: user?.sourcedId ?? who, subject, grade: col(r, 'grade'), ...(col(r, 'testname') ? { testName: col(r, 'testname') } : {}) })
  })
  return commit(pp, checked)
}

export function bulkRoutes(pp: PP): Route[] {
  return [
    route('POST', '/powerpath/test-assignments/bulk', 'createBulkTestAssignments', (ctx) => bulk(pp, ctx)),
    route('POST', '/powerpath/test-assignments/import', 'importTestAssignments', (ctx) => importSheet(pp, ctx)),
  ]
}
