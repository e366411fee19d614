// Before/after comparison: the "after" image lies over the "before" one and is revealed up to a
// position set by a range input (keyboard and screen readers) or by dragging on the images.
import { h, uid } from './dom.js';

/**
 * @param {{ beforeUrl: string, afterUrl: string, beforeAlt: string, afterAlt: string }} opts
 * @returns {HTMLElement}
 */
export function compareSlider({ beforeUrl, afterUrl, beforeAlt, afterAlt }) {
  const id = uid('compare');
  const after = h('img', { class: 'compare-after', src: afterUrl, alt: afterAlt });
  const before = h('img', { class: 'compare-before', src: beforeUrl, alt: beforeAlt });
  const divider = h('div', { class: 'compare-divider', 'aria-hidden': 'true' }, h('span', { class: 'compare-knob' }));
  const stage = h(
    'div',
    { class: 'compare-stage' },
    before,
    after,
    divider,
    h('span', { class: 'compare-tag compare-tag-before', 'aria-hidden': 'true', text: 'Before' }),
    h('span', { class: 'compare-tag compare-tag-after', 'aria-hidden': 'true', text: 'After' }),
  );
  const range = h('input', { id, class: 'compare-range', type: 'range', min: '0', max: '100', step: '1', value: '50' });
  const set = (v) => {
    const pct = Math.min(100, Math.max(0, Math.round(v)));
    range.value = String(pct);
    // Left of the divider is "before", right of it "after".
    after.style.clipPath = `inset(0 0 0 ${pct}%)`;
    divider.style.left = `${pct}%`;
    range.setAttribute('aria-valuetext', `${100 - pct} % of the preview shown`);
  };
  range.addEventListener('input', () => set(Number(range.value)));
  let dragging = false;
  const fromPointer = (e) => {
    const r = stage.getBoundingClientRect();
    set(((e.clientX - r.left) / r.width) * 100);
  };
  stage.addEventListener('pointerdown', (e) => {
    dragging = true;
    stage.setPointerCapture(e.pointerId);
    fromPointer(e);
  });
  stage.addEventListener('pointermove', (e) => dragging && fromPointer(e));
  stage.addEventListener('pointerup', () => (dragging = false));
  stage.addEventListener('pointercancel', () => (dragging = false));
  set(50);
  return h(
    'div',
    { class: 'compare' },
    stage,
    h('label', { class: 'compare-label', for: id, text: 'Slide to compare your photo (left) with the preview (right)' }),
    range,
  );
}
