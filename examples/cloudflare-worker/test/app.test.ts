// The example end to end in workerd (Miniflare) against the emulator, driven through Chromium by Playwright:
// a student signs in and completes a lesson; the event goes to Caliper, Timeback's webhook brings it back to
// the Worker, and the teacher's page shows it arrive and the week's XP go up.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { OneRosterClient } from '@timeback/sdk/oneroster'
import { launchChromium } from '../../../scripts/chrome.mjs'
import { EXAMPLE, SENSOR, eventually, startApp, type App } from './harness.ts'

const TEACHER = 'seed-teacher-1@seed.example' // teaches seed-class-1 (Math 3 A)
const CLASS = 'seed-class-1'
const STUDENT_ID = 'seed-student-1' // Ada Lovelace, the emulator's default sign-in, in seed-class-1
const HOSTILE_GIVEN = '<img src=x onerror="document.title=\'pwned\'">'
const HOSTILE_FAMILY = '<script>document.title="pwned"</script>&amp;'
const SCREENSHOT = join(EXAMPLE, '../../test-artifacts/cloudflare-worker/teacher.png')

let app: App
let browser: Browser
let student: BrowserContext
let teacher: BrowserContext

async function signIn(context: BrowserContext, returnTo: string, loginHint?: string): Promise<Page> {
  const page = await context.newPage()
  const hint = loginHint ? `&login_hint=${encodeURIComponent(loginHint)}` : ''
  const res = await page.goto(`${app.url}/identity/signin?returnTo=${encodeURIComponent(returnTo)}${hint}`)
  assert.equal(res?.status(), 200, `sign-in ended on ${page.url()} with ${res?.status()}`)
  return page
}

/** The teacher page's XP cell for a student and whether an event of theirs is in the feed, after a reload. */
async function teacherView(page: Page): Promise<{ xp: number; events: string[] }> {
  const res = await page.goto(`${app.url}/teacher?class=${CLASS}`)
  assert.equal(res?.status(), 200)
  const xp = Number(await page.locator(`tr[data-student="${STUDENT_ID}"] td.xp`).textContent())
  const events = await page.locator('#feed li[data-event]').allTextContents()
  return { xp, events }
}

describe('cloudflare-worker example (Miniflare + Playwright)', () => {
  before(async () => {
    app = await startApp()
    const { emulator } = app.server
    // A student whose name is HTML, enrolled in the teacher's class: the page must show it as text.
    const roster = new OneRosterClient({ baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl } })
    const { sourcedId } = await roster.users.create({
      givenName: HOSTILE_GIVEN, familyName: HOSTILE_FAMILY, email: 'mallory@seed.example', enabledUser: true,
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
    })
    await roster.classes(CLASS).enroll({ sourcedId, role: 'student' })
    browser = await launchChromium()
    student = await browser.newContext()
    teacher = await browser.newContext()
    for (const context of [student, teacher]) context.setDefaultTimeout(10_000)
  })
  after(async () => {
    await browser?.close()
    await app?.close()
  })

  it('student signs in and completes a lesson; the teacher sees the event arrive and the XP go up', async () => {
    const teacherPage = await signIn(teacher, `/teacher?class=${CLASS}`, TEACHER)
    assert.equal(await teacherPage.locator('h1').textContent(), 'Math 3 A')
    const names = await teacherPage.locator('#roster td.name').allTextContents()
    for (const name of ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Katherine Johnson']) assert.ok(names.includes(name), `${name} in ${names}`)
    const before = await teacherView(teacherPage)
    assert.equal(before.xp, 0)
    assert.deepEqual(before.events, [])

    const page = await student.newPage()
    await page.goto(`${app.url}/`)
    await page.click('#sign-in')
    await page.waitForURL(`${app.url}/`)
    assert.equal(await page.locator('h1').textContent(), 'Hello, Ada Lovelace')
    await page.click('text=Adding fractions')
    assert.equal(await page.locator('h1').textContent(), 'Adding fractions')
    await page.click('#complete')
    await page.waitForURL(/\/\?completed=/)
    assert.match((await page.locator('#notice').textContent()) ?? '', /Lesson completed: Adding fractions/)

    const after = await eventually('the event on the teacher page', async () => {
      const view = await teacherView(teacherPage)
      return view.events.length > 0 && view.xp > 0 ? view : undefined
    })
    assert.equal(after.xp, 12, 'the lesson is worth 12 XP')
    assert.equal(after.events.length, 1)
    assert.match(after.events[0]!, /Ada Lovelace completed Adding fractions \(\+12 XP\)/)
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true })
    await teacherPage.screenshot({ path: SCREENSHOT, fullPage: true })
    console.log(`screenshot: ${SCREENSHOT}`)

    const stored = app.server.emulator.caliper.events
    assert.equal(stored.length, 1, 'Caliper stored the one event')
    assert.equal(stored[0]!.sensor, SENSOR)
  })

  it('shows a name made of HTML as text, runs none of it', async () => {
    const page = await signIn(teacher, `/teacher?class=${CLASS}`, TEACHER)
    const names = await page.locator('#roster td.name').allTextContents()
    assert.ok(names.includes(`${HOSTILE_GIVEN} ${HOSTILE_FAMILY}`), `the literal name in ${JSON.stringify(names)}`)
    assert.equal(await page.locator('#roster img, #roster script, body script').count(), 0)
    assert.equal(await page.title(), 'Math 3 A')
  })

  it('a student cannot open the teacher page; a teacher cannot open another class', async () => {
    const page = await student.newPage()
    await page.goto(`${app.url}/`)
    const asStudent = await page.goto(`${app.url}/teacher?class=${CLASS}`)
    assert.equal(asStudent?.status(), 403)
    const other = await browser.newContext()
    try {
      const dewey = await signIn(other, '/', 'seed-teacher-2@seed.example') // teaches seed-class-2 only
      const res = await dewey.goto(`${app.url}/teacher?class=${CLASS}`)
      assert.equal(res?.status(), 404)
    } finally {
      await other.close()
    }
  })

  it('an email Timeback does not know cannot sign in', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const res = await page.goto(`${app.url}/identity/signin?returnTo=/&login_hint=${encodeURIComponent('nobody@elsewhere.example')}`)
      assert.equal(res?.status(), 403)
      assert.match((await page.locator('#problem').textContent()) ?? '', /Sign-in failed \(timeback_user_not_found\)/)
      assert.deepEqual((await context.cookies(app.url)).filter((c) => c.name.includes('session')), [], 'no session cookie')
    } finally {
      await context.close()
    }
  })

  it('a lesson outside the student\'s classes, or a malformed path, is a 404', async () => {
    const cookie = (await student.cookies(app.url)).map((c) => `${c.name}=${c.value}`).join('; ')
    for (const path of ['/classes/seed-class-3/lessons/main-idea-1', `/classes/${CLASS}/lessons/nope`, '/classes/%E0%A4%A/lessons/fractions-1']) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie } })
      assert.equal(res.status, 404, path)
      await res.arrayBuffer()
    }
  })

  it('refuses a lesson completion posted from another site (CSRF)', async () => {
    const cookies = await student.cookies(app.url)
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const path = `/classes/${CLASS}/lessons/fractions-2/complete`
    const cross = await fetch(`${app.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: 'https://evil.example' } })
    assert.equal(cross.status, 403)
    const none = await fetch(`${app.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie } })
    assert.equal(none.status, 403, 'no Origin and no Referer')
    const same = await fetch(`${app.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: app.url } })
    assert.equal(same.status, 303, 'the same request from the site itself is accepted')
  })
})
