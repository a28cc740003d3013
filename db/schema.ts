// The whole schema, one file per domain under db/schema/. drizzle-kit reads db/schema/*.ts.
export * from './schema/accounts';
export * from './schema/chat';
export * from './schema/governance';
export * from './schema/memory';
export * from './schema/personas';
