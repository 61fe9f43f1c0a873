// A per-emulator publish/subscribe hub: how one service module reacts to another without importing it (Caliper
// publishes the events it accepted; Webhooks subscribes and delivers them). Synchronous, so work a subscriber
// starts (such as a delivery promise that `webhooks.idle()` waits for) exists before the publisher answers.

/**
 * Create a hub.
 *
 * @example
 * const hub = createHub()
 * hub.subscribe('caliper.accepted', (payload) => console.log(payload))
 * hub.publish('caliper.accepted', { events: [] })
 */
export function createHub(): { publish(topic: string, payload: unknown): void; subscribe(topic: string, listener: (payload: unknown) => void): void } {
  const listeners = new Map<string, ((payload: unknown) => void)[]>()
  return {
    publish(topic, payload) {
      for (const listener of listeners.get(topic) ?? []) {
        try {
          listener(payload)
        } catch {
          // One subscriber's failure must not fail the publisher's request or starve the other subscribers.
        }
      }
    },
    subscribe(topic, listener) {
      const list = listeners.get(topic) ?? []
      list.push(listener)
      listeners.set(topic, list)
    },
  }
}
