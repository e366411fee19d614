// What a Norwood stage says about where the loss is, for the rules that act on it (the plan photo's
// choice, the recommendation's cautions).

/** Whether a Norwood stage leaves the crown untreated: 1, 2, 2A, 3, 3A (3V and 4 up involve the vertex). */
export function frontOnlyStage(stage: string | null | undefined): boolean {
  return stage === '1' || stage === '2' || stage === '2A' || stage === '3' || stage === '3A';
}
