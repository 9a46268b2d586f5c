// Ecosystem files written for Concord's own tests: a small clean one, and one with every real-world quirk.

/** A small, valid ecosystem: three repos, an issue, a plan with a milestone, five todos, two dependencies. */
export const SMALL = `# Test ecosystem
version: "1.0"
repos:
  - name: api
    path: ./api
    role: service
    nickname: a
    nicknames: [a, backend]
  - name: web
    path: ./web
    role: app
  - name: lib
    path: ./lib
    role: library
roles:
  - name: service
    capabilities: [serve]
  - name: app
  - name: library
coordination:
  issues:
    - id: ISSUE-1
      title: "Upgrade the runtime"
      status: pending
      priority: high
      repos: [api, web]
      blocking: [TODO-3]
  plans:
    - id: PLAN-1
      title: Launch
      status: active
      target: "2026-12-31"
      milestones:
        - id: MILESTONE-1
          name: Beta
          due: "2026-12-01"
          status: in_progress
  todos:
    # The first piece of work
    - id: TODO-1
      task: Build the API  # inline comment
      repo: api
      status: completed
      priority: high
      estimated_hours: 8
      blocking: [TODO-2]
      plan: PLAN-1
      milestone: MILESTONE-1
    - id: TODO-2
      task: Call the API from the web app
      repo: web
      status: pending
      priority: medium
      estimated_hours: 5
      blocked_by: [TODO-1]
      blocking: [TODO-4]
      plan: PLAN-1
      labels: [frontend]
    - id: TODO-3
      task: Ship the runtime upgrade
      repo: api
      status: pending
      priority: critical
      estimated_hours: 3
      blocked_by: [ISSUE-1]
      assignee: alice
    - id: TODO-4
      task: Document the API
      repo: lib
      status: pending
      priority: low
      estimated_hours: 2
      blocked_by: [TODO-2]
      plan: PLAN-1
    - id: TODO-5
      task: Write the changelog
      description: |
        A block scalar.
        # not a comment: part of the text
      repo: lib
      status: pending
      priority: medium
  dependencies:
    - id: DEP-1
      consumer: web
      provider: api
      type: runtime
      version_constraint: ">=1.0.0"
      status: satisfied
    - id: DEP-2
      consumer: api
      provider: lib
      type: development
      status: unsatisfied
`;

/** The quirks of the real-world file (P0-P3, fixed, created_at, issue_ids, issue_id, tags, nicknames). */
export const QUIRKY = `version: '1.0'
maintainer: les
repos:
- name: core
  package: core_pkg
  path: /src/core
  nickname: "on"
  nicknames:
  - "on"
  - co
  role: orchestrator
  tags:
  - main
  status: active
- name: tools
  role: worker
roles:
- name: orchestrator
  capabilities:
  - sweep
- name: worker
  duties:
  - Execute headless commands
coordination:
  issues:
  - id: MHV-001
    title: asyncio.run() called in sync context
    description: 'app.py:707 calls asyncio.run()

      which will fail at runtime.

      '
    severity: critical
    priority: P0
    status: fixed
    resolution: Added a fallback
    pool: python
    affected_files:
    - core/app.py
    created_at: 2026-02-20 12:00:00+00:00
    fixed_at: 2026-02-20 16:30:00+00:00
    tags:
    - async
  - id: MHV-002
    title: Missing logger import
    priority: P1
    status: pending
    created_at: 2026-02-20 12:00:00+00:00
  plans:
  - id: PLAN-001
    title: Phase 1 Critical Fixes
    issue_ids:
    - MHV-001
    status: pending
    created_at: 2026-02-20 12:00:00+00:00
  - id: PLAN-002
    title: Phase 2
    issue_ids:
    - MHV-002
    depends_on:
    - PLAN-001
    status: pending
  todos:
  - id: TODO-001
    issue_id: MHV-002
    task: Add the logger import (a long line that a printer would fold because it is longer than eighty
      characters)
    status: pending
    created_at: 2026-02-20 12:00:00+00:00
  - id: TODO-002
    task: MCP Test Task
    repo: tools
    status: done
    priority: P2
    created: '2026-04-15T05:22:50.718551'
    updated: '2026-04-15T05:22:50.718551'
    estimated_hours: 4.0
    actual_hours: null
    blocked_by: []
    blocking: []
    assignee: null
    labels: []
    acceptance_criteria: []
`;
