import { html } from 'lit';
import type { PromotionStepView } from '../shared/views/deploys.js';
import { promotionText } from './deploy-words.js';
import { STATUS_GLYPH } from './theme.js';

/**
 * One step of the deploys tile's promotion line, at server time `now`: a glyph (too far behind:
 * warning; in step: ok; else ◀), the environment, and how far it is behind the one before.
 */
export function promotionStep(s: PromotionStepView, now: number) {
  return html`<span class="step line ${s.tooFar ? 's-warning' : ''}" data-step=${s.env} data-too-far=${s.tooFar}
    ><span class="keep">${s.tooFar ? STATUS_GLYPH.warning : s.behind === 0 ? STATUS_GLYPH.ok : '◀'}</span> <span class="env keep">${s.env}</span>
    <span class="text clip">${promotionText(s, now)}</span></span
  >`;
}
