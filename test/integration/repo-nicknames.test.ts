// Repo nicknames in the input of writes: made canonical against the graph the write plans over.
import { describe, expect, it } from 'vitest';
import { createIssue, updateIssue } from '../../src/app/issues.js';
import { createPlan, updatePlan } from '../../src/app/plans.js';
import { createTodo, updateTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { ecosystemDir } from '../helpers/temp.js';

const FILE = `version: "1.0"
repos:
  - name: core
    path: ./core
    nicknames: [co]
  - name: web
    path: ./web
    nicknames: [front]
coordination:
  todos:
    - id: TODO-1
      task: First
      repo: core
`;

describe('repo nicknames in writes', () => {
  it('are written as the repo names, in creates and updates of todos, issues and plans', async () => {
    const { file } = ecosystemDir(FILE);
    const ws = new Workspace({ file, actor: 'test', env: {} });
    try {
      expect((await createTodo(ws, { task: 'Second', repo: 'front' })).todo.repo).toBe('web');
      expect((await updateTodo(ws, 'TODO-1', { repo: 'front' })).todo.repo).toBe('web');
      const issue = (await createIssue(ws, { title: 'Broken', repos: ['co', 'front'] })).issue;
      expect(issue.repos).toEqual(['core', 'web']);
      expect((await updateIssue(ws, issue.id, { repos: ['front'] })).issue.repos).toEqual(['web']);
      const plan = (await createPlan(ws, { title: 'Ship', repos: ['co'] })).plan;
      expect(plan.repos).toEqual(['core']);
      expect((await updatePlan(ws, plan.id, { repos: ['front', 'co'] })).plan.repos).toEqual(['web', 'core']);
    } finally {
      ws.close();
    }
  });
});
