// What an audit takes, in one small module the API can import without the audit's OpenCV graph.

/** The shortest side an audit photo may have: registration and the ring around the scar need room. */
export const AUDIT_MIN_SIDE = 64;

/**
 * Scales an audit takes, in the before photo's pixels per cm: under 1 a 4000 px photo would span 40 m
 * (1e-300 was taken and gave 0 dots per cm²), over 10,000 a dot would be 10 px wide in a 1 mm field.
 */
export const PX_PER_CM_LIMITS = { min: 1, max: 10_000 } as const;

/**
 * A scar outline: 3..1000 points, each within ±1,000,000 px of the before photo's origin. Points off the
 * photo are clipped (an outline past the edge is fine), but a coordinate past 2^31 wrapped round in the
 * fill's 32-bit integers and painted a sliver the caller never drew.
 */
export const SCAR_POLYGON_LIMITS = { minPoints: 3, maxPoints: 1000, maxAbsCoordinate: 1_000_000 } as const;
