// Resources (/resources): learning content a class, course or user can use — QTI tests, videos, articles,
// external apps — described by `metadata`. A resource can be exported as a Common Cartridge (.imscc) zip.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { buildPath } from '../../../core/paths.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { RESOURCES, baseInput, oneOf, optionalString, requiredString, recordSchema, type BaseEntity } from '../base.js'

const IMPORTANCE = ['primary', 'secondary'] as const

export interface Resource extends BaseEntity {
  title: string
  roles?: ('primary' | 'secondary')[]
  importance?: 'primary' | 'secondary'
  vendorResourceId: string
  vendorId?: string | null
  applicationId?: string | null
}

const fields = {
  ...baseInput,
  title: requiredString,
  roles: v.optional(v.array(oneOf(IMPORTANCE))),
  importance: v.optional(oneOf(IMPORTANCE)),
  vendorResourceId: requiredString,
  vendorId: optionalString,
  applicationId: optionalString,
}

/** Create input: `title` and `vendorResourceId` are required. */
export const ResourceInputSchema = v.looseObject(fields)
export type ResourceInput = v.InferInput<typeof ResourceInputSchema>
/** Update input: the spec's PUT requires no field, so any subset is accepted. */
export const ResourceUpdateSchema = v.partial(v.looseObject(fields))
export type ResourceUpdate = v.InferInput<typeof ResourceUpdateSchema>

/** A downloaded Common Cartridge package. */
export interface CommonCartridge {
  /** The zip bytes (`PK\x03\x04…`). */
  data: Uint8Array
  /** From `Content-Disposition`, when the service names the file (e.g. `course.imscc`). */
  filename?: string
  contentType: string
}

/** Checked on reads when `validateResponses` is on. */
export const ResourceRecordSchema = recordSchema({ title: v.string() })

export type ResourcesResource = ListMethods<Resource> & ChangeMethods<Resource> & ReadMethods<Resource> & WriteMethods<ResourceInput, ResourceUpdate> & {
  /** POST /resources/export/{sourceId}: the resource as a Common Cartridge zip. */
  exportCommonCartridge(sourceId: string, call?: CallOptions): Promise<CommonCartridge>
}

const ALL = `${RESOURCES}/resources/`
const ONE = `${RESOURCES}/resources/{id}`

/** Reads `filename*=UTF-8''…` (RFC 6266/5987) or `filename="…"` from a Content-Disposition header. */
export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim())
    } catch {
      // Malformed escapes: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition)
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim()
  return name || undefined
}

/**
 * Builds `client.resources`: list/stream (GET /resources/), get/exists (GET|HEAD /resources/{id}),
 * create (POST /resources/), update/upsert (PUT /resources/{id}), delete (DELETE /resources/{id}),
 * exportCommonCartridge (POST /resources/export/{sourceId}).
 */
export function createResources(ctx: ServiceContext): ResourcesResource {
  return {
    ...collectionMethods<Resource, ResourceInput, ResourceUpdate>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['resources'], itemKeys: ['resource'], entity: ResourceRecordSchema,
      bodyKey: 'resource', label: 'resources', create: ResourceInputSchema, update: ResourceUpdateSchema,
    }),
    async exportCommonCartridge(sourceId, call = {}) {
      const path = buildPath(`${RESOURCES}/resources/export/{sourceId}`, { sourceId })
      const headers = { accept: 'application/zip, application/octet-stream;q=0.9, */*;q=0.1', ...call.headers }
      // The export has no body and no side effect, so repeating it after a dropped connection is safe.
      const response = await ctx.transport.request<{ data: Uint8Array; headers: Headers }>(
        { method: 'POST', path, responseType: 'bytes' },
        { idempotent: true, ...call, headers },
      )
      return {
        data: response.data,
        filename: filenameOf(response.headers.get('content-disposition')),
        contentType: response.headers.get('content-type') ?? 'application/zip',
      }
    },
  }
}
