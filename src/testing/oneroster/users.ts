// Users, students, teachers, user demographics, agents and third-party credentials (rostering).
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import { badRequest, json, notFound } from '../http.js'
import { fieldsParam, project } from '../query.js'
import type { Entity } from './types.js'
import { createHandler, deleteHandler, find, getHandler, listHandler, putHandler, save } from './crud.js'
import { fullRef, isObject, ROSTERING as R, sourcedIdOf } from './model.js'
import { DEMOGRAPHICS, STUDENTS, TEACHERS, USERS } from './views.js'

// The spec says a user's email "must be unique across all users"; creates enforce it.
function uniqueEmail(item: Record<string, unknown>, ctx: Ctx): Record<string, unknown> {
  const email = item.email
  if (typeof email === 'string' && email !== '') {
    const lower = email.toLowerCase()
    const taken = ctx.env.store.list('users').some((u) => typeof u.email === 'string' && u.email.toLowerCase() === lower)
    if (taken) throw badRequest(`A user with email '${email}' already exists.`, 422)
  }
  return item
}

/** Demographics share the user's sourcedId (the OneRoster convention). */
function userWithDemographics(ctx: Ctx): Response {
  const user = find(ctx.env, USERS, ctx.params.sourcedId!)
  const demographics = ctx.env.store.get('demographics', user.sourcedId) ?? null
  return json({ user: project({ ...user, demographics }, fieldsParam(ctx.query)) })
}

const agentIds = (user: Entity): string[] =>
  Array.isArray(user.agents) ? user.agents.map(sourcedIdOf).filter((id): id is string => id !== undefined) : []

function getAgents(ctx: Ctx): Response {
  const user = find(ctx.env, USERS, ctx.params.userId!)
  const agents = agentIds(user).map((id) => ctx.env.store.get('users', id)).filter((u): u is Entity => u !== undefined)
  return json({ agents })
}

async function addAgent(ctx: Ctx): Promise<Response> {
  const body = await ctx.body()
  const agentId = isObject(body) ? body.agentSourcedId : undefined
  if (typeof agentId !== 'string' || agentId === '') throw badRequest('Missing required field(s): agentSourcedId')
  const user = find(ctx.env, USERS, ctx.params.userId!)
  find(ctx.env, USERS, agentId, 'Agent')
  if (!agentIds(user).includes(agentId)) {
    const agents = [...(Array.isArray(user.agents) ? user.agents : []), fullRef(ctx.env, { sourcedId: agentId }, 'user')]
    save(ctx.env, 'users', { ...user, agents, dateLastModified: ctx.env.nowIso() })
  }
  return json({ message: 'Agent added successfully.', userSourcedId: user.sourcedId, agentSourcedId: agentId })
}

function deleteAgent(ctx: Ctx): Response {
  const user = find(ctx.env, USERS, ctx.params.userId!)
  const agentId = ctx.params.agentSourcedId!
  if (!agentIds(user).includes(agentId)) throw notFound('Agent not found.')
  const agents = (user.agents as unknown[]).filter((a) => sourcedIdOf(a) !== agentId)
  save(ctx.env, 'users', { ...user, agents, dateLastModified: ctx.env.nowIso() })
  return json({ message: 'Agent removed successfully.', userSourcedId: user.sourcedId, agentSourcedId: agentId })
}

function agentFor(ctx: Ctx): Response {
  const id = find(ctx.env, USERS, ctx.params.userId!).sourcedId
  return json({ users: ctx.env.store.list('users').filter((u) => agentIds(u).includes(id)) })
}

// Stored credential passwords are "encrypted" (base64 of the UTF-8 text behind a marker), so a user
// read does not show them in clear while decrypt can still give them back.
function encrypt(password: string): string {
  let bin = ''
  for (const b of new TextEncoder().encode(password)) bin += String.fromCharCode(b)
  return `enc:${btoa(bin)}`
}
function decrypt(stored: string): string {
  if (!stored.startsWith('enc:')) return stored
  return new TextDecoder().decode(Uint8Array.from(atob(stored.slice(4)), (c) => c.charCodeAt(0)))
}

type Profile = { profileId: string; app: { name: string }; credentials: { id: string; username: string; password?: string }[] }

async function registerCredentials(ctx: Ctx): Promise<Response> {
  const body = await ctx.body()
  const appName = isObject(body) ? body.applicationName : undefined
  const creds = isObject(body) && isObject(body.credentials) ? body.credentials : undefined
  const missing = [
    ...(typeof appName === 'string' && appName !== '' ? [] : ['applicationName']),
    ...(typeof creds?.username === 'string' ? [] : ['credentials.username']),
    ...(typeof creds?.password === 'string' ? [] : ['credentials.password']),
  ]
  if (missing.length > 0) throw badRequest(`Missing required field(s): ${missing.join(', ')}`)
  const { username, password } = creds as { username: string; password: string }
  const user = find(ctx.env, USERS, ctx.params.userId!)
  const profiles = (Array.isArray(user.userProfiles) ? user.userProfiles : []) as Profile[]
  const existing = profiles.find((p) => p.app?.name === appName)
  if (existing) {
    const credential = { ...existing.credentials[0], id: existing.credentials[0]?.id ?? ctx.env.newId(), type: 'username_password', username, password: encrypt(password) }
    const updated = { ...existing, credentials: [credential, ...existing.credentials.slice(1)] }
    save(ctx.env, 'users', { ...user, userProfiles: profiles.map((p) => (p === existing ? updated : p)), dateLastModified: ctx.env.nowIso() })
    return json({ userProfileId: existing.profileId, credentialId: credential.id, message: 'Credentials updated successfully.' }, 200)
  }
  const profileId = ctx.env.newId()
  const credentialId = ctx.env.newId()
  const profile = {
    profileId, profileType: 'thirdPartyApp', vendorId: appName, applicationId: appName, description: null,
    app: { sourcedId: ctx.env.newId(), name: appName, description: null, domain: [] },
    credentials: [{ id: credentialId, type: 'username_password', username, password: encrypt(password) }],
  }
  save(ctx.env, 'users', { ...user, userProfiles: [...profiles, profile], dateLastModified: ctx.env.nowIso() })
  return json({ userProfileId: profileId, credentialId, message: 'Credentials created successfully.' }, 201)
}

function decryptCredential(ctx: Ctx): Response {
  const user = find(ctx.env, USERS, ctx.params.userId!)
  const profiles = (Array.isArray(user.userProfiles) ? user.userProfiles : []) as Profile[]
  const credential = profiles.flatMap((p) => p.credentials ?? []).find((c) => c.id === ctx.params.credentialId)
  if (!credential) throw notFound('Credential not found.')
  return json({ password: decrypt(credential.password ?? '') })
}

export function userRoutes(): Route[] {
  return [
    route('GET', `${R}/users/`, 'getAllUsers', listHandler(USERS)),
    route('POST', `${R}/users/`, 'createUser', createHandler(USERS, { fill: uniqueEmail })),
    route('GET', `${R}/users/{sourcedId}`, 'getUser', getHandler(USERS)),
    route('PUT', `${R}/users/{sourcedId}`, 'updateUser', putHandler(USERS, { status: 200, shape: 'wrapped' })),
    route('DELETE', `${R}/users/{sourcedId}`, 'deleteUser', deleteHandler(USERS)),
    route('GET', `${R}/users/{sourcedId}/demographics`, 'getUserWithDemographics', userWithDemographics),
    route('GET', `${R}/users/{userId}/agents`, 'getAgents', getAgents),
    route('POST', `${R}/users/{userId}/agents`, 'addAgent', addAgent),
    route('DELETE', `${R}/users/{userId}/agents/{agentSourcedId}`, 'deleteAgent', deleteAgent),
    route('GET', `${R}/users/{userId}/agentFor`, 'getAgentFor', agentFor),
    route('POST', `${R}/users/{userId}/credentials`, 'registerStudentCredentials', registerCredentials),
    route('POST', `${R}/users/{userId}/credentials/{credentialId}/decrypt`, 'decryptCredential', decryptCredential),
    route('GET', `${R}/students/`, 'getAllStudents', listHandler(STUDENTS)),
    route('GET', `${R}/students/{sourcedId}`, 'getStudent', getHandler(STUDENTS)),
    route('GET', `${R}/teachers/`, 'getAllTeachers', listHandler(TEACHERS)),
    route('GET', `${R}/teachers/{sourcedId}`, 'getTeacher', getHandler(TEACHERS)),
    route('GET', `${R}/demographics/`, 'getAllDemographics', listHandler(DEMOGRAPHICS)),
    route('POST', `${R}/demographics/`, 'postDemographics', createHandler(DEMOGRAPHICS)),
    route('GET', `${R}/demographics/{sourcedId}`, 'getDemographics', getHandler(DEMOGRAPHICS)),
    route('PUT', `${R}/demographics/{sourcedId}`, 'putDemographics', putHandler(DEMOGRAPHICS, { status: 200, shape: 'unwrapped' })),
    route('DELETE', `${R}/demographics/{sourcedId}`, 'deleteDemographics', deleteHandler(DEMOGRAPHICS)),
  ]
}
