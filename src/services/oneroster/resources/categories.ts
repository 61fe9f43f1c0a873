// Categories (/categories): gradebook categories (homework, quizzes…) that line items belong to, with an
// optional weight. PUT is "update or create" on this route.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { GRADEBOOK, activeByDefault, baseInput, optionalNumber, requiredString, recordSchema, type BaseEntity } from '../base.js'

export interface Category extends BaseEntity {
  title: string
  weight?: number | null
}

/** Create/update input: `title` is required; `status` is required by the spec and defaults to `active` here. */
export const CategoryInputSchema = v.looseObject({
  ...baseInput,
  status: activeByDefault,
  title: requiredString,
  weight: optionalNumber,
})
export type CategoryInput = v.InferInput<typeof CategoryInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const CategoryRecordSchema = recordSchema({ title: v.string() })

export type CategoriesResource = ListMethods<Category> & ChangeMethods<Category> & ReadMethods<Category> & WriteMethods<CategoryInput>

const CATEGORIES = `${GRADEBOOK}/categories/`
const CATEGORY = `${GRADEBOOK}/categories/{id}`

/**
 * Builds `client.categories`: list/stream (GET /categories/), get/exists (GET|HEAD /categories/{id}),
 * create (POST /categories/), update/upsert (PUT /categories/{id}, creates when missing), delete (DELETE /categories/{id}).
 */
export function createCategories(ctx: ServiceContext): CategoriesResource {
  return {
    ...collectionMethods<Category, CategoryInput>(ctx, {
      path: CATEGORIES, itemPath: CATEGORY, listKeys: ['categories'], itemKeys: ['category'], entity: CategoryRecordSchema,
      bodyKey: 'category', label: 'categories', create: CategoryInputSchema, putCreates: true,
    }),
  }
}
