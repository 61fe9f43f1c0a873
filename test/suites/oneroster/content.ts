// OneRoster course content against the emulator: course components, component resources (lessons),
// resources with their class/course/user lists, the Common Cartridge export and courses.createStructure.

import type { Assert, Suite } from '../../harness/types.ts'
import { connect, ref, RESOURCES, ROSTERING, roundTrip, seen, SEED } from './helpers.ts'

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert

  describe('oneroster: course content', () => {
    it('course components (collection path without a trailing slash)', async () => {
      const { s, client } = connect(env)
      await roundTrip(assert, client.courseComponents, { input: { title: 'Unit 2: Decimals', course: ref(SEED.course), sortOrder: 2 }, field: 'title' })
      assert.ok(seen(s).includes(`POST ${ROSTERING}/courses/components`))
      assert.ok(seen(s).includes(`GET ${ROSTERING}/courses/components`))
    })

    it('component resources (sourcedId generated, lessonType checked)', async () => {
      const { client } = connect(env)
      const input = { title: 'Decimals quiz', courseComponent: ref(SEED.component), resource: ref(SEED.resource), lessonType: 'quiz' as const }
      const id = await roundTrip(assert, client.componentResources, { input, field: 'title' })
      assert.equal((await client.componentResources.get(id)).lessonType, 'quiz')
    })

    it('resources, and their class, course and user lists', async () => {
      const { client } = connect(env)
      const input = { title: 'Fractions article', vendorResourceId: 'ART-7', importance: 'secondary' as const, metadata: { type: 'text' } }
      await roundTrip(assert, client.resources, { input, field: 'title' })
      for (const page of [
        await client.classes(SEED.class).resources(),
        await client.courses(SEED.course).resources(),
        await client.users(SEED.student).resources(),
      ]) assert.ok(Array.isArray(page.data))
    })

    it('resources.exportCommonCartridge returns the zip bytes, type and file name', async () => {
      const { s, client } = connect(env)
      const from = s.emulator.requests.length
      const pkg = await client.resources.exportCommonCartridge(SEED.resource)
      assert.deepEqual(seen(s, from), [`POST ${RESOURCES}/resources/export/${SEED.resource}`])
      assert.ok(pkg.data instanceof Uint8Array)
      assert.deepEqual([...pkg.data.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'starts with the zip signature')
      assert.match(pkg.contentType, /zip/)
      assert.match(pkg.filename ?? '', /\.imscc$/)
    })

    it('exportCommonCartridge of an unknown resource is an ApiError (the spec answers 400 "Resource not found")', async () => {
      const { client } = connect(env)
      const E = env.sdk.errors
      const error = await assert.rejects(client.resources.exportCommonCartridge('no-such-resource'), (e) => E.isValidationError(e) || E.isNotFoundError(e))
      assert.match(error.message, /not found/i)
    })

    it('courses.createStructure builds the course, its units and lessons', async () => {
      const { client } = connect(env)
      const lesson = (n: number, unit: string) => ({
        url: `https://qti.example.org/tests/${n}`, skillCode: `S${n}`, lessonCode: `L${n}`, title: `Lesson ${n}`, 'unit-title': unit, xp: 10 * n,
      })
      const res = await client.courses.createStructure({
        course: { title: 'Structured course', org: ref(SEED.school) },
        courseStructure: { a: lesson(1, 'Unit A'), b: lesson(2, 'Unit A'), c: lesson(3, 'Unit B') },
      })
      const course = await client.courses.get(res.sourcedId)
      assert.equal(course.title, 'Structured course')
      const units = await client.courseComponents.listAll({ where: { 'course.sourcedId': res.sourcedId } })
      assert.deepEqual(units.map((u) => u.title).sort(), ['Unit A', 'Unit B'])
    })
  })
}

export default suite
