export { openDatabase, type DeskDb, type OpenDatabaseOptions } from './database';
export { getSharedDatabase, closeSharedDatabases } from './shared';
export type { Member, MemberCredentials, MembersRepository, NewMember } from './members';
export { migrations, runMigrations, type Migration } from './migrations';
export type { AuditRepository, AuditRecord, AuditPage, NewAuditEntry } from './audit';
export type { MemberLimits, LimitsInput, LimitsRepository } from './limits';
export { DEFAULT_DESK_SETTINGS, type DeskSettings, type DeskSettingsRepository } from './desk-settings';
export type { DeskOrderRecord, DeskOrderState, DeskOrdersRepository, NewDeskOrder } from './desk-orders';
