export { openDatabase, type DeskDb, type OpenDatabaseOptions } from './database';
export { getSharedDatabase, closeSharedDatabases } from './shared';
export type { Member, MemberCredentials, MembersRepository, NewMember } from './members';
export { migrations, runMigrations, type Migration } from './migrations';
