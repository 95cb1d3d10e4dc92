import { describe, expect, it } from 'vitest';
import type { DeployItemView, PromotionStepView } from '../../src/shared/views/deploys.js';
import { promotionText, runningDeploy } from '../../src/widgets/deploy-words.js';

// local times, as the display shows them: Thursday 10 January 2030, 10:30
const NOW = new Date(2030, 0, 10, 10, 30).getTime();
const MIN = 60_000;

function deploy(over: Partial<DeployItemView>): DeployItemView {
  return {
    key: 'd1', what: 'M-4411', manifest: 'M-4411', service: null, version: null, outcome: 'running', word: 'DEPLOYING',
    progress: null, step: null, by: null, ticket: null, startedAt: NOW - 4 * MIN, finishedAt: null, timeoutAt: null,
    estimatedMs: null, message: null, origin: 'deploy-tool', ...over,
  };
}

function step(over: Partial<PromotionStepView>): PromotionStepView {
  return { env: 'prod', from: 'staging', manifest: 'M-4409', since: new Date(2030, 0, 8, 12, 0).getTime(), fromManifest: 'M-4411', behind: 2, waiting: [], tooFar: false, ...over };
}

describe('a running deploy as its card says it', () => {
  it("takes the tool's own progress first", () => {
    expect(runningDeploy(deploy({ progress: 0.4, step: 'migrate', version: 'v2.4.1', estimatedMs: 10 * MIN }), NOW)).toEqual({ elapsedMs: 4 * MIN, fraction: 0.4, detail: '40% · migrate · v2.4.1' });
  });

  it("else a CI build's time run over its usual duration, never past the end", () => {
    expect(runningDeploy(deploy({ estimatedMs: 8 * MIN }), NOW)).toMatchObject({ fraction: 0.5, detail: '50%' });
    expect(runningDeploy(deploy({ estimatedMs: 2 * MIN }), NOW)).toMatchObject({ fraction: 1, detail: '100%' });
  });

  it('knows no fraction without either, and no negative time on a display whose clock is behind', () => {
    expect(runningDeploy(deploy({ step: 'canary' }), NOW)).toEqual({ elapsedMs: 4 * MIN, fraction: null, detail: 'canary' });
    expect(runningDeploy(deploy({ startedAt: NOW + MIN }), NOW)).toEqual({ elapsedMs: 0, fraction: null, detail: '' });
  });
});

describe('a promotion step in words', () => {
  it('counts the manifests behind the environment before, with what runs and since when', () => {
    expect(promotionText(step({}), NOW)).toBe('2 manifests behind staging · M-4409 since Tue');
    expect(promotionText(step({ behind: 1 }), NOW)).toBe('1 manifest behind staging · M-4409 since Tue');
    expect(promotionText(step({ behind: 0, since: null }), NOW)).toBe('in step with staging · M-4409');
  });

  it('says when it cannot tell, and what waits where nothing was deployed', () => {
    expect(promotionText(step({ behind: null }), NOW)).toBe("runs M-4409, not in staging's history");
    expect(promotionText(step({ manifest: null, since: null, behind: null }), NOW)).toBe('nothing deployed yet');
    expect(promotionText(step({ manifest: null, since: null, behind: null, waiting: ['M-4410'] }), NOW)).toBe('nothing deployed yet, 1 manifest waiting in staging');
    expect(promotionText(step({ manifest: null, since: null, behind: null, waiting: ['M-4410', 'M-4411'] }), NOW)).toBe('nothing deployed yet, 2 manifests waiting in staging');
  });
});
