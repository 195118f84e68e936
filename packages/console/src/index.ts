/** The console's pure logic, for tests and for other packages that want the same rules. */
export * from './inbox/conversations';
export * from './conversation/visitor-format';
export * from './conversation/chat';
