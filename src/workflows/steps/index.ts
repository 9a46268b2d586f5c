// The step types, by name: a new type is one module in this folder and one line here (docs/workflows.md).
import type { StepType } from '../step.js';
import { agentStep } from './agent.js';
import { apiCallStep } from './api-call.js';
import { concordStep } from './concord.js';
import { exportStep } from './export.js';
import { fileGenerationStep } from './file-generation.js';
import { repoCreationStep } from './repo-creation.js';
import { shellStep } from './shell.js';

export const STEP_TYPES: readonly StepType[] = [concordStep, agentStep, shellStep, apiCallStep, fileGenerationStep, repoCreationStep, exportStep];

const BY_TYPE = new Map(STEP_TYPES.map((s) => [s.type, s]));

export const stepType = (type: string): StepType | undefined => BY_TYPE.get(type);
