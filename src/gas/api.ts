import { callAction } from '../api/call';
import type { ActionName } from '../api/actions';
import { gasRuntime } from './services';

const entry = (name: ActionName) => (input?: unknown) => callAction(gasRuntime(), name, input);

/** Every action of src/api/actions.ts, as the functions google.script.run calls. A test checks that
 *  this list and the actions stay the same. */
export const bootstrap = entry('bootstrap');
export const setUp = entry('setUp');
export const searchContacts = entry('searchContacts');
export const getContactCard = entry('getContactCard');
export const recordOptions = entry('recordOptions');
export const createContact = entry('createContact');
export const updateContact = entry('updateContact');
export const deleteContact = entry('deleteContact');
export const logInteraction = entry('logInteraction');
export const addTag = entry('addTag');
export const removeTag = entry('removeTag');
export const addRelationship = entry('addRelationship');
export const endRelationship = entry('endRelationship');
export const addMembership = entry('addMembership');
export const renewMembership = entry('renewMembership');
export const setMembershipStatus = entry('setMembershipStatus');
export const followUps = entry('followUps');
export const completeFollowUp = entry('completeFollowUp');
export const snoozeFollowUp = entry('snoozeFollowUp');
export const activeContact = entry('activeContact');
export const showContactInSheet = entry('showContactInSheet');
export const refreshStatuses = entry('refreshStatuses');
export const importFile = entry('importFile');
export const undoImport = entry('undoImport');
export const findDuplicates = entry('findDuplicates');
export const markNotDuplicate = entry('markNotDuplicate');
export const mergeContacts = entry('mergeContacts');
export const undoMerge = entry('undoMerge');
export const exportRows = entry('exportRows');
export const setLanguage = entry('setLanguage');
export const continueImport = entry('continueImport');
export const continueRunningImports = entry('continueRunningImports');
export const queryContacts = entry('queryContacts');
