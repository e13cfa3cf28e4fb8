import { afterEach } from 'vitest';
import '../../../src-renderer/app.css';
import { bridge } from './bridge.ts';

// Each test file runs in its own page (fresh bridge, fresh renderer stores); within a file, each
// test starts with no recorded calls and no canned answers.
afterEach(() => bridge.reset());
