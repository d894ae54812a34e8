import { callAction } from '../api/call';
import type { ActionName } from '../api/actions';
import { gasRuntime, rememberSpreadsheet } from './services';

// google.script.run passes the sidebar's language after the input: its messages come back in it.
// The database's connection, if any, is the execution's: closed when the call is done.
const entry = (name: ActionName) => (input?: unknown, language?: unknown) => {
  const runtime = gasRuntime();
  try {
    return callAction(runtime, name, input, typeof language === 'string' ? language : undefined);
  } finally {
    runtime.database?.sql.close();
  }
};

/** Every action of src/api/actions.ts, as the functions google.script.run calls. A test checks that
 *  this list and the actions stay the same. */
export const bootstrap = entry('bootstrap');
const setUpEntry = entry('setUp');
/** Set up from the sidebar: also keeps the spreadsheet's id for the web app, which has no active one. */
export const setUp = (input?: unknown, language?: unknown) => {
  const answer = setUpEntry(input, language);
  if (answer.ok) rememberSpreadsheet();
  return answer;
};
export const searchContacts = entry('searchContacts');
export const getContactCard = entry('getContactCard');
export const recordOptions = entry('recordOptions');
export const createContact = entry('createContact');
export const updateContact = entry('updateContact');
export const deleteContact = entry('deleteContact');
export const logInteraction = entry('logInteraction');
export const editInteraction = entry('editInteraction');
export const deleteInteraction = entry('deleteInteraction');
export const editGift = entry('editGift');
export const deleteGift = entry('deleteGift');
export const editMembership = entry('editMembership');
export const deleteMembership = entry('deleteMembership');
export const deletedContacts = entry('deletedContacts');
export const restoreContact = entry('restoreContact');
export const undoChange = entry('undoChange');
export const addTag = entry('addTag');
export const removeTag = entry('removeTag');
export const addRelationship = entry('addRelationship');
export const endRelationship = entry('endRelationship');
export const addMembership = entry('addMembership');
export const renewMembership = entry('renewMembership');
export const recordGift = entry('recordGift');
export const dictionary = entry('dictionary');
export const sidebarPart = entry('sidebarPart');
export const setMembershipStatus = entry('setMembershipStatus');
export const followUps = entry('followUps');
export const completeFollowUp = entry('completeFollowUp');
export const snoozeFollowUp = entry('snoozeFollowUp');
export const activeContact = entry('activeContact');
export const showContactInSheet = entry('showContactInSheet');
export const refreshStatuses = entry('refreshStatuses');
export const refreshSearchIndex = entry('refreshSearchIndex');
export const importFile = entry('importFile');
export const uploadImportFile = entry('uploadImportFile');
export const archiveOldRows = entry('archiveOldRows');
export const archivedInteractions = entry('archivedInteractions');
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
export const refreshScores = entry('refreshScores');
export const rfmScores = entry('rfmScores');
export const hotList = entry('hotList');
export const listSegments = entry('listSegments');
export const getSegment = entry('getSegment');
export const saveSegment = entry('saveSegment');
export const deleteSegment = entry('deleteSegment');
export const refreshSegments = entry('refreshSegments');
export const addToSegment = entry('addToSegment');
export const removeFromSegment = entry('removeFromSegment');
export const addSelectionToSegment = entry('addSelectionToSegment');
export const addSearchToSegment = entry('addSearchToSegment');
export const queryOptions = entry('queryOptions');
export const runTriggerPoints = entry('runTriggerPoints');
export const triggerLog = entry('triggerLog');
export const listTriggerPoints = entry('listTriggerPoints');
export const saveTriggerPoint = entry('saveTriggerPoint');
export const deleteTriggerPoint = entry('deleteTriggerPoint');
export const dashboard = entry('dashboard');
export const refreshDashboard = entry('refreshDashboard');
export const listStaff = entry('listStaff');
export const addStaff = entry('addStaff');
export const setStaffRole = entry('setStaffRole');
export const deactivateStaff = entry('deactivateStaff');
export const listImports = entry('listImports');
export const cellBudget = entry('cellBudget');
export const inbox = entry('inbox');
export const retryDelivery = entry('retryDelivery');
export const applyInbox = entry('applyInbox');
export const intakeSettings = entry('intakeSettings');
export const rotateIntakeToken = entry('rotateIntakeToken');
export const setKoFiToken = entry('setKoFiToken');
export const setPayPalChecking = entry('setPayPalChecking');
export const setStripeKey = entry('setStripeKey');
export const askStripe = entry('askStripe');
export const listTemplates = entry('listTemplates');
export const getTemplate = entry('getTemplate');
export const saveTemplate = entry('saveTemplate');
export const previewTemplate = entry('previewTemplate');
export const previewMailing = entry('previewMailing');
export const sendTestEmail = entry('sendTestEmail');
export const sendMailing = entry('sendMailing');
export const continueMailings = entry('continueMailings');
export const listMailings = entry('listMailings');
export const cancelMailing = entry('cancelMailing');
export const setWebAppUrl = entry('setWebAppUrl');
export const newsletterSettings = entry('newsletterSettings');
export const databaseSettings = entry('databaseSettings');
export const connectDatabase = entry('connectDatabase');
export const disconnectDatabase = entry('disconnectDatabase');
export const newsletterLists = entry('newsletterLists');
export const connectNewsletter = entry('connectNewsletter');
export const chooseNewsletterList = entry('chooseNewsletterList');
export const disconnectNewsletter = entry('disconnectNewsletter');
export const previewSync = entry('previewSync');
export const syncNewsletter = entry('syncNewsletter');
