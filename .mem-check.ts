import { openDatabase } from './lib/db/database';
import { authenticate } from './lib/auth/login';
import { hashPassword, getDummyPasswordHash } from './lib/auth/password';
import { LoginThrottle } from './lib/auth/throttle';

const db = openDatabase(':memory:');
await db.members.create({ username: 'trader', role: 'trader', passwordHash: await hashPassword('right-password') });
await getDummyPasswordHash();
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const before = rss();
let peak = before;
const timer = setInterval(() => { peak = Math.max(peak, rss()); }, 5);
const throttle = new LoginThrottle();
const oneAccount = await Promise.all(Array.from({ length: 40 }, (_, i) => authenticate({ members: db.members, throttle }, { username: 'trader', password: `g${i}`, ip: `10.0.0.${i}` })));
const manyAccounts = await Promise.all(Array.from({ length: 40 }, (_, i) => authenticate({ members: db.members, throttle: new LoginThrottle() }, { username: `u${i}`, password: 'x', ip: `10.1.0.${i}` })));
clearInterval(timer);
const tally = (rs: { ok: boolean; reason?: string }[]) => rs.reduce<Record<string, number>>((t, r) => ({ ...t, [r.ok ? 'ok' : r.reason!]: (t[r.ok ? 'ok' : r.reason!] ?? 0) + 1 }), {});
console.log(JSON.stringify({ rssBeforeMB: before, rssPeakMB: peak, oneAccount: tally(oneAccount), fortyAccountsFortyIps: tally(manyAccounts) }));
