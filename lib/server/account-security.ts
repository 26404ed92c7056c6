import 'server-only';
import { headers } from 'next/headers';
import type { Member } from '../db';
import { clientIpFrom } from '../auth/request-context';
import { reauthenticate, type ReauthInput } from '../auth/reauthenticate';
import { getDb } from './db';
import { secondFactorDeps } from './second-factor';
import { getLoginThrottle } from './throttle';

export async function requestIp(): Promise<string> {
  return clientIpFrom(await headers());
}

/** Re-authenticates the signed-in member in this browser (password, or their code). */
export async function reauthenticateHere(member: Member, input: ReauthInput) {
  return reauthenticate({ db: getDb(), loginThrottle: getLoginThrottle(), secondFactor: secondFactorDeps() }, member, input, await requestIp());
}
