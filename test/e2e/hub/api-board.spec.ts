import { test } from '@playwright/test';
import { defineBoardSuite } from './api-board.ts';
import { defineBoardWorkflowSuite } from './api-board-workflow.ts';
import { stopPostgres } from './helpers.ts';

// The editorial board and its workflow over real HTTP, on SQLite and on a real PostgreSQL.
defineBoardSuite('sqlite');
defineBoardSuite('postgres');
defineBoardWorkflowSuite('sqlite');
defineBoardWorkflowSuite('postgres');
test.afterAll(stopPostgres);
