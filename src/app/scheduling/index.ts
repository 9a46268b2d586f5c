// What surfaces call for jobs and activities (the scheduler runtime itself is src/schedule/runtime.ts).
export { listJobs, showJob, triggerJob, runActivity, triggerTarget, resetBreaker, listActivities, showActivity, setActivityEnabled, type TargetView, type FireView, type TriggerResult } from './admin.js';
export { receiveWebhook, type WebhookCall, MAX_WEBHOOK_BODY } from './webhook-in.js';
export { registerOperation, operationNames, type Operation } from './operations.js';
