import 'server-only';
export { getDb } from './db';
export { getEnv } from './env';
export { currentMember, getSession } from './session';
export { requireMember } from './require-member';
export { getLoginThrottle } from './throttle';
