/** HtmlService and ContentService. */
import { FakeContext, gasError } from './context';

const X_FRAME = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
const SANDBOX = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' };
const MIME = {
  ATOM: 'ATOM',
  CSV: 'CSV',
  ICAL: 'ICAL',
  JAVASCRIPT: 'JAVASCRIPT',
  JSON: 'JSON',
  RSS: 'RSS',
  TEXT: 'TEXT',
  VCARD: 'VCARD',
  XML: 'XML',
};

export class HtmlOutput {
  private title = '';
  private width?: number;
  private height?: number;
  private xFrameOptionsMode = X_FRAME.DEFAULT;
  private sandboxMode = SANDBOX.IFRAME;
  private readonly metaTags: { name: string; content: string }[] = [];

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    const escaped = String(addedContent).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    this.content += escaped;
    return this;
  }
  clear(): HtmlOutput {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this;
  }
  getWidth(): number | undefined {
    return this.width;
  }
  setWidth(width: number): HtmlOutput {
    this.width = Number(width);
    return this;
  }
  getHeight(): number | undefined {
    return this.height;
  }
  setHeight(height: number): HtmlOutput {
    this.height = Number(height);
    return this;
  }
  setXFrameOptionsMode(mode: string): HtmlOutput {
    this.xFrameOptionsMode = mode;
    return this;
  }
  getXFrameOptionsMode(): string {
    return this.xFrameOptionsMode;
  }
  setSandboxMode(mode: string): HtmlOutput {
    this.sandboxMode = mode;
    return this;
  }
  getSandboxMode(): string {
    return this.sandboxMode;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { getName(): string; getContent(): string }[] {
    return this.metaTags.map((t) => ({ getName: () => t.name, getContent: () => t.content }));
  }
  setFaviconUrl(_url: string): HtmlOutput {
    return this;
  }
}

export interface HtmlFiles {
  /** Project HTML files by name without the .html extension. */
  files: Record<string, string>;
}

export function createHtmlService(ctx: FakeContext, html: HtmlFiles): any {
  return {
    XFrameOptionsMode: X_FRAME,
    SandboxMode: SANDBOX,
    createHtmlOutput(content?: any): HtmlOutput {
      const text = content === undefined || content === null ? '' : typeof content.getDataAsString === 'function' ? content.getDataAsString() : String(content);
      return new HtmlOutput(text);
    },
    createHtmlOutputFromFile(filename: string): HtmlOutput {
      const name = String(filename).replace(/\.html$/, '');
      if (!Object.prototype.hasOwnProperty.call(html.files, name)) throw gasError(ctx, `No HTML file named ${name} was found.`);
      return new HtmlOutput(html.files[name]);
    },
  };
}

export class TextOutput {
  private mimeType = MIME.TEXT;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): TextOutput {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): TextOutput {
    this.content += String(addedContent);
    return this;
  }
  clear(): TextOutput {
    this.content = '';
    return this;
  }
  getMimeType(): string {
    return this.mimeType;
  }
  setMimeType(mimeType: string): TextOutput {
    this.mimeType = mimeType;
    return this;
  }
  getFileName(): string | null {
    return null;
  }
  downloadAsFile(_name: string): TextOutput {
    return this;
  }
}

export function createContentService(): any {
  return {
    MimeType: MIME,
    createTextOutput: (content?: any) => new TextOutput(content === undefined || content === null ? '' : String(content)),
  };
}
