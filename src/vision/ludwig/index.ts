// Public surface of the Ludwig (female pattern) grade.
export { DEFAULT_LUDWIG_RULES, gradeLudwig, type LudwigGrade, type LudwigResult, type LudwigRules } from './grade.js';
