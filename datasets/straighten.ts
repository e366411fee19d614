// The crop a phone's straighten tool makes: after turning a W x H photo by `degrees`, the largest centred
// rectangle of the same aspect that holds no filled corner (w cos + h sin <= W and w sin + h cos <= H).
export function straightenedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const a = (Math.abs(degrees) * Math.PI) / 180;
  const k = Math.min(1 / (Math.cos(a) + (height / width) * Math.sin(a)), 1 / ((width / height) * Math.sin(a) + Math.cos(a)));
  return { width: Math.floor(width * k), height: Math.floor(height * k) };
}
