// The assessment and records part of the demo, after the learning story: author a short QTI test from XML, attach
// it to the fractions course as a PowerPath quiz, align a question to a CASE standard, score an answer, then give
// the student a badge (Open Badges), check it three ways (the service's check of its embedded proof, a VC-JWT of it
// checked here with jose, a tampered copy of that token) and gather it into a learner record (CLR). Every number
// and verdict printed is read from a service's answer.

import { CaseClient, type CFItem } from '../src/services/case/index.ts'
import { ClrClient } from '../src/services/clr/index.ts'
import { OpenBadgesClient } from '../src/services/openbadges/index.ts'
import { PowerPathClient } from '../src/services/powerpath/index.ts'
import { QtiClient } from '../src/services/qti/index.ts'
import type { Emulator } from '../src/testing/index.ts'
import { COURSE, STUDENT } from './learning-demo.ts'
import type { Report } from './oneroster-demo.ts'

const TEST = 'test-equivalent-fractions'
const STANDARD_CODE = '5.NF.1'
const NS = 'xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"'

/** A one-choice question whose right answer is `correct`. */
function choiceItem(id: string, title: string, prompt: string, choices: Record<string, string>, correct: string): string {
  const options = Object.entries(choices).map(([key, text]) => `<qti-simple-choice identifier="${key}">${text}</qti-simple-choice>`).join('')
  return `<qti-assessment-item ${NS} identifier="${id}" title="${title}" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>${correct}</qti-value></qti-correct-response></qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="1"><qti-prompt>${prompt}</qti-prompt>${options}</qti-choice-interaction></qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>`
}

const ITEMS = [
  { id: 'eqfrac-1', xml: choiceItem('eqfrac-1', 'Equal to one half', 'Which fraction equals 1/2?', { A: '2/3', B: '3/6', C: '1/3' }, 'B') },
  { id: 'eqfrac-2', xml: choiceItem('eqfrac-2', 'Unlike denominators', 'What is 1/2 + 1/4?', { A: '3/4', B: '2/6', C: '1/8' }, 'A') },
]

const TEST_XML = `<qti-assessment-test ${NS} identifier="${TEST}" title="Equivalent fractions check">
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-test-part identifier="part-1" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="section-1" title="Fractions" visible="true">${ITEMS.map((i) => `<qti-assessment-item-ref identifier="${i.id}" href="/assessment-items/${i.id}"/>`).join('')}</qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>`

/** A tiny framework (a document, a domain, two standards, in our own words), uploaded when no standard is found. */
function fractionsFramework(origin: string) {
  const id = (n: number) => `f5a70000-0000-4000-8000-${String(n).padStart(12, '0')}`
  const uri = (n: number) => `${origin}/ims/case/v1p1/uri/${id(n)}`
  const when = '2026-08-01T00:00:00Z'
  const CFDocument = { identifier: id(1), uri: uri(1), title: 'Demo Mathematics, Grade 5', creator: 'Timeback SDK demo', lastChangeDateTime: when }
  const item = (n: number, code: string, type: string, fullStatement: string) => ({ identifier: id(n), uri: uri(n), lastChangeDateTime: when, humanCodingScheme: code, CFItemType: type, fullStatement })
  const CFItems = [
    item(10, '5.NF', 'Domain', 'Fractions: operations'),
    item(11, STANDARD_CODE, 'Standard', 'Add and subtract fractions with unlike denominators by rewriting them as equivalent fractions.'),
    item(12, '5.NF.2', 'Standard', 'Solve word problems that add and subtract fractions of the same whole.'),
  ]
  const node = (i: { identifier: string; uri: string }, title: string) => ({ identifier: i.identifier, title, uri: i.uri })
  const CFAssociations = CFItems.map((i, n) => ({
    identifier: id(20 + n), uri: uri(20 + n), lastChangeDateTime: when, associationType: 'isChildOf', sequenceNumber: n + 1,
    originNodeURI: node(i, i.humanCodingScheme), destinationNodeURI: n === 0 ? node(CFDocument, CFDocument.title) : node(CFItems[0]!, '5.NF'),
  }))
  return { CFDocument, CFItems, CFAssociations }
}

/** The first stored standard coded STANDARD_CODE, uploading the demo framework when there is none. */
async function findStandard(cases: CaseClient, origin: string, report: Report): Promise<CFItem> {
  const byCode = () => cases.items.listAll({ filter: `humanCodingScheme='${STANDARD_CODE}'` })
  let [standard] = await byCode()
  if (!standard) {
    const { result } = await cases.packages.create(fractionsFramework(origin))
    const { stats } = result
    report.line('CASE framework uploaded', `${stats.documents} document, ${stats.items} items, ${stats.associations} associations`)
    ;[standard] = await byCode()
  }
  if (!standard) throw new Error(`CASE has no standard ${STANDARD_CODE}, even after the upload`)
  return standard
}

/** The syllabus resource whose metadata points at `url` (the syllabus is untyped: walked defensively). */
function resourceFor(syllabus: unknown, url: string): { sourcedId?: string; metadata?: { url?: string; type?: string } } | undefined {
  const components = (syllabus as { subComponents?: unknown[] })?.subComponents ?? []
  for (const component of components as { componentResources?: { resource?: any }[]; subComponents?: unknown[] }[]) {
    const hit = component.componentResources?.find((cr) => cr.resource?.metadata?.url === url)?.resource
    if (hit) return hit
    const deeper = resourceFor(component, url)
    if (deeper) return deeper
  }
  return undefined
}

/** The token with its achievement renamed in the payload, header and signature kept: well formed, no longer signed. */
function tamper(jwt: string): string {
  const [head, body, signature] = jwt.split('.') as [string, string, string]
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  payload.credentialSubject.achievement.name = `${payload.credentialSubject.achievement.name} (with honours)`
  return `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`
}

/**
 * QTI test → PowerPath quiz → CASE alignment → score → badge, verified → learner record, against the emulator the
 * learning story used (it needs the course and student that story made).
 * @example
 * await recordsTour(emulator, report)
 */
export async function recordsTour(emulator: Emulator, report: Report): Promise<void> {
  const options = { auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch }
  const qti = new QtiClient({ ...options, baseUrl: emulator.services.qti })
  const powerpath = new PowerPathClient({ ...options, baseUrl: emulator.services.powerpath })
  const cases = new CaseClient({ ...options, baseUrl: emulator.services.case })
  const badges = new OpenBadgesClient({ ...options, baseUrl: emulator.services.openbadges })
  const clr = new ClrClient({ ...options, baseUrl: emulator.services.clr })

  // 1. Two questions from XML (checked well formed before they are sent), and a test from raw XML over them.
  for (const { xml } of ITEMS) await qti.assessmentItems.createFromXml(xml, { subject: 'Math', grade: '5' })
  const valid = await qti.validate({ schema: 'test', xml: TEST_XML })
  const test = await qti.assessmentTests.createFromXml(TEST_XML)
  const { totalQuestions } = await qti.assessmentTests.questions(TEST)
  report.line('QTI test authored', `"${test.title}": ${totalQuestions} questions, validate → ${valid}`)

  // 2. The test as a quiz lesson of the course; PowerPath keeps the test's URL on the lesson's resource.
  const testUrl = `${qti.baseUrl}/assessment-tests/${TEST}`
  const lesson = await powerpath.assessments.createInternalTest({ courseId: COURSE, lessonType: 'quiz', testType: 'qti', qti: { url: testUrl }, lessonTitle: test.title, xp: 10 })
  const { syllabus } = await powerpath.syllabus.get({ courseSourcedId: COURSE })
  const resource = resourceFor(syllabus, testUrl)
  report.line('PowerPath quiz lesson', `${lesson.lessonId} (${lesson.lessonType}, ${lesson.testType}); in the syllabus: ${resource ? `${resource.sourcedId} → ${resource.metadata?.url}` : 'not found'}`)

  // 3. The first question aligned to a CASE standard: the alignment lives in the item's metadata (patch merges it).
  const standard = await findStandard(cases, new URL(cases.baseUrl).origin, report)
  await qti.assessmentItems.patch(ITEMS[0]!.id, { metadata: { learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: [standard.sourcedId] }] } })
  const aligned = await qti.assessmentItems.get(ITEMS[0]!.id)
  const objectives = aligned.metadata?.learningObjectiveSet?.flatMap((s) => s.learningObjectiveIds) ?? []
  report.line('aligned to CASE', `${aligned.identifier} → ${standard.humanCodingScheme} (${objectives.includes(standard.sourcedId) ? 'in its metadata' : 'missing from its metadata'}, grade ${aligned.metadata?.grade})`)

  // 4. Scoring: the service applies the item's response processing.
  const right = await qti.processResponse(ITEMS[0]!.id, 'B')
  const wrong = await qti.processResponse(ITEMS[0]!.id, 'A')
  report.line('processResponse', `'B' scores ${right.score}, 'A' scores ${wrong.score}`)

  // 5. A badge for the student, issued and signed by the service, its embedded proof checked by the service.
  const { allocatedSourcedId } = await badges.achievements.create({ name: 'Equivalent fractions', description: 'Rewrites fractions as equivalent ones to add them', criteria: `Score 1 on ${TEST}`, achievementType: 'Badge' })
  const badge = await badges.credentials.issue({ userId: STUDENT, achievementId: allocatedSourcedId })
  const byService = await badges.verify(badge)
  report.line('badge issued', `"${badge.credentialSubject.achievement.name}" to ${badge.credentialSubject.identifier?.[0]?.identityHash ?? 'nobody'}`)
  report.line('badge verified', `${byService.valid ? 'valid' : `invalid (${byService.errors.join('; ')})`}, checked by the ${byService.checkedBy}: ${byService.details?.signatureMethod ?? 'no signature method given'}`)

  // 6. The same badge as a VC-JWT (signed by the emulator's published key), checked here with jose; then a copy
  // with its payload changed after signing.
  const { proof: _proof, ...unsigned } = badge
  const jwt = await emulator.openbadges.signJwt(unsigned)
  const local = await badges.verify(jwt)
  const forged = await badges.verify(tamper(jwt))
  report.line('VC-JWT verified locally', `${local.valid ? 'valid' : `invalid (${local.errors.join('; ')})`}, ${local.algorithm} key ${local.keyId?.slice(0, 8)}…, checked by ${local.checkedBy}`)
  report.line('tampered VC-JWT', forged.valid ? 'accepted (!)' : `rejected: ${forged.reason}`)

  // 7. The badge gathered into the student's learner record; the service signs the record.
  const record = await clr.credentials.upsert({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:example:clr:${STUDENT}:fractions-5`, type: ['VerifiableCredential', 'ClrCredential'], name: 'Fractions 5 — learner record',
    issuer: badge.issuer, validFrom: badge.validFrom,
    credentialSubject: { type: ['ClrSubject'], identifier: badge.credentialSubject.identifier, verifiableCredential: [badge] },
  })
  const proofs = [record.credential.proof ?? []].flat()
  report.line('CLR record', `${record.created ? 'created' : 'replaced'}, ${record.credential.credentialSubject.verifiableCredential.length} badge, ${proofs.length} proof (${proofs.map((p) => p.cryptosuite).join(', ')})`)
}
