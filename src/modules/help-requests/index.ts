/** Public API of the help-requests module: other modules call these, never its tables' writes. */
export { type HelplineStep, stepHelplineRequest } from './service/helpline-steps.ts';
export { formatTrackingCode } from './service/intake.ts';
export { visibleTo } from './service/scope.ts';
export { recordVolunteerStep } from './service/volunteer-step.ts';
