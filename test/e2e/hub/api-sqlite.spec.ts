import { test } from '@playwright/test';
import { defineApiSuite } from './api-suite.ts';
import { stopPostgres } from './helpers.ts';
import { defineSecuritySuite } from './security-suite.ts';
import { defineStaticTests } from './static-serving.ts';

// The same API and security suites run against SQLite (a file in the data folder).
defineApiSuite('sqlite');
defineSecuritySuite('sqlite');
// Static files do not touch the database: once is enough.
defineStaticTests();
test.afterAll(stopPostgres);
