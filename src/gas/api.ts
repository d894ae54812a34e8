import { callAction } from '../api/call';
import type { ActionName } from '../api/actions';
import { gasRuntime } from './services';

const entry = (name: ActionName) => (input?: unknown) => callAction(gasRuntime(), name, input);

/** Every action of src/api/actions.ts, as the functions google.script.run calls. A test checks that
 *  this list and the actions stay the same. */
export const bootstrap = entry('bootstrap');
export const setUp = entry('setUp');
export const listContacts = entry('listContacts');
export const getContact = entry('getContact');
export const createContact = entry('createContact');
export const updateContact = entry('updateContact');
