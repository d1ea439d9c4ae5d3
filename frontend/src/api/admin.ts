// The instance administrator's API (/admin/...). Anyone else gets 403.
import { api } from './client'
import type { AdminHealth, InstanceSettings, InstanceSettingsChanges, Invitation, InvitationCreated } from './types'

export async function fetchInstanceSettings(): Promise<InstanceSettings> {
  return (await api.get<InstanceSettings>('/admin/settings')).data
}

export async function updateInstanceSettings(changes: InstanceSettingsChanges): Promise<InstanceSettings> {
  return (await api.patch<InstanceSettings>('/admin/settings', changes)).data
}

export async function createInvitation(): Promise<InvitationCreated> {
  return (await api.post<InvitationCreated>('/admin/invitations')).data
}

export async function fetchInvitations(): Promise<Invitation[]> {
  return (await api.get<Invitation[]>('/admin/invitations')).data
}

export async function revokeInvitation(id: number): Promise<void> {
  await api.delete(`/admin/invitations/${id}`)
}

export async function fetchInstanceHealth(): Promise<AdminHealth> {
  return (await api.get<AdminHealth>('/admin/health')).data
}

/** The registration link for an invitation, at the address this dashboard was opened at. */
export function invitationLink(token: string, origin: string = window.location.origin): string {
  return `${origin}/register?invitation=${encodeURIComponent(token)}`
}
