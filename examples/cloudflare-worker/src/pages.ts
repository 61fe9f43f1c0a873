// The three pages: home (sign-in link, or the student's lessons / the teacher's classes), a lesson with its
// "Complete lesson" button, and the teacher's class page. Every outside value is escaped (html.ts).
import type { Viewer } from './auth.js'
import type { FeedEntry } from './feed.js'
import { esc, page } from './html.js'
import type { Lesson } from './lessons.js'
import type { RosterRow } from './roster.js'

export interface ClassSummary {
  readonly id: string
  readonly title: string
  readonly courseId: string | undefined
}

const signInLink = (returnTo: string) => `/identity/signin?returnTo=${encodeURIComponent(returnTo)}`
export const lessonPath = (classId: string, lessonId: string) => `/classes/${encodeURIComponent(classId)}/lessons/${encodeURIComponent(lessonId)}`
export const teacherPath = (classId: string) => `/teacher?class=${encodeURIComponent(classId)}`

export function signedOutPage(): Response {
  return page('Timeback lessons', `<p>Please <a id="sign-in" href="${esc(signInLink('/'))}">sign in</a> with your school account.</p>`, 401)
}

export function studentHome(viewer: Viewer, classes: readonly { cls: ClassSummary; lessons: readonly Lesson[] }[], notice?: string): Response {
  const sections = classes.map(({ cls, lessons }) => `<h2>${esc(cls.title)}</h2><ul>${lessons.map((l) =>
    `<li><a href="${esc(lessonPath(cls.id, l.id))}">${esc(l.title)}</a> <span class="muted">(${esc(l.xp)} XP)</span></li>`).join('') || '<li class="muted">No lessons yet</li>'}</ul>`)
  const done = notice ? `<p id="notice" role="status">${esc(notice)}</p>` : ''
  return page(`Hello, ${viewer.name}`, `${done}${sections.join('') || '<p>You are not in any class yet.</p>'}`)
}

export function teacherHome(viewer: Viewer, classes: readonly ClassSummary[]): Response {
  const items = classes.map((c) => `<li><a href="${esc(teacherPath(c.id))}">${esc(c.title)}</a></li>`).join('')
  return page(`Hello, ${viewer.name}`, `<h2>Your classes</h2><ul id="classes">${items || '<li class="muted">None</li>'}</ul>`)
}

export function lessonPage(cls: ClassSummary, lesson: Lesson): Response {
  return page(lesson.title, `<p>${esc(cls.title)} · ${esc(lesson.subject)} · ${esc(lesson.questions)} questions · ${esc(lesson.xp)} XP</p>
<form method="post" action="${esc(lessonPath(cls.id, lesson.id))}/complete"><button id="complete" type="submit">Complete lesson</button></form>`)
}

export function teacherPage(cls: ClassSummary, rows: readonly RosterRow[], feed: readonly FeedEntry[], weekOf: Date): Response {
  const roster = rows.map((r) => `<tr data-student="${esc(r.id)}"><td class="name">${esc(r.name)}</td><td>${esc(r.email)}</td><td class="xp">${esc(r.weekXp)}</td></tr>`).join('')
  const events = feed.map((e) => `<li data-event="${esc(e.id)}"><b>${esc(e.studentName)}</b> completed ${esc(e.lesson)} (+${esc(e.xp)} XP) <span class="muted">${esc(e.eventTime)}</span></li>`).join('')
  return page(cls.title, `<h2>Roster</h2><p class="muted">XP since ${esc(weekOf.toISOString().slice(0, 10))} (Monday, UTC)</p>
<table id="roster"><thead><tr><th>Student</th><th>Email</th><th>XP this week</th></tr></thead><tbody>${roster}</tbody></table>
<h2>Events arrived</h2><ul id="feed">${events || '<li class="muted">Nothing yet</li>'}</ul>`)
}

export function problem(status: number, message: string): Response {
  const title = status === 401 || status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong'
  return page(title, `<p id="problem">${esc(message)}</p>`, status)
}
