// The hub topic through which the emulated services share what a student did: PowerPath publishes the XP and
// questions of a finished lesson, EduBridge turns these (and the Caliper events the Caliper module stored) into
// the facts its analytics answer with. Kernel-level, so neither module imports the other.

/** Hub topic: `{ facts: LearningFact[] }`, published when activity happened. */
export const LEARNING_FACTS = 'learning.facts'

/**
 * One row of what a student did, as EduBridge's weekly facts hold it: an `ActivityEvent` row (XP, questions,
 * mastered units) or a `TimeSpentEvent` row (seconds). One activity usually yields one of each.
 *
 * @example
 * const fact: LearningFact = { studentId: 'u1', occurredAt: '2026-12-02T10:00:00.000Z', subject: 'Math', app: 'PowerPath',
 *   activityId: 'lesson-1', eventType: 'ActivityEvent', xpEarned: 12, totalQuestions: 5, correctQuestions: 5, masteredUnits: 1,
 *   activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0, source: 'powerpath' }
 */
export interface LearningFact {
  /** The student's OneRoster sourcedId. */
  readonly studentId: string
  readonly email?: string
  /** When it happened, ISO 8601 (the day bucket is taken in the caller's timezone). */
  readonly occurredAt: string
  /** An EduBridge subject: Math, Reading, Language, Vocabulary, Social Studies, Writing, Science, FastMath. */
  readonly subject: string
  readonly app: string
  readonly courseId?: string
  readonly courseName?: string
  readonly enrollmentId?: string
  readonly activityId: string
  readonly activityName?: string
  readonly eventType: 'ActivityEvent' | 'TimeSpentEvent'
  readonly xpEarned: number
  readonly totalQuestions: number
  readonly correctQuestions: number
  readonly masteredUnits: number
  readonly activeSeconds: number
  readonly inactiveSeconds: number
  readonly wasteSeconds: number
  /** Who reported it (`powerpath`, `caliper`…). */
  readonly source: string
}

/** Payload of {@link LEARNING_FACTS}. */
export interface LearningFactsMessage {
  readonly facts: readonly LearningFact[]
}
