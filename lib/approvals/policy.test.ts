import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DESK_SETTINGS } from '../db/desk-settings';
import type { Member } from '../db/members';
import { approvalPolicy, approvalThreshold, canApprove, deciderRefusal, policySchema, thresholdFor } from './policy';

const member = (id: number, role: Member['role']) => ({ id, role, username: `m${id}` }) as Member;

test('the start-up threshold applies until an admin sets one; an admin may turn the step off', () => {
  assert.equal(approvalPolicy(DEFAULT_DESK_SETTINGS, '50000').aboveUsd, '50000');
  assert.equal(approvalPolicy(DEFAULT_DESK_SETTINGS, null).aboveUsd, null);
  assert.equal(approvalPolicy({ ...DEFAULT_DESK_SETTINGS, approvalAboveUsd: null }, '50000').aboveUsd, null);
  assert.equal(approvalPolicy({ ...DEFAULT_DESK_SETTINGS, approvalAboveUsd: '1000' }, '50000').aboveUsd, '1000');
  assert.equal(approvalPolicy(DEFAULT_DESK_SETTINGS, null).lifetimeMinutes, 15);
});

test('a member\'s own threshold overrides the desk-wide one; only orders above it need approval', () => {
  const policy = approvalPolicy({ ...DEFAULT_DESK_SETTINGS, approvalMemberAboveUsd: { 2: '1000', 3: null } }, '50000');
  assert.deepEqual([thresholdFor(policy, 1), thresholdFor(policy, 2), thresholdFor(policy, 3)], ['50000', '1000', null]);
  assert.equal(approvalThreshold(policy, 1, '50000'), null, 'at the threshold: no approval');
  assert.equal(approvalThreshold(policy, 1, '50000.01'), '50000');
  assert.equal(approvalThreshold(policy, 2, '1000.5'), '1000');
  assert.equal(approvalThreshold(policy, 3, '99999999'), null);
  assert.equal(approvalThreshold(policy, 1, undefined), null, 'no value: the checks refuse the order anyway');
});

test('never the requester, never a viewer; admins only when the policy says so', () => {
  const traders = approvalPolicy(DEFAULT_DESK_SETTINGS, '1');
  const admins = approvalPolicy({ ...DEFAULT_DESK_SETTINGS, approvalApprovers: 'admins' }, '1');
  const request = { requesterId: 1 };
  assert.equal(deciderRefusal(traders, member(1, 'admin'), request)?.code, 'self_approval');
  assert.equal(deciderRefusal(traders, member(2, 'viewer'), request)?.code, 'not_an_approver');
  assert.equal(deciderRefusal(traders, member(2, 'trader'), request), null);
  assert.equal(deciderRefusal(admins, member(2, 'trader'), request)?.code, 'not_an_approver');
  assert.equal(deciderRefusal(admins, member(3, 'admin'), request), null);
  assert.deepEqual([canApprove(traders, member(2, 'trader')), canApprove(admins, member(2, 'trader')), canApprove(traders, member(2, 'viewer'))], [true, false, false]);
});

test('the admin\'s policy input is validated with readable messages', () => {
  const ok = { aboveUsd: '50000', memberAboveUsd: { 7: '100.50' }, approvers: 'admins', lifetimeMinutes: 15 };
  assert.equal(policySchema.safeParse(ok).success, true);
  const messages = (input: unknown) => policySchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
  assert.match(messages({ ...ok, aboveUsd: '-1' }).join(), /USD amount/);
  assert.match(messages({ ...ok, lifetimeMinutes: 0 }).join(), /at least 1 minute/);
  assert.match(messages({ ...ok, approvers: 'anyone' }).join(), /traders" or "admins/);
  assert.match(messages({ ...ok, memberAboveUsd: { bob: '1' } }).join(), /whole numbers/);
});
