// The Worker: routes, and the Durable Object class wrangler.toml binds as CLASS_FEED.
// Clients are built per request from `env` (tokens stay cached per isolate and in KV, see clients.ts).
import type { OneRosterClient } from '@timeback/sdk/oneroster'
import { identity, sameOrigin, viewer, type Viewer } from './auth.js'
import { oneRoster, type WaitUntil } from './clients.js'
import { enqueueEvent, lessonEvent, sendBatch } from './events.js'
import { readFeed } from './feed.js'
import { findLesson, lessonsOf } from './lessons.js'
import { lessonPage, problem, signedOutPage, studentHome, teacherHome, teacherPage, type ClassSummary } from './pages.js'
import { classRoster, weekStart } from './roster.js'
import { receiveWebhook } from './webhooks.js'
import type { Env, MessageBatch } from './worker-types.js'

export { ClassFeed } from './feed.js'

const LESSON = /^\/classes\/([^/]+)\/lessons\/([^/]+)(\/complete)?$/

/** A decoded path segment; a malformed escape matches no class or lesson (404), rather than throwing (500). */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return ''
  }
}

async function classesOf(oneroster: OneRosterClient, userId: string): Promise<ClassSummary[]> {
  const classes = await oneroster.users(userId).classes.listAll({ maxItems: 200 })
  return classes.map((c) => ({ id: c.sourcedId, title: c.title, courseId: c.course?.sourcedId }))
}

async function app(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
  const url = new URL(request.url)
  if (url.pathname === '/health') return new Response('ok')
  if (url.pathname === '/webhooks/timeback') return request.method === 'POST' ? receiveWebhook(request, env) : new Response(null, { status: 405 })

  const oneroster = oneRoster(env, ctx)
  const id = identity(env, oneroster)
  if (url.pathname.startsWith('/identity/')) return id.handle(request)

  const who: Viewer | undefined = await viewer(request, id, oneroster)
  if (!who) return signedOutPage()

  if (url.pathname === '/') {
    const classes = await classesOf(oneroster, who.timebackId)
    if (who.role === 'teacher') return teacherHome(who, classes)
    const done = url.searchParams.get('completed')
    const notice = done ? `Lesson completed: ${done}. Your teacher will see it shortly.` : undefined
    return studentHome(who, classes.map((cls) => ({ cls, lessons: lessonsOf(cls.courseId) })), notice)
  }

  const lessonMatch = LESSON.exec(url.pathname)
  if (lessonMatch) {
    if (who.role !== 'student') return problem(403, 'Lessons are for students.')
    const [classId, lessonId] = [segment(lessonMatch[1]!), segment(lessonMatch[2]!)]
    const cls = (await classesOf(oneroster, who.timebackId)).find((c) => c.id === classId)
    const lesson = cls && findLesson(cls.courseId, lessonId)
    if (!cls || !lesson) return problem(404, 'No such lesson in your classes.')
    if (!lessonMatch[3]) return request.method === 'GET' ? lessonPage(cls, lesson) : new Response(null, { status: 405 })
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } })
    if (!sameOrigin(request)) return problem(403, 'This form must be sent from this site.')
    await enqueueEvent(env, lessonEvent(env, oneroster.baseUrl, who, cls.id, lesson))
    return new Response(null, { status: 303, headers: { location: `/?completed=${encodeURIComponent(lesson.title)}` } })
  }

  if (url.pathname === '/teacher') {
    if (who.role !== 'teacher') return problem(403, 'Only teachers can see class rosters.')
    const classes = await classesOf(oneroster, who.timebackId)
    const cls = classes.find((c) => c.id === url.searchParams.get('class'))
    if (!cls) return problem(404, 'Pick one of your classes from the home page.')
    const now = new Date()
    const [rows, feed] = await Promise.all([classRoster(env, ctx, oneroster, cls.id, now), readFeed(env.CLASS_FEED, cls.id)])
    return teacherPage(cls, rows, feed, weekStart(now))
  }
  return problem(404, 'No such page.')
}

export default {
  async fetch(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
    try {
      return await app(request, env, ctx)
    } catch (error) {
      // Details go to the Worker's log, never to the page.
      console.error(error)
      return problem(500, 'Timeback could not be reached. Try again in a moment.')
    }
  },

  async queue(batch: MessageBatch, env: Env, ctx: WaitUntil): Promise<void> {
    await sendBatch(batch, env, ctx)
  },
}
