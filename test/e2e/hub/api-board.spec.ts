import { test } from '@playwright/test';
import { defineBoardSuite } from './api-board.ts';
import { stopPostgres } from './helpers.ts';

// The editorial board over real HTTP, on SQLite and on a real PostgreSQL.
defineBoardSuite('sqlite');
defineBoardSuite('postgres');
test.afterAll(stopPostgres);
