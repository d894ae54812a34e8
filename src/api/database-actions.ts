import * as z from 'zod/mini';
import { defineAction } from './action';
import { connectDatabase, databaseView, disconnectDatabase } from '../services/database/connection';

/** The database the big tables move to when a team outgrows the spreadsheet (admins). */
export const DATABASE_ACTIONS = {
  databaseSettings: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => databaseView(runtime),
  }),

  /** Checks the address by connecting, migrates the database, moves the big tables' rows into it. */
  connectDatabase: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'database.connect',
    input: () =>
      z.strictObject({
        url: z.string().check(z.minLength(1), z.maxLength(500)),
        user: z.optional(z.string().check(z.maxLength(100))),
        password: z.optional(z.string().check(z.maxLength(200))),
      }),
    run: ({ runtime, workbook }, input) => connectDatabase(runtime, workbook, input),
  }),

  disconnectDatabase: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'database.disconnect',
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime, workbook }) => disconnectDatabase(runtime, workbook),
  }),
};
