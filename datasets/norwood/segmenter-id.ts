// Prints the id of the segmenter the Norwood fit will use (for training/norwood/fit.sh).
import { segmenterId } from './segmenter.js';

console.log(segmenterId());
