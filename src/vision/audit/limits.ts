// What an audit takes, in one small module the API can import without the audit's OpenCV graph.

/** The shortest side an audit photo may have: registration and the ring around the scar need room. */
export const AUDIT_MIN_SIDE = 64;

/**
 * Scales an audit takes, in the before photo's pixels per cm: under 1 a 4000 px photo would span 40 m
 * (1e-300 was taken and gave 0 dots per cm²), over 10,000 a dot would be 10 px wide in a 1 mm field.
 */
export const PX_PER_CM_LIMITS = { min: 1, max: 10_000 } as const;
