import { test } from '@playwright/test';
import { defineApiSuite } from './api-suite.ts';
import { stopPostgres } from './helpers.ts';
import { defineSecuritySuite } from './security-suite.ts';

// The same API and security suites run against a real PostgreSQL started by the test (helpers.ts).
defineApiSuite('postgres');
defineSecuritySuite('postgres');
test.afterAll(stopPostgres);
