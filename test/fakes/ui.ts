/** Ui, Menu and the recorded state tests inspect (menus, dialogs, toasts). */
import { FakeContext, gasError, requireAuth } from './context';

export type MenuItem = { caption: string; functionName: string } | { separator: true } | { submenu: MenuData };
export interface MenuData {
  title: string;
  items: MenuItem[];
  addon?: boolean;
}
export interface ShownEntry {
  kind: 'sidebar' | 'modal' | 'modeless' | 'alert' | 'prompt';
  title: string | null;
  message?: string;
  content?: string;
  width?: number;
  height?: number;
  buttons?: string;
  output?: any;
}
export interface UiState {
  /** Menus added with addToUi(), as plain data, in order. */
  menus: MenuData[];
  /** Sidebars, dialogs, alerts and prompts shown, in order. */
  shown: ShownEntry[];
  toasts: { message: string; title: string; timeoutSeconds?: number }[];
  /** Button returned by the next alert() calls (default 'OK'). */
  alertResponse: string;
  /** Responses returned by prompt(), consumed in order; default { button: 'OK', text: '' }. */
  promptResponses: { button: string; text: string }[];
  /** False simulates a context without a UI (getUi() throws). */
  available: boolean;
}

const UI_SCOPE = 'https://www.googleapis.com/auth/script.container.ui';
const BUTTONS = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
const BUTTON_SETS = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };

export function createUiState(): UiState {
  return { menus: [], shown: [], toasts: [], alertResponse: 'OK', promptResponses: [], available: true };
}

class Menu {
  private readonly items: (MenuItem | { submenuOf: Menu })[] = [];
  constructor(
    private readonly state: UiState,
    private readonly title: string,
    private readonly addon = false,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    this.items.push({ submenuOf: menu });
    return this;
  }
  addToUi(): void {
    this.state.menus.push(this.toData());
  }
  toData(): MenuData {
    const items = this.items.map((i) => ('submenuOf' in i ? { submenu: i.submenuOf.toData() } : { ...i }));
    return this.addon ? { title: this.title, items, addon: true } : { title: this.title, items };
  }
}

function outputInfo(html: any): { content?: string; title: string | null; width?: number; height?: number } {
  if (!html || typeof html.getContent !== 'function') return { title: null };
  return {
    content: html.getContent(),
    title: typeof html.getTitle === 'function' ? html.getTitle() : null,
    width: typeof html.getWidth === 'function' ? html.getWidth() : undefined,
    height: typeof html.getHeight === 'function' ? html.getHeight() : undefined,
  };
}

export function createUi(ctx: FakeContext, state: UiState, addonName: string): any {
  const guard = (method: string) => requireAuth(ctx, `Ui.${method}`, UI_SCOPE);
  const ui = {
    Button: BUTTONS,
    ButtonSet: BUTTON_SETS,
    createMenu: (caption: string) => new Menu(state, String(caption)),
    createAddonMenu: () => new Menu(state, addonName, true),
    showSidebar(html: any) {
      guard('showSidebar');
      state.shown.push({ kind: 'sidebar', output: html, ...outputInfo(html) });
    },
    showModalDialog(html: any, title: string) {
      guard('showModalDialog');
      state.shown.push({ kind: 'modal', output: html, ...outputInfo(html), title: String(title) });
    },
    showModelessDialog(html: any, title: string) {
      guard('showModelessDialog');
      state.shown.push({ kind: 'modeless', output: html, ...outputInfo(html), title: String(title) });
    },
    alert(...args: any[]) {
      guard('alert');
      const [title, message, buttons] = args.length >= 3 ? args : [null, args[0], args[1]];
      state.shown.push({ kind: 'alert', title, message: String(message), buttons: buttons ?? 'OK' });
      return state.alertResponse;
    },
    prompt(...args: any[]) {
      guard('prompt');
      const [title, message, buttons] = args.length >= 3 ? args : [null, args[0], args[1]];
      state.shown.push({ kind: 'prompt', title, message: String(message), buttons: buttons ?? 'OK' });
      const r = state.promptResponses.shift() || { button: 'OK', text: '' };
      return { getResponseText: () => r.text, getSelectedButton: () => r.button };
    },
  };
  return ui;
}

export function getUi(ctx: FakeContext, state: UiState, addonName: string): any {
  if (!state.available) throw gasError(ctx, 'Cannot call SpreadsheetApp.getUi() from this context.');
  return createUi(ctx, state, addonName);
}
