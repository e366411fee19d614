// The photo views the page asks for, in the order it guides a person through them. `id` is the
// multipart field name the API expects (DESIGN.md §3).

/** @typedef {{ id: string, title: string, short: string, how: string, drawing: string, optional: boolean }} ViewSpec */

/** @type {readonly ViewSpec[]} */
export const VIEWS = Object.freeze([
  {
    id: 'front',
    title: 'Front',
    short: 'front',
    how: 'Face the phone and look straight ahead. Push your hair back so your hairline and forehead fill the screen. Hold the phone a little above eye level.',
    drawing: 'img/view-front.svg',
    optional: false,
  },
  {
    id: 'top',
    title: 'Top of the head',
    short: 'top',
    how: 'Bow your head. Hold the phone (or ask someone to) about 30 cm straight above your crown, so the whole top of your head is on the screen.',
    drawing: 'img/view-top.svg',
    optional: false,
  },
  {
    id: 'left',
    title: 'Left side',
    short: 'left side',
    how: 'Turn so your left ear faces the phone. Your temple and the hair above your ear should be on the screen.',
    drawing: 'img/view-left.svg',
    optional: false,
  },
  {
    id: 'right',
    title: 'Right side',
    short: 'right side',
    how: 'Turn so your right ear faces the phone. Your temple and the hair above your ear should be on the screen.',
    drawing: 'img/view-right.svg',
    optional: false,
  },
  {
    id: 'back',
    title: 'Back of the head',
    short: 'back',
    how: 'Ask someone to stand behind you and take the photo from about 50 cm, with your crown and the nape of your neck on the screen.',
    drawing: 'img/view-back.svg',
    optional: false,
  },
  {
    id: 'closeup',
    title: 'Scar close-up',
    short: 'scar close-up',
    how: 'Only if you have a scar you would like covered: hold the phone 10 to 15 cm from it, in good light, with the scar in the middle. Skip this if you have none.',
    drawing: 'img/view-closeup.svg',
    optional: true,
  },
]);

export const MAIN_VIEW_COUNT = VIEWS.filter((v) => !v.optional).length;

/** @param {string} id */
export function viewById(id) {
  return VIEWS.find((v) => v.id === id);
}
